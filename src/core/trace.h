// core/trace.h - the event trace of a run.
//
// Producers (simulated threads) append to their own TraceBuffer: a chunked
// single-producer/single-consumer log where publishing an event is one release
// store of the chunk's count (Tracy-style). A consumer (the UI, the exporter) drains
// every buffer without ever blocking a producer. Cross-thread order comes from the
// sequence number: a plain counter in det mode (one host thread), one atomic
// fetch_add in free mode.
//
// Text (printed lines, names) lives in an arena and events refer to it by id.
// Caps: each buffer holds at most `max_events_per_thread`; later events are dropped
// and counted (Trace::dropped()), never a crash; Trace::overflow_message() says so.
// Past `max_events` in the whole run only the events that tell the story's end are
// kept (thread and process lifecycle, prints, deadlock): the rest are counted.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/base.h"

namespace interleave::core {

enum class EventKind : uint16_t {
  ThreadStart, ThreadEnd, ThreadBlock, ThreadUnblock, ThreadSleep, ThreadWake,
  ProcessStart,  // a process's first thread starts (not pid 1); value = its parent's pid then
  ProcessExit,   // its last thread ended (value = exit code); on that thread's lane
  ProcessKill,  // the process was killed (Run::kill_process); on its last lane, just before ProcessExit
  ProcessReap,  // a zombie was reaped (joined, or by init); on its last lane; value = the reaper's pid
  LockWait, LockAcquire, LockRelease, LockTimeout,
  SemAcquire, SemRelease,
  CondWait, CondNotify,
  EventSet, EventClear,
  BarrierWait, BarrierPass, BarrierBroken,
  QueuePut, QueueGet, QueueTaskDone,
  ChannelSend, ChannelRecv,
  CpuBegin, CpuEnd, GilTake, GilDrop,
  Print, Watch, Deadlock, Custom,
  // A coroutine of this thread (greenlet, asyncio task; object = its id from
  // Run::register_coroutine) changed state: value = CoroutineState. A switch is the
  // leaving coroutine's Waiting/Ready/Done, then the entering one's Running.
  CoroutineSwitch,
};
// What a CoroutineSwitch event's value says.
enum class CoroutineState : int64_t { Running = 0, Ready = 1, Waiting = 2, Done = 3 };
// "running", "ready", "waiting", "done" ("?" out of range).
const char* coroutine_state_name(int64_t state);
const char* event_kind_name(EventKind k);

// The state a thread is in after event `k` of its own, coming from `before`: the one reading
// of the trace into thread states (the views' lanes, the lesson's run.thread_transitions).
// Events that say nothing of the thread's state leave `before`; a CPU burst's end makes a
// running thread runnable again (a thread the burst did not run stays as it was).
ThreadState state_after(EventKind k, ThreadState before);
// True for the events that say which state their thread is in (CpuEnd only ends a burst).
inline bool sets_thread_state(EventKind k) { return state_after(k, ThreadState::New) != ThreadState::New; }

struct TraceEvent {
  uint64_t seq;       // global order of the run
  VTime vtime;        // virtual time (ns)
  int64_t wall;       // wall clock ticks (see Trace::wall_ns); excluded from determinism
  ProcessId pid;
  ThreadId tid;
  ObjectId object;    // the primitive, or 0
  EventKind kind;
  int64_t value;      // a count, a size, an item, or a text id (Print)
};

class TraceBuffer {
 public:
  TraceBuffer(ProcessId pid, ThreadId tid, uint32_t max_events);
  ~TraceBuffer();
  TraceBuffer(const TraceBuffer&) = delete;
  TraceBuffer& operator=(const TraceBuffer&) = delete;

  // Producer side (the owning thread only). Returns false when the cap dropped it.
  bool append(uint64_t seq, VTime vtime, int64_t wall, EventKind kind, ObjectId obj, int64_t value) {
    if (tail_count_ == tail_->capacity) {
      if (!grow()) return false;
    }
    Record& r = tail_->records[tail_count_];
    r.seq = seq;
    r.vtime = vtime;
    r.wall = wall;
    r.value = value;
    r.object = obj;
    r.kind = kind;
    tail_->count.store(++tail_count_, std::memory_order_release);  // publish
    return true;
  }

  // Consumer side (one consumer at a time): copies events published since the
  // last drain into `out`. Never blocks the producer.
  size_t drain(std::vector<TraceEvent>& out);
  // Every published event from the start (for export / determinism checks).
  void snapshot(std::vector<TraceEvent>& out) const;

  ProcessId pid() const { return pid_; }
  ThreadId tid() const { return tid_; }
  uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

 private:
  // What a buffer stores per event: pid and tid are the buffer's (40 bytes).
  struct Record {
    uint64_t seq;
    VTime vtime;
    int64_t wall;
    int64_t value;
    ObjectId object;
    EventKind kind;
  };
  TraceEvent expand(const Record& r) const { return {r.seq, r.vtime, r.wall, pid_, tid_, r.object, r.kind, r.value}; }
  struct Chunk {
    explicit Chunk(uint32_t cap) : capacity(cap), records(new Record[cap]) {}
    uint32_t capacity;
    std::unique_ptr<Record[]> records;
    std::atomic<uint32_t> count{0};
    std::atomic<Chunk*> next{nullptr};
  };
  bool grow();

  ProcessId pid_;
  ThreadId tid_;
  uint32_t max_events_;
  uint32_t total_ = 0;                 // producer: events in full chunks
  Chunk* head_;
  Chunk* tail_;
  uint32_t tail_count_ = 0;            // producer's private copy of tail_->count
  std::atomic<uint64_t> dropped_{0};
  Chunk* read_chunk_;                  // consumer cursor
  uint32_t read_index_ = 0;
};

class Trace {
 public:
  explicit Trace(Mode mode, uint32_t max_events_per_thread = 1u << 20, uint64_t max_events = uint64_t(1) << 22);
  ~Trace();

  // Creates the buffer for a thread (thread-safe). The Trace owns it.
  TraceBuffer* open_buffer(ProcessId pid, ThreadId tid);

  // Next sequence number: non-atomic in det mode (one host thread), atomic in free.
  uint64_t next_seq() {
    if (mode_ == Mode::Det) return det_seq_++;
    return free_seq_.fetch_add(1, std::memory_order_relaxed);
  }
  // Wall clock ticks, cheap (TSC on x86). Converted by wall_ns().
  static int64_t wall_ticks();
  int64_t wall_ns(int64_t ticks) const;

  // The det scheduler sets the current virtual time; free mode computes it.
  // Det mode stamps wall time once per scheduler step (set_step_wall), not per
  // event: the host thread is the only producer and wall time is informative only.
  void emit(TraceBuffer* buf, VTime now, EventKind kind, ObjectId obj, int64_t value) {
    int64_t wall = mode_ == Mode::Det ? step_wall_ : wall_ticks();
    uint64_t seq = next_seq();
    if (seq >= max_events_ && (!essential(kind) || (kind == EventKind::Print && seq >= max_events_ + kPrintReserve))) {
      over_total_.fetch_add(1, std::memory_order_relaxed);
      dropped_any_.store(true, std::memory_order_relaxed);
      return;
    }
    if (!buf->append(seq, now, wall, kind, obj, value)) dropped_any_.store(true, std::memory_order_relaxed);
  }
  // Past max_events, prints are kept for this many more events of the run (lifecycle always).
  static constexpr uint64_t kPrintReserve = uint64_t(1) << 20;
  static bool essential(EventKind k) {
    return k == EventKind::ThreadStart || k == EventKind::ThreadEnd || k == EventKind::Print ||
           k == EventKind::Deadlock || k == EventKind::ProcessStart || k == EventKind::ProcessExit ||
           k == EventKind::ProcessKill || k == EventKind::ProcessReap;
  }
  void set_step_wall(int64_t ticks) { step_wall_ = ticks; }

  // Text arena (thread-safe): printed lines and names, referenced by id. A line longer than
  // kMaxLineBytes is cut (and marked); past max_text_bytes in all, -1 (nothing kept, counted
  // in dropped_texts()).
  static constexpr size_t kMaxLineBytes = 4096;
  int64_t add_text(std::string_view s);
  void set_max_text_bytes(size_t n) { max_text_bytes_ = n; }
  uint64_t dropped_texts() const { return dropped_texts_.load(std::memory_order_relaxed); }
  std::string text(int64_t id) const;

  // Names of objects, threads and processes for views and export (thread-safe).
  void name_object(ObjectId id, std::string_view name, std::string_view type);
  void name_thread(ThreadId tid, std::string_view name);
  void name_process(ProcessId pid, std::string_view name);
  std::string object_name(ObjectId id) const;
  std::string thread_name(ThreadId tid) const;

  // All events so far in sequence order (consumer side; producers keep running).
  std::vector<TraceEvent> collect() const;
  // Deterministic text form: one line per event without wall time.
  std::string to_text() const;
  // Chrome Trace Event JSON (opens in Perfetto). `use_virtual_time` picks the
  // clock for "ts": virtual time (det runs) or wall time (free runs).
  std::string to_chrome_json(bool use_virtual_time) const;

  uint64_t dropped() const;
  bool overflowed() const { return dropped_any_.load(std::memory_order_relaxed); }
  std::string overflow_message() const;
  Mode mode() const { return mode_; }
  // Free mode: events carry no virtual time; collect() derives it as wall / scale.
  void set_time_scale(double s) { time_scale_ = s > 0 ? s : 1.0; }

 private:
  double time_scale_ = 1.0;
  Mode mode_;
  uint32_t max_events_per_thread_;
  uint64_t max_events_;
  std::atomic<uint64_t> over_total_{0};
  uint64_t det_seq_ = 0;
  int64_t step_wall_ = 0;
  std::atomic<uint64_t> free_seq_{0};
  std::atomic<bool> dropped_any_{false};
  int64_t tick0_;
  int64_t ns0_;
  mutable std::mutex mu_;  // guards the registries below, never the append path
  std::vector<std::unique_ptr<TraceBuffer>> buffers_;
  std::string arena_;
  size_t max_text_bytes_ = size_t(16) << 20;
  std::atomic<uint64_t> dropped_texts_{0};
  std::vector<std::pair<uint32_t, uint32_t>> texts_;  // offset, length in arena_
  std::vector<std::pair<std::string, std::string>> objects_;  // index = id-1: name, type
  std::vector<std::string> threads_;
  std::vector<std::string> processes_;
};

}  // namespace interleave::core
