// app/host/run_host.h - runs the page's programs off the browser's main thread.
//
// The page's main thread renders and forwards input; it must never block. RunHost owns a
// driver thread (a Web Worker in the browser) that creates, advances, pauses, steps and
// destroys runs; det runs execute on it in small slices, free runs on their own threads
// while it watches them. The main thread talks to it only through commands (queued,
// never waited for) and snapshots (copied under a short lock):
//
//   RunHost host(catalog);
//   std::string error = host.start(request);     // validated now, started on the driver
//   auto session = host.current();               // each frame: the run to draw, if any
//   std::string state = host.state_json();       // live status, then the run's report
//   host.stop();                                 // Stop / Reset: answered within a slice
//
// Lifetime rule: a run is destroyed on the driver thread only (a free run joins its OS
// threads, which the browser's main thread must never wait for). The main thread gives
// every Session it took from current() back with release() instead of dropping it.
#pragma once
#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "lesson/explore.h"
#include "lesson/lesson.h"
#include "lesson/lesson_run.h"
#include "py/runtime/program.h"

namespace interleave::host {

struct StartRequest {
  std::string lesson;                     // a lesson id, or "" for a plain program
  std::optional<std::string> code;        // the program text (else the lesson's listing in options.lang)
  lesson::RunOptions options;             // mode, seed, params (as --set texts), time scale, lang...
  double steps_per_s = 0;                 // det playback pace; 0 = as fast as it goes
  bool paused = false;                    // det: start paused (step mode)
};

// One run as the page sees it. The program lives until the driver lets it go.
struct Session {
  uint64_t id = 0;
  lesson::PreparedRun prepared;
  std::unique_ptr<py::Program> program;   // set on the driver thread before `ready`
  std::atomic<bool> ready{false};         // program exists: views may read its run
  bool failed = false;                    // driver: the host caught a failure; the run is over
  // The run as it was first prepared: a seek replays it (prepared may be a seek's replay).
  std::shared_ptr<const lesson::PreparedRun> origin;
  // Virtual times (ns) the timeline marks: the preemptions of a schedule Find loaded.
  std::vector<int64_t> marks;
};

// The page's Find: the search on the driver's side, then its result.
struct ExploreStatus {
  bool running = false;
  uint64_t tried = 0;
  double seconds = 0, per_second = 0;
  int bound = 0;
  std::string strategy;
  std::string result = "null";            // explore_json() of the finished search, or null
  std::string error;
};

// Det "Run xN": one result of the same program under seeds 1..N.
struct Outcomes {
  std::string result;                     // the result's name
  int wanted = 0;
  std::vector<double> values;             // one per finished run (non-numeric: skipped)
  std::optional<double> expected;
  bool running = false;
  std::string error;
};

class RunHost {
 public:
  // The largest program start() takes (UTF-8 bytes), as the page (web/src/limits.js) does.
  static constexpr size_t kMaxProgramBytes = 1'000'000;

  // `threaded`: a driver thread runs everything. Otherwise (a page without
  // SharedArrayBuffer) nothing runs until the main thread calls pump() each frame.
  explicit RunHost(const lesson::Catalog* catalog, bool threaded = true);
  ~RunHost();
  RunHost(const RunHost&) = delete;
  RunHost& operator=(const RunHost&) = delete;

  // --- main thread
  // Checks the request (lesson, parameters, options) and starts the run on the driver,
  // replacing any current one. Returns "" or the error, naming the valid values.
  std::string start(const StartRequest& request);
  void pause();
  void resume();
  // Det: runs `n` yield points, each of `prefer` when it can run (pauses first).
  void step(int n, core::ThreadId prefer);
  // Det step mode within a thread (pauses first): makes the ready coroutine at `index` (a
  // ReadyCoroutine::index the live state lists under the thread's "ready") the next one
  // thread `tid`'s event loop or gevent hub runs. Recorded in the schedule, so step back and
  // replays keep it. Ignored when that coroutine is not ready any more.
  void choose_coroutine(core::ThreadId tid, uint32_t index);
  // The same for the coroutine with trace id `id` (a click on its sub-lane on the canvas);
  // ignored when it is not in the thread's ready queue.
  void choose_coroutine_id(core::ThreadId tid, core::ObjectId id);
  // Det: one coroutine step of thread `tid` (Program::step_coroutine): until the coroutine it
  // runs switches out, or, while it runs loop code, until the next one ran and switched out.
  void step_coroutine(core::ThreadId tid);
  // Det: puts the current run at scheduler step `step` (0 = before the first), paused,
  // exactly as it stood there: backwards by replaying its schedule from the start into a
  // new session (the remaining choices kept, so stepping forward again retraces the run),
  // forwards by stepping. A step past the end stops at the end.
  void seek(uint64_t step);
  // Det: seek() `n` steps before where the run stands now (not before step 0).
  void step_back(int n);
  // Det: seek() to the first step at which the run's virtual time reaches `vtime_ns`
  // (a click on the timeline).
  void seek_time(int64_t vtime_ns);
  // Ends the current run and forgets it (Stop and Reset).
  void stop();
  void set_speed(double steps_per_s);
  // Det: runs the current program under seeds 1..n headless and collects `result`.
  std::string run_outcomes(int n, const std::string& result);

  // Find: searches `request`'s program (det) for a failing schedule with `options`, off the
  // main thread; on a find, loads the (minimised) schedule as a paused replay whose
  // preemptions the timeline marks. Returns "" or the error (the valid ranges named).
  // A new start(), stop() or stop_explore() ends the search within one schedule.
  std::string explore(const StartRequest& request, lesson::ExploreOptions options);
  void stop_explore();
  ExploreStatus explore_status() const;
  // {"running", "tried", "seconds", "per_second", "bound", "strategy", "result", "error"}
  std::string explore_json() const;

  std::shared_ptr<Session> current() const;
  // Hands a session the main thread is done with to the driver, which destroys it.
  void release(std::shared_ptr<Session> session);
  // {"status", "session", "live": {...}, "report": {...} | null, "outcomes": {...} | null}
  // live.threads[i]: {"tid", "name", "state", "line"}, and in det mode while the run stands
  // still (paused, awaiting a choice) "coroutine" (the trace id of the coroutine it runs, 0:
  // its own code), "coroutine_name" ("" for 0) and "ready" ([{"index", "id", "name"}]: what its event loop or gevent hub
  // runs next, in order) when it has a loop or hub with something ready.
  // status: idle | starting | running | paused | awaiting-choice | finished | deadlock |
  // cancelled | failed (the host caught a failure; report.end says what). Every ended run's
  // report has "end": {"reason", "message"} (lesson_run.h).
  std::string state_json() const;
  Outcomes outcomes() const;
  // state_json()'s "status" alone, cheap enough for every frame.
  std::string status() const;
  // The current run's Chrome Trace Event JSON ("" without a run).
  std::string trace_json() const;
  // Blocks until the driver has nothing queued (tests; never call it on a browser's main thread).
  void settle();
  // Unthreaded host: does the driver's work for about `budget_ms` (commands, run slices,
  // Run xN), then returns; call it once per frame.
  void pump(double budget_ms);

 private:
  enum class Cmd : uint8_t { Start, Stop, Pause, Resume, Step, Seek, Speed, Release, Join, Quit, ChooseCoroutine, StepCoroutine };
  struct Command {
    Cmd kind;
    std::shared_ptr<Session> session;
    StartRequest request;
    int n = 0;                 // Step: steps; ChooseCoroutine: the ready queue's index
    bool by_id = false;        // ChooseCoroutine: `target` is the coroutine's trace id instead
    core::ThreadId prefer = 0; // Step: the preferred thread; the coroutine commands' thread
    double speed = 0;
    std::thread thread;  // Join
    int64_t target = 0;  // Seek: a step, a step back (relative) or a virtual time
    enum class SeekBy : uint8_t { Step, Back, Time } seek_by = SeekBy::Step;  // Seek: what target counts
  };
  struct PumpedOutcomes {
    std::shared_ptr<Session> session;
    int n = 0, next_seed = 1;
    std::string result;
    uint64_t generation = 0;
    lesson::PreparedRun run;
    std::unique_ptr<py::Program> program;
  };
  void post(Command c);
  std::optional<lesson::PreparedRun> prepare(const StartRequest& request, std::string& error) const;
  void install(std::shared_ptr<Session> session, const StartRequest& request);
  void seek_current(const Command& c);
  std::shared_ptr<Session> replay_session(uint64_t to) const;
  void explore_main(StartRequest request, lesson::PreparedRun run, lesson::ExploreOptions options, uint64_t generation);
  void load_found(StartRequest request, const lesson::ExploreResult& r);
  void drive();
  bool drive_once(bool may_wait);
  bool pump_outcomes();
  static std::unique_ptr<py::Program> outcome_program(const Session& s, int seed, lesson::PreparedRun& run);
  void record_outcome(const lesson::PreparedRun& run, const py::Program& program, const std::string& result);
  void handle(Command& c);
  void advance_current();
  void publish(bool force, std::string report = "");
  void finalize();
  void outcomes_main(std::shared_ptr<Session> s, int n, std::string result, uint64_t generation);
  void outcomes_batch(std::shared_ptr<Session> s, int n, const std::string& result, uint64_t generation);
  template <class F>
  void guarded(const char* doing, F&& work);
  void fail_current(const std::string& message);

  const lesson::Catalog* catalog_;
  bool threaded_;
  std::unique_ptr<PumpedOutcomes> pumped_;
  mutable std::mutex mu_;                 // commands, snapshots, current_
  std::condition_variable cv_;
  std::deque<Command> queue_;
  int busy_ = 0;                          // commands taken but not finished (settle)
  std::condition_variable idle_cv_;
  std::shared_ptr<Session> current_;      // what the main thread draws
  std::string live_json_ = "null";
  std::string report_json_ = "null";
  std::string status_ = "idle";
  uint64_t next_id_ = 1;
  Outcomes outcomes_;
  std::atomic<uint64_t> outcomes_generation_{0};
  std::thread outcomes_thread_;
  ExploreStatus explore_;
  std::atomic<bool> explore_cancel_{false};
  std::atomic<uint64_t> explore_generation_{0};
  std::thread explore_thread_;
  struct PendingExplore {  // an unthreaded host's search, run by pump()
    StartRequest request;
    lesson::PreparedRun run;
    lesson::ExploreOptions options;
    uint64_t generation = 0;
  };
  std::unique_ptr<PendingExplore> pending_explore_;

  // Driver-thread state.
  std::shared_ptr<Session> driving_;
  bool paused_ = false;
  double steps_per_s_ = 0;
  double step_credit_ = 0;
  int64_t last_tick_ns_ = 0;
  int64_t last_publish_ns_ = 0;
  std::thread driver_;
};

}  // namespace interleave::host
