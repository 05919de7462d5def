// ui/ui_text.cpp - the canvas's words, English and Chinese (scripts/cjk_chars.py reads this
// file for the font subset: every Chinese character here gets a glyph).
#include "ui/ui_text.h"

#include <atomic>
#include <cstdarg>
#include <cstdio>

namespace interleave::ui {

namespace {

struct Entry {
  Str key;
  const char* en;
  const char* zh;
};

// Format keys keep the same conversions, in the same order, in both languages.
constexpr Entry kTable[] = {
    {Str::WinThreads, "Threads", "线程"},
    {Str::WinChecks, "Checks", "检查"},
    {Str::WinTimeline, "Timeline", "时间线"},
    {Str::WinObjects, "Objects", "对象"},
    {Str::WinWaitFor, "Wait-for graph", "等待图"},
    {Str::WinOutcomes, "Outcomes", "多次运行"},

    {Str::NoThreads, "No threads yet.", "还没有线程。"},
    {Str::NoResults, "No results yet.", "还没有结果。"},
    {Str::NoObjects, "No locks, queues, pipes or events yet.", "还没有锁、队列、管道或事件。"},
    {Str::NoEvents, "No events yet.", "还没有事件。"},
    {Str::OutcomesHint, "Run many times to see how the outcome varies.", "多次运行，看看结果怎样变化。"},
    {Str::NoOutput, "(no output)", "（没有输出）"},
    {Str::NoThreadsInProcess, "(no threads)", "（没有线程）"},

    {Str::ColResult, "Result", "结果"},
    {Str::ColValue, "Value", "值"},
    {Str::ColExpected, "Expected", "预期"},
    {Str::Pass, "PASS", "通过"},
    {Str::Fail, "FAIL", "未通过"},
    {Str::NotApplicable, "n/a", "不适用"},
    {Str::ChecksPassedFmt, "%d of %d checks passed", "%d / %d 项检查通过"},

    {Str::ColObject, "Object", "对象"},
    {Str::ColType, "Type", "类型"},
    {Str::ColState, "State", "状态"},
    {Str::ColWaiting, "Waiting", "等待者"},
    {Str::HeldByFmt, "held by %s", "被 %s 持有"},
    {Str::HeldByCountFmt, "held by %s (count %lld)", "被 %s 持有（计数 %lld）"},
    {Str::Free, "free", "空闲"},
    {Str::PermitsFmt, "%lld permits", "%lld 个许可"},
    {Str::PermitsUnknown, "permits unknown", "许可数未知"},
    {Str::AlsoHeldByFmt, ", held by %s", "，被 %s 持有"},
    {Str::EventSet, "set", "已设置"},
    {Str::EventClear, "clear", "未设置"},
    {Str::NobodyWaiting, "nobody waiting", "没有人等待"},
    {Str::WaitingFmt, "%lld waiting", "%lld 个在等待"},
    {Str::QueueItemsFmt, "%lld items", "%lld 项"},
    {Str::QueueMaxFmt, " / max %lld", " / 最多 %lld"},
    {Str::QueueUnbounded, " (unbounded)", "（无上限）"},
    {Str::UnfinishedFmt, ", %lld unfinished", "，%lld 项未完成"},
    {Str::InFlightFmt, "%lld in flight (%lld sent, %lld received)", "%lld 条在途（发送 %lld，接收 %lld）"},
    {Str::Broken, "broken", "已破坏"},

    {Str::StateNew, "new", "新建"},
    {Str::StateRunnable, "runnable", "就绪"},
    {Str::StateRunning, "running", "运行"},
    {Str::StateBlocked, "blocked", "阻塞"},
    {Str::StateSleeping, "sleeping", "睡眠"},
    {Str::StateDone, "done", "结束"},
    {Str::BlockedOnFmt, "blocked on %s", "阻塞于 %s"},

    {Str::CoRunning, "running", "运行"},
    {Str::CoReady, "ready", "就绪"},
    {Str::CoWaiting, "waiting", "等待"},
    {Str::CoDone, "done", "结束"},
    {Str::MoreCoroutinesFmt, "%zu more coroutines: %zu running, %zu ready, %zu waiting, %zu done",
     "另有 %zu 个协程：%zu 运行，%zu 就绪，%zu 等待，%zu 结束"},
    {Str::CoClickRunNextFmt, "Click: the event loop runs %s next (if it is ready)", "点击：事件循环下一个运行 %s（若它已就绪）"},

    {Str::EarlierLinesFmt, "%llu earlier lines not shown", "前面 %llu 行没有显示"},
    {Str::ProcessFmt, "Process %u", "进程 %u"},
    {Str::Daemon, "daemon", "守护"},

    {Str::ProcRunning, "running", "运行中"},
    {Str::ProcZombie, "zombie <defunct>", "僵尸 <defunct>"},
    {Str::ProcReaped, "reaped", "已回收"},
    {Str::ProcReapedByInit, "reaped by init", "由 init 回收"},
    {Str::ProcOrphan, "orphan (adopted by init)", "孤儿（由 init 收养）"},
    {Str::ExitFmt, "exit %d", "退出 %d"},

    {Str::LegendLocks, "thin bars: locks held", "细条：持有的锁"},
    {Str::LegendCoroutines, "indented rows: coroutines, a bar where each ran", "缩进的行：协程，条表示它运行的时段"},
    {Str::LegendProcess, "process:", "进程："},
    {Str::MarkStart, "start", "启动"},
    {Str::MarkExit, "exit", "退出"},
    {Str::MarkKilled, "killed", "被杀死"},
    {Str::TipFromToFmt, "from %s to %s", "从 %s 到 %s"},
    {Str::Now, "now", "现在"},
    {Str::TipStateOnFmt, "%s: %s on %s", "%s：%s于 %s"},
    {Str::TipRunningFromToFmt, "running from %s to %s", "运行：从 %s 到 %s"},

    {Str::DeadlockFmt, "Deadlock: %s.", "死锁：%s。"},
    {Str::NobodyWaitsForLock, "Nobody is waiting for a lock.", "没有线程在等待锁。"},
    {Str::WaitingNoCycle, "Threads are waiting, but there is no cycle.", "有线程在等待，但没有形成环。"},

    {Str::OutcomesOverFmt, "%s over %zu runs: %d distinct outcomes", "%s，共 %zu 次运行：%d 种不同结果"},
    {Str::OutcomesExpectedFmt, "expected %g: %d runs (green)", "预期 %g：%d 次（绿色）"},

    {Str::PermitOneFmt, "%lld permit", "%lld 个许可"},
    {Str::ItemOneFmt, "%lld item", "%lld 项"},
    {Str::OutcomesOverOneFmt, "%s over %zu runs: %d distinct outcome", "%s，共 %zu 次运行：%d 种不同结果"},
    {Str::OutcomesExpectedOneFmt, "expected %g: %d run (green)", "预期 %g：%d 次（绿色）"},

    {Str::CycleFirstFmt, "%s waits for %s held by %s", "%s 等待 %s（被 %s 持有）"},
    {Str::CycleNextFmt, ", which waits for %s held by %s", "，后者又等待 %s（被 %s 持有）"},

    {Str::WinStatus, "Status", "状态"},
    {Str::StVersion, "version", "版本"},
    {Str::StCommit, "commit", "提交"},
    {Str::StTarget, "target", "目标平台"},
    {Str::StCompiler, "compiler", "编译器"},
    {Str::StIsolated, "isolated", "跨源隔离"},
    {Str::StThreads, "threads", "线程"},
    {Str::StIsolatedYes, "yes (SharedArrayBuffer available)", "是（可以使用 SharedArrayBuffer）"},
    {Str::StNo, "no", "否"},
    {Str::StThreadsReal, "real threads (pthreads on Web Workers)", "真正的线程（Web Worker 上的 pthread）"},
    {Str::StThreadsNone, "none in this build", "这个构建没有线程"},
    {Str::StCounterFmt, "Worker thread counter: %llu", "工作线程计数：%llu"},
    {Str::StRateFmt, "%.0f counts/s, frame %.1f ms", "每秒 %.0f 次，每帧 %.1f 毫秒"},
};
static_assert(sizeof kTable / sizeof kTable[0] == static_cast<size_t>(Str::Count), "one entry per key");

constexpr bool in_key_order() {
  for (size_t i = 0; i < sizeof kTable / sizeof kTable[0]; ++i)
    if (static_cast<size_t>(kTable[i].key) != i) return false;
  return true;
}
static_assert(in_key_order(), "the table lists the keys in their enum order");

std::atomic<Lang> g_lang{Lang::En};

}  // namespace

void set_ui_lang(Lang lang) { g_lang.store(lang, std::memory_order_relaxed); }
Lang ui_lang() { return g_lang.load(std::memory_order_relaxed); }

bool set_ui_lang(std::string_view code) {
  if (code == "zh") set_ui_lang(Lang::Zh);
  else if (code == "en") set_ui_lang(Lang::En);
  else return false;
  return true;
}

const char* tr(Str key) {
  const Entry& e = kTable[static_cast<size_t>(key)];
  return ui_lang() == Lang::Zh ? e.zh : e.en;
}

std::string trf(Str key, ...) {
  char buf[512];
  va_list args;
  va_start(args, key);
  const int n = std::vsnprintf(buf, sizeof buf, tr(key), args);
  va_end(args);
  if (n < 0) return tr(key);
  if (static_cast<size_t>(n) < sizeof buf) return std::string(buf, static_cast<size_t>(n));
  // Longer than the buffer (a long object or thread name): format again at full size.
  std::string out(static_cast<size_t>(n) + 1, '\0');
  va_start(args, key);
  std::vsnprintf(out.data(), out.size(), tr(key), args);
  va_end(args);
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string ui_text_zh_all() {
  std::string out;
  for (const Entry& e : kTable) out += e.zh;
  return out;
}

}  // namespace interleave::ui
