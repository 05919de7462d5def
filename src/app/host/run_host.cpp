// app/host/run_host.cpp
// [SECTION] commands (main thread)  [SECTION] the driver thread  [SECTION] snapshots
// [SECTION] outcomes
#include "app/host/run_host.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/failure.h"
#include "core/resume_strategy.h"

namespace interleave::host {
namespace {

using nlohmann::json;

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Det steps per driver slice: about a few milliseconds of work, so commands (Stop, Pause)
// are answered quickly even while a run goes as fast as it can.
constexpr uint64_t kSliceSteps = 20000;

bool ended(py::ProgramStatus s) {
  return s == py::ProgramStatus::Finished || s == py::ProgramStatus::Deadlock || s == py::ProgramStatus::Cancelled;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] commands (main thread)
//-----------------------------------------------------------------------------
RunHost::RunHost(const lesson::Catalog* catalog, bool threaded) : catalog_(catalog), threaded_(threaded) {
  if (threaded_) driver_ = std::thread([this] { drive(); });
}

RunHost::~RunHost() {
  outcomes_generation_++;
  stop_explore();
  post({Cmd::Quit});
  if (threaded_) driver_.join();
  else while (drive_once(false)) {}
  if (outcomes_thread_.joinable()) outcomes_thread_.join();
  if (explore_thread_.joinable()) explore_thread_.join();
}

void RunHost::post(Command c) {
  std::lock_guard<std::mutex> g(mu_);
  queue_.push_back(std::move(c));
  cv_.notify_one();
}

std::optional<lesson::PreparedRun> RunHost::prepare(const StartRequest& request, std::string& error) const {
  if (request.code && request.code->size() > kMaxProgramBytes) {
    error = "the program is " + std::to_string(request.code->size()) + " bytes; programs of at most " +
            std::to_string(kMaxProgramBytes) + " bytes (1 MB) can run here";
    return std::nullopt;
  }
  if (request.lesson.empty())
    return lesson::prepare_program_run(request.code.value_or(""), "main.py", request.options, error);
  const lesson::Lesson* l = catalog_ ? catalog_->find(request.lesson) : nullptr;
  if (!l) {
    error = "lesson '" + request.lesson + "' does not exist";
    return std::nullopt;
  }
  std::optional<std::string> source = request.code;
  if (error = lesson::lang_error(request.options.lang); !error.empty()) return std::nullopt;
  if (!source) source = lesson::read_lesson_program(*l, request.options.lang);
  if (!source) {
    error = "lesson " + request.lesson + " has no " + lesson::program_file(*l, request.options.lang);
    return std::nullopt;
  }
  return lesson::prepare_lesson_run(*l, *source, request.options, error);
}

std::string RunHost::start(const StartRequest& request) {
  std::string error;
  std::optional<lesson::PreparedRun> prepared = prepare(request, error);
  if (!prepared) return error;
  stop_explore();
  auto session = std::make_shared<Session>();
  session->prepared = std::move(*prepared);
  install(std::move(session), request);
  return "";
}

// Makes `session` the current run and has the driver start it.
void RunHost::install(std::shared_ptr<Session> session, const StartRequest& request) {
  session->origin = std::make_shared<const lesson::PreparedRun>(session->prepared);
  {
    std::lock_guard<std::mutex> g(mu_);
    session->id = next_id_++;
    current_ = session;
    status_ = "starting";
    report_json_ = "null";
    live_json_ = "null";
  }
  outcomes_generation_++;
  Command c{Cmd::Start};
  c.session = std::move(session);
  c.request = request;
  post(std::move(c));
}

void RunHost::pause() { post({Cmd::Pause}); }
void RunHost::resume() { post({Cmd::Resume}); }

void RunHost::step(int n, core::ThreadId prefer) {
  Command c{Cmd::Step};
  c.n = n;
  c.prefer = prefer;
  post(std::move(c));
}

void RunHost::choose_coroutine(core::ThreadId tid, uint32_t index) {
  Command c{Cmd::ChooseCoroutine};
  c.prefer = tid;
  c.n = int(std::min<uint32_t>(index, INT32_MAX));
  post(std::move(c));
}

void RunHost::choose_coroutine_id(core::ThreadId tid, core::ObjectId id) {
  Command c{Cmd::ChooseCoroutine};
  c.prefer = tid;
  c.by_id = true;
  c.target = id;
  post(std::move(c));
}

std::string RunHost::status() const {
  std::lock_guard<std::mutex> g(mu_);
  return status_;
}

void RunHost::step_coroutine(core::ThreadId tid) {
  Command c{Cmd::StepCoroutine};
  c.prefer = tid;
  post(std::move(c));
}

void RunHost::seek(uint64_t step) {
  Command c{Cmd::Seek};
  c.target = int64_t(std::min<uint64_t>(step, INT64_MAX));
  c.seek_by = Command::SeekBy::Step;
  post(std::move(c));
}

void RunHost::step_back(int n) {
  Command c{Cmd::Seek};
  c.target = n < 0 ? 0 : n;
  c.seek_by = Command::SeekBy::Back;
  post(std::move(c));
}

void RunHost::seek_time(int64_t vtime_ns) {
  Command c{Cmd::Seek};
  c.target = vtime_ns;
  c.seek_by = Command::SeekBy::Time;
  post(std::move(c));
}

void RunHost::stop() {
  stop_explore();
  {
    std::lock_guard<std::mutex> g(mu_);
    // The driver may be inside a long slice (or a long native operation): the run is told
    // to stop now, so the Stop command behind it is taken within milliseconds.
    if (current_ && current_->ready) current_->program->interrupt();
    current_.reset();
    status_ = "idle";
    report_json_ = "null";
    live_json_ = "null";
  }
  outcomes_generation_++;
  post({Cmd::Stop});
}

void RunHost::set_speed(double steps_per_s) {
  Command c{Cmd::Speed};
  c.speed = steps_per_s;
  post(std::move(c));
}

void RunHost::release(std::shared_ptr<Session> session) {
  if (!session) return;
  Command c{Cmd::Release};
  c.session = std::move(session);
  post(std::move(c));
}

std::shared_ptr<Session> RunHost::current() const {
  std::lock_guard<std::mutex> g(mu_);
  return current_;
}

void RunHost::settle() {
  if (!threaded_) {
    for (;;) {
      {
        std::lock_guard<std::mutex> g(mu_);
        if (queue_.empty()) return;
      }
      drive_once(false);
    }
  }
  std::unique_lock<std::mutex> lk(mu_);
  idle_cv_.wait(lk, [&] { return queue_.empty() && busy_ == 0; });
}

//-----------------------------------------------------------------------------
// [SECTION] the driver thread
//-----------------------------------------------------------------------------
void RunHost::drive() {
  while (drive_once(true)) {}
}

// One turn of the driver: a command if one is queued, else a slice of the current run.
// False after Quit. `may_wait`: block until there is something to do (the driver thread);
// a pumped host never blocks.
bool RunHost::drive_once(bool may_wait) {
  Command c{Cmd::Speed};
  bool have = false;
  {
    std::unique_lock<std::mutex> lk(mu_);
    const bool active = driving_ && driving_->program && !ended(driving_->program->status()) &&
                        !(paused_ && driving_->program->run().mode() == core::Mode::Det);
    auto has_work = [&] { return !queue_.empty(); };
    if (may_wait) {
      if (!active) cv_.wait(lk, has_work);
      else if (steps_per_s_ > 0) cv_.wait_for(lk, std::chrono::milliseconds(8), has_work);
    }
    if (!queue_.empty()) {
      c = std::move(queue_.front());
      queue_.pop_front();
      have = true;
      ++busy_;
    }
  }
  if (!have) {
    guarded("advancing the run", [&] {
      advance_current();
      publish(false);
    });
    return true;
  }
  if (c.kind == Cmd::Quit) {
    std::deque<Command> rest;
    std::shared_ptr<Session> shown;
    {
      std::lock_guard<std::mutex> g(mu_);
      rest.swap(queue_);
      shown = std::move(current_);
    }
    rest.clear();  // queued sessions are released here, on the driver
    if (driving_ && driving_->program) driving_->program->stop();
    driving_.reset();
    return false;
  }
  guarded("handling a command", [&] {
    handle(c);
    publish(true);
  });
  std::lock_guard<std::mutex> g(mu_);
  --busy_;
  idle_cv_.notify_all();
  return true;
}

void RunHost::pump(double budget_ms) {
  const int64_t until = now_ns() + int64_t(budget_ms * 1e6);
  do {
    bool idle;
    {
      std::lock_guard<std::mutex> g(mu_);
      idle = queue_.empty() && !(driving_ && driving_->program && !ended(driving_->program->status()) &&
                                 !(paused_ && driving_->program->run().mode() == core::Mode::Det));
    }
    bool more = false;
    if (idle && pending_explore_) {  // no thread to search on: the search runs here, in one go
      std::unique_ptr<PendingExplore> e = std::move(pending_explore_);
      explore_main(std::move(e->request), std::move(e->run), std::move(e->options), e->generation);
      continue;
    }
    if (idle) {
      try {
        more = pump_outcomes();
      } catch (...) {  // see core/failure.h
        pumped_.reset();
        const std::string what = core::take_allocation_failure() ? "out of memory" : core::current_exception_text();
        std::lock_guard<std::mutex> g(mu_);
        outcomes_.error = "internal error: " + what;
        outcomes_.running = false;
      }
    }
    if (idle && !more) return;
    if (!idle) drive_once(false);
  } while (now_ns() < until);
}

void RunHost::handle(Command& c) {
  switch (c.kind) {
    case Cmd::Start: {
      if (driving_ && driving_->program) driving_->program->stop();
      driving_ = c.session;  // the previous run, if any, is destroyed here, on this thread
      paused_ = c.request.paused;
      steps_per_s_ = c.request.steps_per_s;
      step_credit_ = 0;
      last_tick_ns_ = now_ns();
      driving_->program = std::make_unique<py::Program>(driving_->prepared.source, driving_->prepared.config);
      driving_->ready = true;
      if (paused_) driving_->program->advance(0);  // started, nothing run: step mode begins here
      if (ended(driving_->program->status())) {    // a SyntaxError: the run ended before it began
        driving_->program->advance(0);
        finalize();
      }
      break;
    }
    case Cmd::Stop:
      if (driving_ && driving_->program) driving_->program->stop();
      driving_.reset();
      break;
    case Cmd::Pause: paused_ = true; break;
    case Cmd::Resume:
      paused_ = false;
      last_tick_ns_ = now_ns();
      break;
    case Cmd::Step:
      if (!driving_ || !driving_->program || driving_->program->run().mode() != core::Mode::Det) break;
      paused_ = true;
      for (int i = 0; i < c.n && !ended(driving_->program->status()); ++i) driving_->program->step(c.prefer);
      if (ended(driving_->program->status())) finalize();
      break;
    case Cmd::ChooseCoroutine:
      if (!driving_ || !driving_->program || driving_->program->run().mode() != core::Mode::Det) break;
      paused_ = true;
      if (c.by_id) {  // the canvas names the coroutine; the queue's order says where it is
        for (const py::ReadyCoroutine& r : driving_->program->ready_coroutines(c.prefer))
          if (r.id != 0 && r.id == core::ObjectId(c.target)) {
            driving_->program->choose_coroutine(c.prefer, r.index);
            break;
          }
      } else {
        driving_->program->choose_coroutine(c.prefer, uint32_t(c.n));
      }
      break;
    case Cmd::StepCoroutine:
      if (!driving_ || !driving_->program || driving_->program->run().mode() != core::Mode::Det) break;
      paused_ = true;
      // Bounded like a slice of steps: Stop waits for at most this one command.
      driving_->program->step_coroutine(c.prefer, kSliceSteps * 10);
      if (ended(driving_->program->status())) finalize();
      break;
    case Cmd::Seek: seek_current(c); break;
    case Cmd::Join:
      if (c.thread.joinable()) c.thread.join();
      break;
    case Cmd::Release:
      if (c.session && c.session->program && c.session != driving_) c.session->program->stop();
      c.session.reset();  // destroyed here if this was the last reference
      break;
    case Cmd::Speed:
      steps_per_s_ = c.speed;
      step_credit_ = 0;
      last_tick_ns_ = now_ns();
      break;
    case Cmd::Quit: break;
  }
}

void RunHost::advance_current() {
  if (!driving_ || !driving_->program || driving_->failed) return;
  py::Program& p = *driving_->program;
  if (ended(p.status())) return;
  if (p.run().mode() == core::Mode::Det) {
    if (paused_) return;
    uint64_t steps = threaded_ ? kSliceSteps : kSliceSteps / 10;
    if (steps_per_s_ > 0) {
      int64_t t = now_ns();
      step_credit_ += double(t - last_tick_ns_) / 1e9 * steps_per_s_;
      last_tick_ns_ = t;
      steps = uint64_t(std::min<double>(step_credit_, double(kSliceSteps)));
      step_credit_ -= double(steps);
      if (steps == 0) return;
    }
    p.advance(steps);
  } else {
    p.advance(UINT64_MAX, 0.02);
  }
  if (ended(p.status())) finalize();
}

// Whatever goes wrong inside the host while it drives a run (an exception from the run, the
// interpreter or the report) ends that run as failed, with the reason, and the host goes on.
template <class F>
void RunHost::guarded(const char* doing, F&& work) {
  try {
    work();
  } catch (...) {  // not by type: the threaded wasm build cannot match types (core/failure.h)
    fail_current(core::take_allocation_failure() ? std::string("out of memory while ") + doing
                                                 : std::string("internal error while ") + doing + ": " +
                                                       core::current_exception_text());
  }
}

void RunHost::fail_current(const std::string& message) {
  if (!driving_) return;
  driving_->failed = true;
  if (driving_->program) driving_->program->interrupt();
  json report = {{"status", "failed"},
                 {"end", {{"reason", "internal-error"}, {"message", message}}},
                 {"lesson", driving_->prepared.lesson ? json(driving_->prepared.lesson->id) : json(nullptr)},
                 {"exit_code", 70},
                 {"stdout", ""}, {"stderr", "interleave: " + message + "\n"},
                 {"threads", json::array()}, {"results", json::object()}, {"checks", json::array()},
                 {"deadlock", nullptr}};
  std::lock_guard<std::mutex> g(mu_);
  if (current_ != driving_) return;
  status_ = "failed";
  report_json_ = report.dump();
}

void RunHost::finalize() {
  py::Program& p = *driving_->program;
  publish(true, lesson::run_report(driving_->prepared, p).dump());
}

//-----------------------------------------------------------------------------
// [SECTION] seeking (step back)
//-----------------------------------------------------------------------------
// A fresh, paused copy of the driven run replayed to step `to`: its schedule so far is
// replayed, then the run's own strategy goes on (ResumeStrategy), so the copy is the run.
std::shared_ptr<Session> RunHost::replay_session(uint64_t to) const {
  auto choices = core::decode_schedule(driving_->program->schedule_token());
  auto s = std::make_shared<Session>();
  s->origin = driving_->origin;
  s->marks = driving_->marks;
  s->prepared = *s->origin;
  core::RunConfig& rc = s->prepared.config.run;
  rc.strategy = core::StrategyKind::Custom;
  // The coroutine choices (step mode's steering) come back before the steps they were made at.
  rc.coroutine_plan = core::decode_coroutine_choices(driving_->program->schedule_token()).value_or(
      std::vector<core::CoroutineChoice>{});
  rc.custom_strategy = [prefix = choices.value_or(std::vector<uint32_t>{}), base = s->origin->config.run]() {
    std::string ignored;  // the origin's config made a run already: its strategy is valid
    return std::make_unique<core::ResumeStrategy>(prefix, core::make_strategy(base, ignored));
  };
  s->program = std::make_unique<py::Program>(s->prepared.source, s->prepared.config);
  py::Program& p = *s->program;
  p.advance(0);
  while (p.steps() < to && !ended(p.status())) {
    const uint64_t before = p.steps();
    p.advance(to - before);
    if (p.steps() == before) break;  // waiting for a choice the recording does not have
  }
  return s;
}

void RunHost::seek_current(const Command& c) {
  if (!driving_ || !driving_->program || driving_->failed || driving_->program->run().mode() != core::Mode::Det) return;
  py::Program& p = *driving_->program;
  const uint64_t now = p.steps();
  uint64_t to = uint64_t(std::max<int64_t>(c.target, 0));
  if (c.seek_by == Command::SeekBy::Back) to = now > to ? now - to : 0;
  if (c.seek_by == Command::SeekBy::Time) {  // the first step whose virtual time reaches the target, found by replaying
    std::shared_ptr<Session> probe = replay_session(0);
    py::Program& q = *probe->program;
    const double target_s = double(c.target) / 1e9;
    while (q.virtual_time_s() < target_s && q.steps() < now && !ended(q.status())) q.step(0);
    to = q.steps();
  }
  paused_ = true;
  if (to >= now) {  // forwards: the run itself goes on
    while (p.steps() < to && !ended(p.status())) p.step(0);
    if (ended(p.status())) finalize();
    return;
  }
  std::shared_ptr<Session> s = replay_session(to);
  {
    std::lock_guard<std::mutex> g(mu_);
    if (current_ != driving_) return;  // a newer start or a stop is on its way
    s->id = next_id_++;
    current_ = s;
    report_json_ = "null";
  }
  s->ready = true;
  driving_ = std::move(s);  // the old run is destroyed here, on the driver, or when released
  if (ended(driving_->program->status())) finalize();
}

//-----------------------------------------------------------------------------
// [SECTION] snapshots
//-----------------------------------------------------------------------------
void RunHost::publish(bool force, std::string report) {
  int64_t t = now_ns();
  if (!force && t - last_publish_ns_ < 50'000'000) return;
  last_publish_ns_ = t;
  std::string status = "idle";
  json live = nullptr;
  if (driving_ && driving_->failed) return;  // fail_current() published the end
  if (driving_ && driving_->program) {
    py::Program& p = *driving_->program;
    const bool det = p.run().mode() == core::Mode::Det;
    status = py::program_status_name(p.status());
    if (status == std::string("running") && paused_ && det) status = "paused";
    live = {{"session", driving_->id},
            {"mode", det ? "det" : "free"},
            {"virtual_time_s", p.virtual_time_s()},
            {"wall_time_s", p.wall_time_s()},
            {"steps", p.steps()}};
    // The replay token grows with the run (megabytes for a long det run): it is given when
    // the run stands still (paused, waiting for a choice; the report has it at the end).
    if (det && (paused_ || p.status() == py::ProgramStatus::AwaitingChoice)) live["schedule"] = p.schedule_token();
    json threads = json::array();
    const bool still = det && (paused_ || p.status() == py::ProgramStatus::AwaitingChoice) && !ended(p.status());
    for (const py::LiveThread& lt : p.live_threads()) {
      json t = {{"tid", lt.tid}, {"name", lt.name}, {"state", lt.state}, {"line", lt.line}};
      if (still) {  // step mode within the thread: what its loop or hub runs next
        std::vector<py::ReadyCoroutine> ready = p.ready_coroutines(lt.tid);
        const core::ObjectId running = p.running_coroutine(lt.tid);
        if (!ready.empty() || running) {
          json list = json::array();
          for (const py::ReadyCoroutine& r : ready) list.push_back({{"index", r.index}, {"id", r.id}, {"name", r.name}});
          t["coroutine"] = running;
          t["coroutine_name"] = running ? p.run().trace().object_name(running) : std::string();
          t["ready"] = list;
        }
      }
      threads.push_back(std::move(t));
    }
    live["threads"] = threads;
    live["runnable"] = det ? json(p.runnable_threads()) : json::array();
  }
  std::lock_guard<std::mutex> g(mu_);
  if (!driving_ || current_ != driving_) return;  // a newer start or a stop is on its way
  status_ = status;
  live_json_ = live.dump();
  if (!report.empty()) report_json_ = std::move(report);  // with the final status, in one go
}

std::string RunHost::state_json() const {
  std::lock_guard<std::mutex> g(mu_);
  json out_json = nullptr;
  if (outcomes_.wanted > 0)
    out_json = {{"result", outcomes_.result},     {"wanted", outcomes_.wanted},
                {"values", outcomes_.values},     {"running", outcomes_.running},
                {"error", outcomes_.error},       {"expected", outcomes_.expected ? json(*outcomes_.expected) : json(nullptr)}};
  return "{\"status\":\"" + status_ + "\",\"session\":" + std::to_string(current_ ? current_->id : 0) +
         ",\"live\":" + live_json_ + ",\"report\":" + report_json_ + ",\"outcomes\":" + out_json.dump() + "}";
}

std::string RunHost::trace_json() const {
  std::shared_ptr<Session> s = current();
  if (!s || !s->ready) return "";
  const core::Run& run = s->program->run();
  return run.trace().to_chrome_json(run.mode() == core::Mode::Det);
}

//-----------------------------------------------------------------------------
// [SECTION] outcomes
//-----------------------------------------------------------------------------
Outcomes RunHost::outcomes() const {
  std::lock_guard<std::mutex> g(mu_);
  return outcomes_;
}

std::string RunHost::run_outcomes(int n, const std::string& result) {
  std::shared_ptr<Session> s = current();
  if (!s) return "there is no program to run: press Run first";
  if (n < 1 || n > 1000) return "runs must be from 1 to 1000";
  uint64_t generation = ++outcomes_generation_;
  if (outcomes_thread_.joinable()) {  // the previous batch sees the new generation and ends;
    Command c{Cmd::Join};             // the driver waits for it, never the caller
    c.thread = std::move(outcomes_thread_);
    post(std::move(c));
  }
  pumped_.reset();
  {
    std::lock_guard<std::mutex> g(mu_);
    outcomes_ = Outcomes{};
    outcomes_.result = result;
    outcomes_.wanted = n;
    outcomes_.running = true;
  }
  if (threaded_) {
    outcomes_thread_ = std::thread([this, s, n, result, generation] { outcomes_main(s, n, result, generation); });
  } else {
    pumped_ = std::make_unique<PumpedOutcomes>();
    pumped_->session = s;
    pumped_->n = n;
    pumped_->result = result;
    pumped_->generation = generation;
  }
  return "";
}

// Det seed `seed` of session `s` as a headless run (watched variables off).
std::unique_ptr<py::Program> RunHost::outcome_program(const Session& s, int seed, lesson::PreparedRun& run) {
  run = s.prepared;
  run.config.run.mode = core::Mode::Det;
  run.config.run.strategy = core::StrategyKind::Random;
  run.config.run.replay.clear();
  run.config.run.seed = uint64_t(seed);
  run.seed = uint64_t(seed);
  run.config.watched.clear();
  return std::make_unique<py::Program>(run.source, run.config);
}

void RunHost::record_outcome(const lesson::PreparedRun& run, const py::Program& program, const std::string& result) {
  json results = lesson::run_results(run, program);
  std::optional<double> expected = lesson::expected_value(run, results, result);
  std::lock_guard<std::mutex> g(mu_);
  if (results.contains(result) && results[result].is_number()) outcomes_.values.push_back(results[result].get<double>());
  else outcomes_.error = "no numeric result '" + result + "'";
  if (expected) outcomes_.expected = expected;
}

bool RunHost::pump_outcomes() {
  if (!pumped_) return false;
  PumpedOutcomes& po = *pumped_;
  if (outcomes_generation_ != po.generation) {
    pumped_.reset();
    return false;
  }
  if (!po.program) {
    if (po.next_seed > po.n) {
      std::lock_guard<std::mutex> g(mu_);
      outcomes_.running = false;
      pumped_.reset();
      return false;
    }
    po.program = outcome_program(*po.session, po.next_seed++, po.run);
  }
  if (po.program->advance(kSliceSteps / 10) == py::ProgramStatus::Running) return true;
  record_outcome(po.run, *po.program, po.result);
  po.program.reset();
  return true;
}

void RunHost::outcomes_main(std::shared_ptr<Session> s, int n, std::string result, uint64_t generation) {
  try {
    outcomes_batch(std::move(s), n, result, generation);
  } catch (...) {  // see core/failure.h
    const std::string what = core::take_allocation_failure() ? "out of memory" : core::current_exception_text();
    std::lock_guard<std::mutex> g(mu_);
    outcomes_.error = "internal error: " + what;
    outcomes_.running = false;
  }
}

void RunHost::outcomes_batch(std::shared_ptr<Session> s, int n, const std::string& result, uint64_t generation) {
  for (int seed = 1; seed <= n && outcomes_generation_ == generation; ++seed) {
    lesson::PreparedRun run;
    std::unique_ptr<py::Program> program = outcome_program(*s, seed, run);
    while (program->advance(kSliceSteps) == py::ProgramStatus::Running)
      if (outcomes_generation_ != generation) return;
    if (outcomes_generation_ != generation) return;
    record_outcome(run, *program, result);
  }
  std::lock_guard<std::mutex> g(mu_);
  if (outcomes_generation_ == generation) outcomes_.running = false;
}

}  // namespace interleave::host

namespace interleave::host {

//-----------------------------------------------------------------------------
// [SECTION] explore (Find)
//-----------------------------------------------------------------------------
std::string RunHost::explore(const StartRequest& request, lesson::ExploreOptions options) {
  if (request.options.mode != "det") return "Find searches det schedules: the mode must be det, got '" + request.options.mode + "'";
  if (std::string bad = lesson::validate(options); !bad.empty()) return bad;
  std::string error;
  std::optional<lesson::PreparedRun> run = prepare(request, error);
  if (!run) return error;
  stop_explore();
  const uint64_t generation = explore_generation_;
  explore_cancel_ = false;
  {
    std::lock_guard<std::mutex> g(mu_);
    explore_ = ExploreStatus{};
    explore_.running = true;
    explore_.strategy = lesson::explore_strategy_name(options.strategy);
  }
  if (threaded_) {
    explore_thread_ = std::thread([this, request, run = std::move(*run), options, generation]() mutable {
      explore_main(std::move(request), std::move(run), std::move(options), generation);
    });
  } else {
    // One blocking call on the page's main thread: kept short.
    if (options.time_s <= 0 || options.time_s > 5) options.time_s = 5;
    pending_explore_ = std::make_unique<PendingExplore>(PendingExplore{request, std::move(*run), options, generation});
  }
  return "";
}

void RunHost::stop_explore() {
  explore_cancel_ = true;
  ++explore_generation_;
  pending_explore_.reset();
  if (explore_thread_.joinable()) {  // it sees the cancel within one schedule; the driver joins it
    Command c{Cmd::Join};
    c.thread = std::move(explore_thread_);
    post(std::move(c));
  }
  std::lock_guard<std::mutex> g(mu_);
  explore_.running = false;
}

void RunHost::explore_main(StartRequest request, lesson::PreparedRun run, lesson::ExploreOptions options,
                           uint64_t generation) {
  options.cancel = &explore_cancel_;
  options.on_progress = [this, generation](const lesson::ExploreProgress& p) {
    std::lock_guard<std::mutex> g(mu_);
    if (explore_generation_ != generation) return;
    explore_.tried = p.tried;
    explore_.seconds = p.seconds;
    explore_.per_second = p.per_second;
    explore_.bound = p.bound;
  };
  lesson::ExploreResult r;
  try {
    r = lesson::explore(run, options);
  } catch (...) {  // see core/failure.h
    r.error = core::take_allocation_failure() ? "out of memory" : core::current_exception_text();
  }
  if (explore_generation_ != generation) return;
  if (r.found && r.error.empty() && !r.cancelled) load_found(request, r);
  std::lock_guard<std::mutex> g(mu_);
  if (explore_generation_ != generation) return;
  explore_.running = false;
  explore_.tried = r.tried;
  explore_.seconds = r.seconds;
  explore_.per_second = r.per_second;
  explore_.error = r.error;
  explore_.result = lesson::explore_json(r, options).dump();
}

// The found schedule as a paused replay, its preemptions marked at their virtual times.
void RunHost::load_found(StartRequest request, const lesson::ExploreResult& r) {
  request.options.replay = r.token;
  request.paused = true;
  std::string error;
  std::optional<lesson::PreparedRun> run = prepare(request, error);
  if (!run) return;
  auto session = std::make_shared<Session>();
  session->prepared = std::move(*run);
  py::Program probe(session->prepared.source, session->prepared.config);
  for (const lesson::Preemption& p : r.where) {
    while (probe.steps() < p.step && !ended(probe.status()))
      if (probe.advance(p.step - probe.steps()) != py::ProgramStatus::Running) break;
    session->marks.push_back(int64_t(std::llround(probe.virtual_time_s() * 1e9)));
  }
  install(std::move(session), request);
}

ExploreStatus RunHost::explore_status() const {
  std::lock_guard<std::mutex> g(mu_);
  return explore_;
}

std::string RunHost::explore_json() const {
  ExploreStatus e = explore_status();
  json j = {{"running", e.running}, {"tried", e.tried},       {"seconds", e.seconds},   {"per_second", e.per_second},
            {"bound", e.bound},     {"strategy", e.strategy}, {"error", e.error}};
  std::string out = j.dump();
  out.pop_back();
  return out + ",\"result\":" + e.result + "}";
}

}  // namespace interleave::host
