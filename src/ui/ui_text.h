// ui/ui_text.h - every word the canvas draws, in the page's language (zh or en).
//
// One keyed table (ui_text.cpp) holds both languages; views ask for a key and get the text of
// the language set last. The page passes its language through il_set_lang; native tools
// and tests stay in English unless they set one. scripts/cjk_chars.py reads ui_text.cpp,
// so every Chinese character of the table is in the canvas's font subset.
#pragma once
#include <string>
#include <string_view>

namespace interleave::ui {

enum class Lang { En, Zh };

// Which language tr() answers in; the UI thread sets it (between frames).
void set_ui_lang(Lang lang);
Lang ui_lang();
// "zh" -> Zh, "en" -> En; false for anything else (the language stays as it was).
bool set_ui_lang(std::string_view code);

enum class Str : int {
  // window titles
  WinThreads, WinChecks, WinTimeline, WinObjects, WinWaitFor, WinOutcomes,
  // empty views
  NoThreads, NoResults, NoObjects, NoEvents, OutcomesHint, NoOutput, NoThreadsInProcess,
  // checks
  ColResult, ColValue, ColExpected, Pass, Fail, NotApplicable, ChecksPassedFmt,
  // objects
  ColObject, ColType, ColState, ColWaiting, HeldByFmt, HeldByCountFmt, Free, PermitsFmt, PermitsUnknown,
  AlsoHeldByFmt, EventSet, EventClear, NobodyWaiting, WaitingFmt, QueueItemsFmt, QueueMaxFmt, QueueUnbounded,
  UnfinishedFmt, InFlightFmt, Broken,
  // thread states (lanes, timeline legend and tooltips)
  StateNew, StateRunnable, StateRunning, StateBlocked, StateSleeping, StateDone, BlockedOnFmt,
  // coroutine states
  CoRunning, CoReady, CoWaiting, CoDone, MoreCoroutinesFmt, CoClickRunNextFmt,
  // lanes
  EarlierLinesFmt, ProcessFmt, Daemon,
  // processes
  ProcRunning, ProcZombie, ProcReaped, ProcReapedByInit, ProcOrphan, ExitFmt,
  // timeline
  LegendLocks, LegendCoroutines, LegendProcess, MarkStart, MarkExit, MarkKilled, TipFromToFmt, Now, TipStateOnFmt,
  TipRunningFromToFmt,
  // wait-for graph
  DeadlockFmt, NobodyWaitsForLock, WaitingNoCycle,
  // outcomes
  OutcomesOverFmt, OutcomesExpectedFmt,
  // English singulars of the counted texts above (the same in Chinese)
  PermitOneFmt, ItemOneFmt, OutcomesOverOneFmt, OutcomesExpectedOneFmt,
  // the wait-for cycle in words: the first edge, then each next one
  CycleFirstFmt, CycleNextFmt,
  // the idle status window (before the first run)
  WinStatus, StVersion, StCommit, StTarget, StCompiler, StIsolated, StThreads, StIsolatedYes, StNo, StThreadsReal,
  StThreadsNone, StCounterFmt, StRateFmt,
  Count
};

// The text of `key` in the current language (a printf format for the *Fmt keys).
const char* tr(Str key);
// `key`'s format filled in (snprintf), in the current language.
std::string trf(Str key, ...);
// The Chinese column of the table in one string (what the font subset must cover; tests).
std::string ui_text_zh_all();

}  // namespace interleave::ui
