// ui/run_model.h - what the canvas knows about a run, built from its trace.
//
// Reads from core (and nothing else):
//   * each thread's TraceBuffer (run.thread(tid)->trace), drained incrementally with
//     TraceBuffer::drain: lock-free, never blocks a producer. The model is THE one
//     consumer of those buffers; nothing else may drain them while it lives
//     (Trace::collect / to_text / to_chrome_json use snapshots and stay usable).
//   * names from the Trace (thread_name, object_name, text for printed lines), and
//     per object, once when first seen: its type (Primitive::type), a Queue's maxsize
//     and a Semaphore's value at discovery. Those reads take core's registry mutex,
//     never a producer's path.
// Owns (copies; the views read only this):
//   * lanes: one per thread, with current state, printed lines (capped, the number
//     dropped is counted), state spans and lock-hold spans over time;
//   * objects: live state derived from events (owner, waiters, counts, sizes);
//   * processes: pid, parent, name, state, exit code, start / exit / kill times, in
//     process-tree order, from the trace (ProcessStart, ProcessKill, ProcessExit, ProcessReap) and from core's process list (Run::for_each_process, once per drain:
//     zombie -> reaped and orphaning have no trace event);
//   * checks supplied by the caller; the time axis.
// Ordering: events of one drain are sorted by seq before being applied, so the
// cross-thread order is the run's order. In free mode an event with a smaller seq can
// still be published after a later one was drained; the model tolerates it (a release
// closes the releaser's own hold; spans never go backwards in time).
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "core/base.h"
#include "core/trace.h"

namespace interleave::core {
class Run;
}

namespace interleave::ui {

using core::ObjectId;
using core::ProcessId;
using core::ThreadId;

// What a lane shows: core's thread model, read from the trace by core::state_after.
// Runnable = started and not blocked / sleeping / computing; Running = inside a CPU burst
// (CpuBegin..CpuEnd). The trace never tells Computing or WaitingCore.
using LaneState = core::ThreadState;

// The end of a span that has not ended yet; views clamp it to RunModel::now().
inline constexpr int64_t kOpenEnd = INT64_MAX;

// A state over [start, end) on the model's time axis. A lane's spans are contiguous.
struct StateSpan {
  int64_t start = 0;
  int64_t end = kOpenEnd;
  LaneState state = LaneState::Runnable;
  ObjectId object = 0;  // Blocked: what it waits for
};

// A Lock / RLock held over [start, end). A lane's holds are sorted by start and may
// overlap (nested locks).
struct HoldSpan {
  int64_t start = 0;
  int64_t end = kOpenEnd;
  ObjectId object = 0;
};

// A coroutine of a thread (greenlet, asyncio task) from its CoroutineSwitch events: its
// latest state and when it ran. `runs` are sorted and disjoint (one coroutine of a thread
// runs at a time); the last one is open while it runs.
struct CoroutineSpan {
  int64_t start = 0;
  int64_t end = kOpenEnd;
};
struct CoroutineLane {
  ObjectId id = 0;                  // the trace's coroutine id
  std::string name;
  core::CoroutineState state = core::CoroutineState::Running;
  std::vector<CoroutineSpan> runs;
};

struct Lane {
  ThreadId tid = 0;
  ProcessId pid = 0;
  std::string name;
  int color = 0;                    // index into the thread palette (creation order)
  LaneState state = LaneState::New;
  ObjectId blocked_on = 0;          // valid when state == Blocked
  std::deque<std::string> lines;    // printed lines, the newest last
  uint64_t lines_hidden = 0;        // earlier lines dropped by the cap
  std::vector<StateSpan> states;    // sorted by start, contiguous
  std::vector<HoldSpan> holds;      // sorted by start
  int64_t longest_hold = 0;         // longest closed hold: lets views binary-search
  std::vector<uint32_t> open_holds; // indices into holds of those not yet released
  uint64_t events = 0;
  // Watched variables this thread changed (Run::watch): latest value each, in
  // order of first change. The id is the trace's object id for the variable.
  struct Watch {
    ObjectId var = 0;
    std::string name;
    int64_t value = 0;
  };
  std::vector<Watch> watches;
  // Its coroutines in order of first switch (empty: a thread without any, shown as
  // always), and the one running now (0: the thread's own code / event loop / hub).
  std::vector<CoroutineLane> coroutines;
  ObjectId running_coroutine = 0;
  const CoroutineLane* coroutine(ObjectId id) const;
};

enum class ObjectKind : uint8_t { Lock, RLock, Semaphore, Condition, Event, Barrier, Queue, Channel, Other };
const char* object_kind_name(ObjectKind k);

struct ObjectInfo {
  ObjectId id = 0;
  std::string name;
  ObjectKind kind = ObjectKind::Other;
  ThreadId owner = 0;               // Lock / RLock
  int64_t count = 0;                // RLock recursion depth
  std::vector<ThreadId> holders;    // Semaphore: threads that acquired and did not release
  std::vector<ThreadId> waiters;    // threads blocked on it now, in arrival order
  int64_t value = 0;                // Semaphore permits, Queue / Channel items, Event flag,
                                    // Barrier threads waiting
  bool value_known = false;         // false until an event (or discovery) said so
  int64_t maxsize = 0;              // Queue (<= 0: unbounded)
  int64_t unfinished = 0;           // Queue: unfinished tasks
  int64_t sent = 0;                 // Channel: messages sent so far (value = sent - received,
  int64_t received = 0;             //   the messages in flight; the events carry byte sizes)
  bool broken = false;              // Barrier
  uint64_t events = 0;
};

// A simulated process's state as the canvas shows it. Orphan: running after its parent
// ended without waiting for it (pid 1, init, adopted it and reaps it when it exits).
enum class ProcessStatus : uint8_t { Running, Zombie, Reaped, Orphan };
// "running", "zombie", "reaped", "orphan".
const char* process_status_name(ProcessStatus s);

struct ProcessInfo {
  ProcessId pid = 0;
  ProcessId ppid = 0;               // its parent now: 1 once orphaned
  ProcessId first_ppid = 0;         // the parent that started it (ProcessStart's value)
  std::string name;
  ProcessStatus state = ProcessStatus::Running;
  bool orphan = false;              // adopted by init while alive or a zombie (stays true once
                                    // init reaped it; false when its parent reaped it)
  bool exited = false;              // it ended (exit_code is valid)
  int exit_code = 0;                // 0, n from sys.exit(n), 1 after an exception, -signal if killed
  bool daemon = false;
  bool killed = false;              // terminate() / kill() / os.kill / os._exit of another
  int64_t start = kOpenEnd;         // ProcessStart on the axis (kOpenEnd: not seen yet)
  int64_t end = kOpenEnd;           // its exit (ProcessExit) on the axis; kOpenEnd while running
  int64_t kill_time = kOpenEnd;     // ProcessKill on the axis, if killed
  int64_t reap_time = kOpenEnd;     // ProcessReap on the axis: a zombie from end to here
  ProcessId reaped_by = 0;          // its parent (joined it) or 1 (init); 0 while not reaped
  int depth = 0;                    // in the process tree shown (0: a root)
  std::vector<ThreadId> lanes;      // its threads, in lanes() order
};

// A counter or check the caller computed (the lesson's results and checks).
enum class Verdict : uint8_t { Passed, Failed, NotApplicable };
struct CheckResult {
  std::string name;
  std::string value;                // as the program printed it
  std::string expected;             // empty: nothing expected
  Verdict verdict = Verdict::NotApplicable;
  bool judged = true;               // false: a plain result (no verdict badge)
};

// One edge of the wait-for graph as the model sees it: `waiter` is blocked on
// `object`, which `owner` holds.
struct ModelWaitEdge {
  ThreadId waiter = 0;
  ObjectId object = 0;
  ThreadId owner = 0;
};

struct ModelWaitGraph {
  std::vector<ModelWaitEdge> edges;   // every waiter -> owner pair, sorted
  std::vector<ModelWaitEdge> cycle;   // first cycle from the lowest thread; edge i's owner
                                      // is edge i+1's waiter. Empty when none.
  std::string description;            // the cycle in words (the UI's language, ui_text.h), or ""
};

// Which clock the time axis uses.
enum class TimeAxis : uint8_t {
  Auto,      // det: Virtual, free: Wall
  Virtual,   // virtual nanoseconds
  Wall,      // wall nanoseconds since the trace began
  Sequence,  // the event's sequence number (useful when virtual time does not advance)
};

struct RunModelOptions {
  TimeAxis axis = TimeAxis::Auto;
  size_t max_lines_per_lane = 10000;  // older lines are dropped and counted
};

class RunModel {
 public:
  // Watches `run` (which must outlive the model). Nothing is read until drain().
  explicit RunModel(core::Run& run, RunModelOptions opts = {});
  // A model fed only through ingest() (tests, benchmarks, replays of saved traces).
  explicit RunModel(core::Mode mode, RunModelOptions opts = {});

  // Takes every event published since the last drain from every thread's buffer,
  // orders them by seq and applies them. Call once per frame. Returns the count.
  size_t drain();
  // Applies `batch` (sorted here by seq; taken by reference to sort in place).
  // Threads and objects not seen before are created with default names.
  void ingest(std::vector<core::TraceEvent>& batch);

  // Names a thread / object for a model without a run (or renames one).
  void name_thread(ThreadId tid, std::string name);
  void name_object(ObjectId id, std::string name, ObjectKind kind);
  // Names a coroutine for a model without a run, before its first event (a run's
  // coroutines are named by Run::register_coroutine; unnamed ones are "co<N>").
  void name_coroutine(ObjectId id, std::string name);

  // --- What views read.
  const std::vector<Lane>& lanes() const { return lanes_; }
  const Lane* lane(ThreadId tid) const;
  const std::vector<ObjectInfo>& objects() const { return objects_; }
  const ObjectInfo* object(ObjectId id) const;
  std::string thread_label(ThreadId tid) const;   // its name, or "thread<N>"
  // The processes to show, in process-tree order (depth-first, children by pid, each
  // after its parent; a process whose parent is not shown is a root). pid 1 (init) is
  // left out unless it has threads. Up to date as of the last drain() / ingest().
  const std::vector<ProcessInfo>& processes() const { return processes_; }
  const ProcessInfo* process(ProcessId pid) const;
  // More than one process is shown: views group lanes under process headers. A run with
  // one process keeps the flat, ungrouped layout.
  bool multi_process() const { return processes_.size() > 1; }
  std::string object_label(ObjectId id) const;    // its name, or "obj<N>"

  TimeAxis axis() const { return axis_; }
  // The latest time seen on the axis (open spans end here).
  int64_t now() const { return now_; }
  int64_t begin_time() const { return begin_; }
  uint64_t event_count() const { return events_; }
  // A Deadlock event was seen (det), or the caller said so.
  bool deadlocked() const { return deadlocked_; }
  void set_deadlocked(bool d) { deadlocked_ = d; }

  // The wait-for graph over the model's current state, with its first cycle.
  ModelWaitGraph wait_graph() const;

  // Checks and counters, supplied by the caller (replaces the previous list).
  void set_checks(std::vector<CheckResult> checks) { checks_ = std::move(checks); }
  const std::vector<CheckResult>& checks() const { return checks_; }

  // Times on the axis to mark across the timeline (a found schedule's preemptions),
  // supplied by the caller (replaces the previous list).
  void set_marks(std::vector<int64_t> times) { marks_ = std::move(times); }
  const std::vector<int64_t>& marks() const { return marks_; }

  // Core's overflow message when the trace dropped events, else "".
  const std::string& trace_note() const { return trace_note_; }

 private:
  Lane& lane_for(ThreadId tid, ProcessId pid);
  ObjectInfo& object_for(ObjectId id);
  void discover();
  void apply(const core::TraceEvent& e);
  void set_state(Lane& l, int64_t t, LaneState s, ObjectId obj);
  void apply_lock(Lane& l, ObjectInfo& o, const core::TraceEvent& e, int64_t t);
  void apply_object(Lane& l, ObjectInfo& o, const core::TraceEvent& e);
  void apply_watch(Lane& l, const core::TraceEvent& e);
  void apply_coroutine(Lane& l, const core::TraceEvent& e, int64_t t);
  void end_coroutine_run(Lane& l, int64_t t);
  void add_line(Lane& l, std::string line);
  ProcessInfo& process_for(ProcessId pid);
  void apply_process(ProcessInfo& p, const core::TraceEvent& e, int64_t t);
  void sync_processes();
  void rebuild_process_tree();
  int64_t time_of(const core::TraceEvent& e) const;

  core::Run* run_ = nullptr;
  core::Mode mode_;
  RunModelOptions opts_;
  TimeAxis axis_;
  std::vector<Lane> lanes_;               // in order of first appearance
  std::vector<int32_t> lane_index_;       // tid -> index into lanes_, -1 if none
  std::vector<ObjectInfo> objects_;       // in order of first appearance
  std::vector<int32_t> object_index_;     // id -> index into objects_, -1 if none
  std::vector<int32_t> coroutine_index_;  // coroutine id -> index into its lane's coroutines
  std::vector<core::TraceEvent> batch_;   // reused between drains
  std::vector<ProcessInfo> all_processes_;  // every process seen, in order of discovery
  std::vector<int32_t> process_index_;    // pid -> index into all_processes_, -1 if none
  std::vector<ProcessInfo> processes_;    // the shown ones in tree order (a copy, rebuilt
  bool processes_changed_ = false;        //   when a process, a lane's pid or a state changed)
  std::vector<CheckResult> checks_;
  std::vector<int64_t> marks_;
  std::string trace_note_;
  std::vector<std::pair<ObjectId, std::string>> coroutine_names_;  // name_coroutine's
  int64_t now_ = 0;
  int64_t begin_ = 0;
  bool have_time_ = false;
  uint64_t events_ = 0;
  bool deadlocked_ = false;
  // Wall axis: ns = (ticks - wall_origin_) * wall_scale_. The scale (ns per TSC
  // tick) is measured by the model against the steady clock and frozen once the
  // interval is long enough to be exact, so a span's ends never move between
  // drains (core's wall_ns recalibrates on every call).
  int64_t wall_origin_ = 0;
  int64_t steady_origin_ = 0;
  double wall_scale_ = 1;
  bool wall_scale_known_ = false;
  bool wall_scale_frozen_ = false;
  void calibrate_wall();
};

}  // namespace interleave::ui
