// core/trace.cpp
// [SECTION] Event kind names and the thread states they tell
// [SECTION] TraceBuffer (chunked SPSC log)
// [SECTION] Trace: clock, registries, text arena
// [SECTION] Collect and text form
// [SECTION] Chrome Trace Event JSON export
#include "core/trace.h"

#include "core/memory.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <unordered_map>
#include <unordered_set>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#define INTERLEAVE_HAVE_TSC 1
#endif

namespace interleave::core {

//-----------------------------------------------------------------------------
// [SECTION] Event kind names and the thread states they tell
//-----------------------------------------------------------------------------
const char* event_kind_name(EventKind k) {
  static const char* const names[] = {
      "thread_start", "thread_end", "thread_block", "thread_unblock", "thread_sleep", "thread_wake",
      "process_start", "process_exit", "process_kill", "process_reap",
      "lock_wait", "lock_acquire", "lock_release", "lock_timeout",
      "sem_acquire", "sem_release",
      "cond_wait", "cond_notify",
      "event_set", "event_clear",
      "barrier_wait", "barrier_pass", "barrier_broken",
      "queue_put", "queue_get", "queue_task_done",
      "channel_send", "channel_recv",
      "cpu_begin", "cpu_end", "gil_take", "gil_drop",
      "print", "watch", "deadlock", "custom", "coroutine_switch"};
  auto i = static_cast<size_t>(k);
  return i < sizeof(names) / sizeof(names[0]) ? names[i] : "?";
}

ThreadState state_after(EventKind k, ThreadState before) {
  switch (k) {
    case EventKind::ThreadStart:
    case EventKind::ThreadUnblock:
    case EventKind::ThreadWake: return ThreadState::Runnable;
    case EventKind::ThreadBlock: return ThreadState::Blocked;
    case EventKind::ThreadSleep: return ThreadState::Sleeping;
    case EventKind::CpuBegin: return ThreadState::Running;
    case EventKind::CpuEnd: return before == ThreadState::Running ? ThreadState::Runnable : before;
    case EventKind::ThreadEnd: return ThreadState::Done;
    default: return before;
  }
}

const char* coroutine_state_name(int64_t state) {
  static const char* const names[] = {"running", "ready", "waiting", "done"};
  return state >= 0 && state < 4 ? names[state] : "?";
}

//-----------------------------------------------------------------------------
// [SECTION] TraceBuffer (chunked SPSC log)
//-----------------------------------------------------------------------------
// Chunks start small (a run is created per seed in tight loops) and double up to 4096.
static constexpr uint32_t kFirstChunk = 64;
static constexpr uint32_t kMaxChunk = 4096;

TraceBuffer::TraceBuffer(ProcessId pid, ThreadId tid, uint32_t max_events)
    : pid_(pid), tid_(tid), max_events_(max_events) {
  head_ = tail_ = new Chunk(std::min(kFirstChunk, std::max<uint32_t>(max_events, 1)));
  read_chunk_ = head_;
}

TraceBuffer::~TraceBuffer() {
  for (Chunk* c = head_; c;) {
    Chunk* next = c->next.load(std::memory_order_relaxed);
    delete c;
    c = next;
  }
}

bool TraceBuffer::grow() {
  uint32_t used = total_ + tail_count_;
  if (used >= max_events_) {
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return false;
  }
  uint32_t cap = std::min({tail_->capacity * 2, kMaxChunk, max_events_ - used});
  MemoryScope host_memory(nullptr);  // the trace is the host's instrument, capped on its own
  auto* c = new Chunk(cap);
  total_ += tail_count_;
  tail_->next.store(c, std::memory_order_release);  // count is already published
  tail_ = c;
  tail_count_ = 0;
  return true;
}

size_t TraceBuffer::drain(std::vector<TraceEvent>& out) {
  size_t n = 0;
  for (;;) {
    uint32_t count = read_chunk_->count.load(std::memory_order_acquire);
    for (; read_index_ < count; ++read_index_, ++n) out.push_back(expand(read_chunk_->records[read_index_]));
    if (read_index_ < read_chunk_->capacity) return n;  // chunk not full: nothing beyond it yet
    Chunk* next = read_chunk_->next.load(std::memory_order_acquire);
    if (!next) return n;
    read_chunk_ = next;
    read_index_ = 0;
  }
}

void TraceBuffer::snapshot(std::vector<TraceEvent>& out) const {
  for (const Chunk* c = head_; c; c = c->next.load(std::memory_order_acquire)) {
    uint32_t count = c->count.load(std::memory_order_acquire);
    for (uint32_t i = 0; i < count; ++i) out.push_back(expand(c->records[i]));
    if (count < c->capacity) return;
  }
}

//-----------------------------------------------------------------------------
// [SECTION] Trace: clock, registries, text arena
//-----------------------------------------------------------------------------
static int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch()).count();
}

int64_t Trace::wall_ticks() {
#ifdef INTERLEAVE_HAVE_TSC
  return static_cast<int64_t>(__rdtsc());
#else
  return steady_ns();
#endif
}

Trace::Trace(Mode mode, uint32_t max_events_per_thread, uint64_t max_events)
    : mode_(mode), max_events_per_thread_(max_events_per_thread), max_events_(max_events), step_wall_(wall_ticks()), tick0_(wall_ticks()),
      ns0_(steady_ns()) {}

Trace::~Trace() = default;

int64_t Trace::wall_ns(int64_t ticks) const {
#ifdef INTERLEAVE_HAVE_TSC
  // Calibrate ticks against the steady clock over the run's lifetime so far.
  int64_t dt = wall_ticks() - tick0_, dn = steady_ns() - ns0_;
  if (dt <= 0 || dn <= 0) return 0;
  return static_cast<int64_t>(static_cast<double>(ticks - tick0_) * (static_cast<double>(dn) / dt));
#else
  return ticks - ns0_;
#endif
}

TraceBuffer* Trace::open_buffer(ProcessId pid, ThreadId tid) {
  std::lock_guard<std::mutex> g(mu_);
  buffers_.push_back(std::make_unique<TraceBuffer>(pid, tid, max_events_per_thread_));
  return buffers_.back().get();
}

int64_t Trace::add_text(std::string_view s) {
  MemoryScope host_memory(nullptr);  // the trace is the host's instrument, capped on its own
  static constexpr std::string_view kCut = "\xE2\x80\xA6";  // U+2026, where a long line was cut
  bool cut = false;
  if (s.size() > kMaxLineBytes) {
    size_t n = kMaxLineBytes;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // whole UTF-8 characters
    s = s.substr(0, n);
    cut = true;
  }
  std::lock_guard<std::mutex> g(mu_);
  if (arena_.size() + s.size() + kCut.size() > max_text_bytes_) {
    dropped_any_.store(true, std::memory_order_relaxed);
    dropped_texts_.fetch_add(1, std::memory_order_relaxed);
    return -1;
  }
  const size_t offset = arena_.size();
  arena_.append(s);
  if (cut) arena_.append(kCut);
  texts_.emplace_back(static_cast<uint32_t>(offset), static_cast<uint32_t>(arena_.size() - offset));
  return static_cast<int64_t>(texts_.size() - 1);
}

std::string Trace::text(int64_t id) const {
  std::lock_guard<std::mutex> g(mu_);
  if (id < 0 || static_cast<size_t>(id) >= texts_.size()) return {};
  auto [off, len] = texts_[static_cast<size_t>(id)];
  return arena_.substr(off, len);
}

template <class V>
static void put_at(V& v, uint32_t id, typename V::value_type value) {
  if (id == 0) return;
  if (v.size() < id) v.resize(id);
  v[id - 1] = std::move(value);
}

void Trace::name_object(ObjectId id, std::string_view name, std::string_view type) {
  std::lock_guard<std::mutex> g(mu_);
  put_at(objects_, id, {std::string(name), std::string(type)});
}
void Trace::name_thread(ThreadId tid, std::string_view name) {
  std::lock_guard<std::mutex> g(mu_);
  put_at(threads_, tid, std::string(name));
}
void Trace::name_process(ProcessId pid, std::string_view name) {
  std::lock_guard<std::mutex> g(mu_);
  put_at(processes_, pid, std::string(name));
}
std::string Trace::object_name(ObjectId id) const {
  std::lock_guard<std::mutex> g(mu_);
  if (id == 0 || id > objects_.size() || objects_[id - 1].first.empty()) return "obj" + std::to_string(id);
  return objects_[id - 1].first;
}
std::string Trace::thread_name(ThreadId tid) const {
  std::lock_guard<std::mutex> g(mu_);
  if (tid == 0 || tid > threads_.size() || threads_[tid - 1].empty()) return "thread" + std::to_string(tid);
  return threads_[tid - 1];
}

uint64_t Trace::dropped() const {
  std::lock_guard<std::mutex> g(mu_);
  uint64_t n = 0;
  for (auto& b : buffers_) n += b->dropped();
  return n + over_total_.load(std::memory_order_relaxed);
}

std::string Trace::overflow_message() const {
  if (!overflowed()) return {};
  if (dropped_texts() > 0 && dropped() == 0)
    return "trace text capacity exceeded: more than " + std::to_string(max_text_bytes_ >> 20) + " MB of printed text; " +
           std::to_string(dropped_texts()) + " later lines are not in the lanes";
  if (over_total_.load(std::memory_order_relaxed) > 0)
    return "trace capacity exceeded: more than " + std::to_string(max_events_) + " events in the run; " +
           std::to_string(dropped()) + " later events were dropped (lifecycle and prints are kept)";
  return "trace capacity exceeded: more than " + std::to_string(max_events_per_thread_) +
         " events in one thread; " + std::to_string(dropped()) + " later events were dropped";
}

//-----------------------------------------------------------------------------
// [SECTION] Collect and text form
//-----------------------------------------------------------------------------
std::vector<TraceEvent> Trace::collect() const {
  std::vector<TraceEvent> all;
  {
    std::lock_guard<std::mutex> g(mu_);
    for (auto& b : buffers_) b->snapshot(all);
  }
  if (mode_ == Mode::Free)
    for (TraceEvent& e : all) e.vtime = static_cast<VTime>(static_cast<double>(wall_ns(e.wall)) / time_scale_);
  std::sort(all.begin(), all.end(), [](const TraceEvent& a, const TraceEvent& b) { return a.seq < b.seq; });
  return all;
}

std::string Trace::to_text() const {
  std::string out;
  char line[160];
  for (const TraceEvent& e : collect()) {
    std::snprintf(line, sizeof line, "%llu %lld p%u t%u %s o%u %lld\n", (unsigned long long)e.seq,
                  (long long)e.vtime, e.pid, e.tid, event_kind_name(e.kind), e.object, (long long)e.value);
    out += line;
    if (e.kind == EventKind::Print) out += "  > " + text(e.value) + "\n";
  }
  return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Chrome Trace Event JSON export
//-----------------------------------------------------------------------------
static void json_escape(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

std::string Trace::to_chrome_json(bool use_virtual_time) const {
  std::vector<TraceEvent> events = collect();
  std::string out = "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n";
  bool first = true;
  auto begin = [&](const char* ph, const TraceEvent& e, std::string_view name) {
    if (!first) out += ",\n";
    first = false;
    int64_t ns = use_virtual_time ? e.vtime : wall_ns(e.wall);
    char buf[128];
    std::snprintf(buf, sizeof buf, "{\"ph\":\"%s\",\"pid\":%u,\"tid\":%u,\"ts\":%.3f,\"name\":", ph, e.pid, e.tid,
                  static_cast<double>(ns) / 1000.0);
    out += buf;
    json_escape(out, name);
  };
  // Metadata: one track per thread, named.
  std::unordered_map<ThreadId, ProcessId> seen;
  for (const TraceEvent& e : events) seen.emplace(e.tid, e.pid);
  for (auto [tid, pid] : seen) {
    TraceEvent m{0, 0, 0, pid, tid, 0, EventKind::Custom, 0};
    begin("M", m, "thread_name");
    out += ",\"args\":{\"name\":";
    json_escape(out, thread_name(tid));
    out += "}}";
  }
  // Lock holds are async slices (they need not nest); keyed by object.
  std::unordered_map<ObjectId, ThreadId> holder;
  std::unordered_set<ObjectId> running_co;
  for (const TraceEvent& e : events) {
    switch (e.kind) {
      case EventKind::ThreadBlock:
        begin("B", e, "blocked on " + object_name(e.object));
        out += ",\"cat\":\"state\"}";
        break;
      case EventKind::ThreadSleep:
        begin("B", e, "sleep");
        out += ",\"cat\":\"state\"}";
        break;
      case EventKind::CpuBegin:
        begin("B", e, "cpu");
        out += ",\"cat\":\"state\"}";
        break;
      case EventKind::ThreadUnblock:
      case EventKind::ThreadWake:
      case EventKind::CpuEnd:
        begin("E", e, "");
        out += "}";
        break;
      case EventKind::LockAcquire:
        if (!holder.count(e.object)) {
          holder[e.object] = e.tid;
          begin("b", e, "holds " + object_name(e.object));
          out += ",\"cat\":\"lock\",\"id\":\"" + std::to_string(e.object) + "-" + std::to_string(e.tid) + "\"}";
        }
        break;
      case EventKind::LockRelease: {
        auto it = holder.find(e.object);
        if (it != holder.end() && e.value == 0) {
          TraceEvent end = e;
          end.tid = it->second;
          begin("e", end, "holds " + object_name(e.object));
          out += ",\"cat\":\"lock\",\"id\":\"" + std::to_string(e.object) + "-" + std::to_string(it->second) + "\"}";
          holder.erase(it);
        }
        break;
      }
      case EventKind::CoroutineSwitch: {
        // A coroutine's runs are async slices named after it (they alternate on one track).
        const bool running = e.value == static_cast<int64_t>(CoroutineState::Running);
        if (running == (running_co.count(e.object) > 0)) break;  // no run to open / close
        if (running) running_co.insert(e.object);
        else running_co.erase(e.object);
        begin(running ? "b" : "e", e, object_name(e.object));
        out += ",\"cat\":\"coroutine\",\"id\":\"co" + std::to_string(e.object) + "\"}";
        break;
      }
      case EventKind::Print:
        begin("i", e, "print");
        out += ",\"s\":\"t\",\"args\":{\"text\":";
        json_escape(out, text(e.value));
        out += "}}";
        break;
      default:
        begin("i", e, event_kind_name(e.kind));
        out += ",\"s\":\"t\",\"args\":{\"object\":";
        json_escape(out, e.object ? object_name(e.object) : std::string());
        out += ",\"value\":" + std::to_string(e.value) + "}}";
        break;
    }
  }
  out += "\n]}\n";
  return out;
}

}  // namespace interleave::core
