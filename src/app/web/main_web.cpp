// The page's wasm main: SDL2 + WebGL2 + ImGui on the browser main thread, which never blocks.
// Runs happen on the RunHost's driver thread (a Web Worker) and, in free mode, on the
// program's own pthreads; each frame the main thread drains the current run's trace into
// the views' model and draws the canvas. JavaScript drives it through the il_* functions.
//
// [SECTION] App state
// [SECTION] Canvas size and HiDPI
// [SECTION] The current run and its checks
// [SECTION] Frame loop
// [SECTION] The page's API (il_*)
// [SECTION] main
#include <SDL.h>
#include <SDL_opengles2.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <emscripten/threading.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "app/host/run_host.h"
#include "build_info.h"
#include "core/os_threads.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl.h"
#include "lesson/lesson.h"
#include "lesson/lesson_json.h"
#include "lesson/params.h"
#include "py/constants.h"
#include "ui/canvas.h"
#include "ui/run_model.h"
#include "ui/status_view.h"
#include "ui/theme.h"
#include "ui/ui_text.h"
#include "ui/value_text.h"

namespace {

using nlohmann::json;

// A pthread that counts while the canvas shows no run: the idle status view's proof that
// workers run (il_state's worker_count). While a run is shown nobody looks at it, so it waits
// on a condition instead of waking a worker 100 times a second beside the program's threads.
class IdleCounter {
 public:
  // Starts the counting thread (once; threaded builds only).
  void start() { std::thread([this] { loop(); }).detach(); }
  // Counts while `on`; a change wakes the thread, the same value costs one atomic load.
  void set_counting(bool on) {
    if (counting_.load(std::memory_order_relaxed) == on) return;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      counting_.store(on, std::memory_order_relaxed);
    }
    changed_.notify_one();
  }
  // The count so far.
  uint64_t value() const { return count_.load(std::memory_order_relaxed); }

 private:
  void loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      changed_.wait(lock, [this] { return counting_.load(std::memory_order_relaxed); });
      lock.unlock();
      count_.fetch_add(1, std::memory_order_relaxed);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      lock.lock();
    }
  }
  std::mutex mutex_;
  std::condition_variable changed_;
  std::atomic<bool> counting_{true};
  std::atomic<uint64_t> count_{0};
};

IdleCounter g_idle_counter;
namespace ui = interleave::ui;
namespace host = interleave::host;

//-----------------------------------------------------------------------------
// [SECTION] App state
//-----------------------------------------------------------------------------
struct App {
  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
  bool threads = false;
  bool ready = false;
  uint64_t frames = 0;
  std::string lang = "zh";
  interleave::lesson::Catalog catalog;
  std::unique_ptr<host::RunHost> host;
  // What the canvas shows: a session taken from the host (given back with release()),
  // its model, and the report the checks came from.
  std::shared_ptr<host::Session> shown;
  std::unique_ptr<ui::RunModel> model;
  std::string checks_from;            // "session:lang" whose report the model's checks show
  double report_checked_ms = 0;       // when the host's state was last looked at for a report
  ui::Canvas canvas;
  ui::OutcomeSeries outcomes;
  ui::StatusModel status;
  double frame_ms = 0;
};

App g_app;

//-----------------------------------------------------------------------------
// [SECTION] Canvas size and HiDPI
//-----------------------------------------------------------------------------
// The canvas follows its container (#stage), which the page's CSS sizes; SDL then sizes the
// backing store at devicePixelRatio because the window allows HiDPI.
void fit_canvas_to_stage() {
  double css_w = 0, css_h = 0;
  if (emscripten_get_element_css_size("#stage", &css_w, &css_h) != EMSCRIPTEN_RESULT_SUCCESS) return;
  int w = static_cast<int>(css_w), h = static_cast<int>(css_h);
  int cur_w = 0, cur_h = 0;
  SDL_GetWindowSize(g_app.window, &cur_w, &cur_h);
  if (w > 0 && h > 0 && (w != cur_w || h != cur_h)) SDL_SetWindowSize(g_app.window, w, h);
}

//-----------------------------------------------------------------------------
// [SECTION] The current run and its checks
//-----------------------------------------------------------------------------
const interleave::lesson::Lesson* shown_lesson() {
  return g_app.shown ? g_app.shown->prepared.lesson : nullptr;
}

std::string text_in(const interleave::lesson::Text& t) { return t.in(g_app.lang); }

// The results and checks of a finished run, as the Checks view lists them.
std::vector<ui::CheckResult> checks_of(const json& report) {
  std::vector<ui::CheckResult> rows;
  const interleave::lesson::Lesson* l = shown_lesson();
  for (auto& [name, value] : report["results"].items()) {
    ui::CheckResult r;
    r.name = name;
    if (l)
      for (const auto& res : l->results)
        if (res.name == name && !text_in(res.label).empty()) r.name = text_in(res.label);
    r.value = ui::display_value(value);  // Python's notation, floats rounded; the report keeps the full value
    r.judged = false;
    rows.push_back(std::move(r));
  }
  for (auto& c : report["checks"]) {
    ui::CheckResult r;
    r.name = c["name"].get<std::string>();
    if (l)
      for (const auto& chk : l->checks)
        if (chk.name == r.name) {
          r.name = text_in(chk.text);
          r.expected = chk.expect;
        }
    std::string v = c["verdict"].get<std::string>();
    r.verdict = v == "pass" ? ui::Verdict::Passed : v == "fail" || v == "error" ? ui::Verdict::Failed
                                                                                  : ui::Verdict::NotApplicable;
    if (v == "error") r.value = c["detail"].get<std::string>();
    rows.push_back(std::move(r));
  }
  return rows;
}

// Follows the host's current session: a new model for a new run, the old one given back.
void follow_current_run() {
  std::shared_ptr<host::Session> current = g_app.host->current();
  if (current != g_app.shown) {
    g_app.model.reset();
    g_app.host->release(std::move(g_app.shown));
    g_app.shown = current;
    g_app.checks_from.clear();
    g_app.report_checked_ms = 0;
    g_app.outcomes = {};
  }
  if (g_app.shown && !g_app.model && g_app.shown->ready) {
    g_app.model = std::make_unique<ui::RunModel>(g_app.shown->program->run());
    g_app.model->set_marks(g_app.shown->marks);
  }
  if (!g_app.model) return;
  g_app.model->drain();
  // The state holds the live schedule token, which grows with the run (megabytes for a long
  // det run): copy it at most every 100 ms, parse it only once a report has arrived, and
  // stop looking once this session's report is on the canvas (it does not change after).
  const std::string done = std::to_string(g_app.shown->id) + ":" + g_app.lang;
  const double now = emscripten_get_now();
  if (g_app.checks_from != done && now - g_app.report_checked_ms >= 100) {
    g_app.report_checked_ms = now;
    const std::string text = g_app.host->state_json();
    const size_t at = text.find(",\"report\":");
    if (at != std::string::npos && text.compare(at + 10, 4, "null") != 0) {
      json state = json::parse(text);
      g_app.model->set_checks(checks_of(state["report"]));
      g_app.model->set_deadlocked(state["status"] == "deadlock");
      g_app.checks_from = done;
    }
  }
  host::Outcomes o = g_app.host->outcomes();
  g_app.outcomes.name = o.result;
  g_app.outcomes.values = o.values;
  g_app.outcomes.expected = o.expected;
}

//-----------------------------------------------------------------------------
// [SECTION] Frame loop
//-----------------------------------------------------------------------------
void draw_idle(float w, float h) {
  g_app.status.worker_count = g_idle_counter.value();
  ui::draw_status_view(g_app.status, 12, 12, w < 560 ? w - 24 : 520, 230);
  (void)h;
}

void frame() {
  SDL_Event event;
  while (SDL_PollEvent(&event)) ImGui_ImplSDL2_ProcessEvent(&event);
  fit_canvas_to_stage();
#if !INTERLEAVE_THREADS
  g_app.host->pump(8);  // no driver thread here: the run advances a slice per frame
#endif
  follow_current_run();
  g_idle_counter.set_counting(!g_app.model);

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  g_app.status.frame_ms = 1000.0f / (ImGui::GetIO().Framerate > 0 ? ImGui::GetIO().Framerate : 60.0f);
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  if (g_app.model) {
    // Step mode: a click on a coroutine's sub-lane makes its thread's event loop run it next.
    const bool det_shown = g_app.shown && g_app.shown->ready && g_app.shown->program->run().mode() == interleave::core::Mode::Det;
    const std::string status = det_shown ? g_app.host->status() : std::string();
    g_app.canvas.set_coroutine_picking(status == "paused" || status == "awaiting-choice");
    g_app.canvas.draw(*g_app.model, g_app.outcomes.values.empty() && g_app.outcomes.name.empty() ? nullptr : &g_app.outcomes,
                      0, 0, size.x, size.y);
    // A click on a det run's timeline takes the run back (or on) to that moment.
    if (auto t = g_app.canvas.timeline().take_pick(); t && g_app.shown && g_app.shown->ready &&
                                                      g_app.shown->program->run().mode() == interleave::core::Mode::Det)
      g_app.host->seek_time(static_cast<int64_t>(*t));
    if (auto c = g_app.canvas.take_coroutine_click(); c && det_shown) g_app.host->choose_coroutine_id(c->tid, c->coroutine);
  } else {
    draw_idle(size.x, size.y);
  }
  ImGui::Render();

  int fb_w = 0, fb_h = 0;
  SDL_GL_GetDrawableSize(g_app.window, &fb_w, &fb_h);
  glViewport(0, 0, fb_w, fb_h);
  glClearColor(0.93f, 0.94f, 0.95f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ++g_app.frames;
  // ImGui lays windows out on the first frame; from the second the canvas shows them.
  if (g_app.frames >= 2) g_app.ready = true;
}

// Strings handed to JavaScript live until the next call of the same function.
const char* keep(std::string& slot, std::string value) {
  slot = std::move(value);
  return slot.c_str();
}

// The det scheduler's settings of a run request (absent or null: the lesson's own). Types are
// checked here; ranges by the run's configuration, with the same messages as the CLI's.
std::string read_scheduler(const json& r, interleave::lesson::RunOptions& o) {
  auto given = [&](const char* name) { return r.contains(name) && !r[name].is_null(); };
  if (given("switch_points")) {
    if (!r["switch_points"].is_string()) return "switch_points must be any or cpython";
    o.switch_points = r["switch_points"].get<std::string>();
  }
  if (given("gil")) {
    const json& g = r["gil"];
    if (g.is_boolean()) o.gil = g.get<bool>();
    else if (g == "on" || g == "off") o.gil = g == "on";
    else return "gil must be on or off, got " + g.dump();
  }
  if (given("cores")) {
    if (!r["cores"].is_number_integer()) return "cores must be a whole number from 1 to 64, got " + r["cores"].dump();
    o.cores = int(std::clamp<int64_t>(r["cores"].get<int64_t>(), -1, 1 << 20));
  }
  if (given("instruction_ns")) {
    if (!r["instruction_ns"].is_number()) return "instruction_ns must be a number from 0 to 1000000, got " + r["instruction_ns"].dump();
    o.instruction_ns = r["instruction_ns"].get<double>();
  }
  return "";
}

// OS threads parked for free runs' threads (il_park_threads).
int parked_threads() { return interleave::core::OsThreads::shared().counts().idle; }

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The page's API (il_*): called by web/src on the main thread
//-----------------------------------------------------------------------------
extern "C" {

// {ready, threads_supported, frames, build, run: {status, session, live, report, outcomes}}
EMSCRIPTEN_KEEPALIVE const char* il_state() {
  static std::string slot;
  json j = {{"ready", g_app.ready},
            {"threads_supported", g_app.threads},
            {"frames", g_app.frames},
            {"worker_count", g_idle_counter.value()},
            {"parked_threads", parked_threads()},
            {"build", {{"version", INTERLEAVE_VERSION}, {"commit", INTERLEAVE_COMMIT}, {"target", INTERLEAVE_TARGET},
                       {"compiler", INTERLEAVE_COMPILER}}}};
  // The run's state is already JSON: spliced in, not parsed and dumped again.
  std::string out = j.dump();
  out.pop_back();
  out += ",\"run\":" + (g_app.host ? g_app.host->state_json() : std::string("null")) + "}";
  return keep(slot, std::move(out));
}

// il_state() without the live schedule token (it grows with the run; the report has it at the
// end): what the page polls each frame while a run goes on.
EMSCRIPTEN_KEEPALIVE const char* il_poll() {
  static std::string slot;
  std::string text = il_state();
  const size_t live = text.find("\"live\":{");
  const size_t key = live == std::string::npos ? live : text.find("\"schedule\":\"", live);
  const size_t report = text.find(",\"report\":", live == std::string::npos ? 0 : live);
  if (key != std::string::npos && key < report) {
    const size_t from = key + 12, to = text.find('"', from);
    if (to != std::string::npos) text.erase(from, to - from);
  }
  return keep(slot, std::move(text));
}

}  // extern "C"

namespace {
// il_start's request as the host's; returns "" or the error (the valid values named).
// request: {lesson, code?, lang? (zh | en: the listing run without code), mode, seed?, params: {name: text}, time_scale?,
//           switch_points? (any | cpython), gil? (on | off), cores? (1..64), instruction_ns? (0..1000000),
//           paused?, steps_per_s?, memory_mb? (16..1024), time_limit_s? (1..3600), stdin? (text, <= 1 MB)}.
std::string parse_request(const json& r, host::StartRequest& req) {
  if (!r.is_object()) return "the run request is not a JSON object";
  req.lesson = r.value("lesson", "");
  if (r.contains("code") && r["code"].is_string()) req.code = r["code"].get<std::string>();
  req.options.mode = r.value("mode", "det");
  // The listing of the page's language unless the request names one (zh | en).
  req.options.lang = r.contains("lang") && r["lang"].is_string() ? r["lang"].get<std::string>() : g_app.lang;
  if (r.contains("seed") && !r["seed"].is_null()) {
    std::string seed = r["seed"].is_string() ? r["seed"].get<std::string>() : r["seed"].dump();
    char* end = nullptr;
    unsigned long long v = std::strtoull(seed.c_str(), &end, 10);
    if (seed.empty() || *end) return ("seed must be a whole number from 0 to 18446744073709551615, got '" + seed + "'");
    req.options.seed = v;
  }
  if (r.contains("time_scale") && r["time_scale"].is_number()) req.options.time_scale = r["time_scale"].get<double>();
  if (std::string bad = read_scheduler(r, req.options); !bad.empty()) return bad;
  if (r.contains("params") && r["params"].is_object())
    for (auto& [k, v] : r["params"].items())
      req.options.sets.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
  if (r.contains("memory_mb") && !r["memory_mb"].is_null()) {
    if (!r["memory_mb"].is_number_integer()) return ("memory_mb must be a whole number from 16 to 1024");
    req.options.memory_mb = int(std::clamp<int64_t>(r["memory_mb"].get<int64_t>(), -1, 1 << 20));
  }
  if (r.contains("time_limit_s") && !r["time_limit_s"].is_null()) {
    if (!r["time_limit_s"].is_number()) return ("time_limit_s must be seconds from 1 to 3600");
    req.options.time_limit_s = r["time_limit_s"].get<double>();
  }
  if (r.contains("stdin") && !r["stdin"].is_null()) {
    if (!r["stdin"].is_string()) return "stdin must be text: the lines input() reads, at most 1 MB";
    req.options.stdin_text = r["stdin"].get<std::string>();
  }
  req.paused = r.value("paused", false);
  req.steps_per_s = r.value("steps_per_s", 0.0);
  if (req.options.mode == "free" && !g_app.threads)
    return "free mode needs real threads, which this page cannot use here (it is not cross-origin isolated)";
  return "";
}
}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* il_start(const char* request_json) {
  static std::string slot;
  host::StartRequest req;
  if (std::string bad = parse_request(json::parse(request_json, nullptr, false), req); !bad.empty())
    return keep(slot, std::move(bad));
  // The old run's model goes before the host can replace (and destroy) that run.
  g_app.model.reset();
  g_app.host->release(std::move(g_app.shown));
  return keep(slot, g_app.host->start(req));
}

// Det step back: `n` steps before the current one (il_step_back) or to step `step` (il_seek),
// replayed exactly; the run waits there.
EMSCRIPTEN_KEEPALIVE void il_step_back(int n) { g_app.host->step_back(n < 1 ? 1 : n); }
EMSCRIPTEN_KEEPALIVE void il_seek(double step) { g_app.host->seek(step <= 0 ? 0 : static_cast<uint64_t>(step)); }

// Find: {run: il_start's request, strategy: random | pct | exhaustive, max_preemptions (0..10),
// budget (1..100000000), time_s?}. Returns "" or the error; il_explore_state() follows it.
EMSCRIPTEN_KEEPALIVE const char* il_explore(const char* request_json) {
  static std::string slot;
  json r = json::parse(request_json, nullptr, false);
  if (r.is_discarded() || !r.is_object()) return keep(slot, "the explore request is not a JSON object");
  host::StartRequest req;
  if (std::string bad = parse_request(r.value("run", json::object()), req); !bad.empty()) return keep(slot, std::move(bad));
  interleave::lesson::ExploreOptions o;
  const std::string strategy = r.value("strategy", "exhaustive");
  if (strategy == "random") o.strategy = interleave::lesson::ExploreStrategy::Random;
  else if (strategy == "pct") o.strategy = interleave::lesson::ExploreStrategy::Pct;
  else if (strategy == "exhaustive") o.strategy = interleave::lesson::ExploreStrategy::Exhaustive;
  else return keep(slot, "strategy must be random, pct or exhaustive, got '" + strategy + "'");
  if (r.contains("max_preemptions")) {
    if (!r["max_preemptions"].is_number_integer()) return keep(slot, "max_preemptions must be a whole number from 0 to 10");
    o.max_preemptions = int(std::clamp<int64_t>(r["max_preemptions"].get<int64_t>(), -1, 1000));
  }
  if (r.contains("budget")) {
    if (!r["budget"].is_number_integer() || r["budget"].get<int64_t>() < 1)
      return keep(slot, "budget must be a whole number of schedules from 1 to 100000000");
    o.budget = r["budget"].get<uint64_t>();
  }
  if (r.contains("time_s") && r["time_s"].is_number()) o.time_s = r["time_s"].get<double>();
  return keep(slot, g_app.host->explore(req, o));
}
EMSCRIPTEN_KEEPALIVE void il_explore_stop() { g_app.host->stop_explore(); }
// {running, tried, seconds, per_second, bound, strategy, error, result: explore's JSON | null}
EMSCRIPTEN_KEEPALIVE const char* il_explore_state() {
  static std::string slot;
  return keep(slot, g_app.host->explore_json());
}


EMSCRIPTEN_KEEPALIVE void il_pause() { g_app.host->pause(); }
EMSCRIPTEN_KEEPALIVE void il_resume() { g_app.host->resume(); }
EMSCRIPTEN_KEEPALIVE void il_step(int n, int prefer_tid) {
  g_app.host->step(n < 1 ? 1 : n, static_cast<interleave::core::ThreadId>(prefer_tid < 0 ? 0 : prefer_tid));
}
// Det step mode within a thread: the ready coroutine at `index` (live.threads[i].ready[j].index)
// runs next on thread `tid`'s event loop or gevent hub; one coroutine's turn of thread `tid`.
EMSCRIPTEN_KEEPALIVE void il_choose_coroutine(int tid, int index) {
  if (tid > 0 && index >= 0) g_app.host->choose_coroutine(interleave::core::ThreadId(tid), uint32_t(index));
}
EMSCRIPTEN_KEEPALIVE void il_step_coroutine(int tid) {
  if (tid > 0) g_app.host->step_coroutine(interleave::core::ThreadId(tid));
}
EMSCRIPTEN_KEEPALIVE void il_stop() {
  g_app.model.reset();
  g_app.host->release(std::move(g_app.shown));
  g_app.host->stop();
}
EMSCRIPTEN_KEEPALIVE void il_speed(double steps_per_s) { g_app.host->set_speed(steps_per_s); }

// Keeps `n` OS threads parked for the next free run's threads (free mode is chosen): a
// thread started then takes one at once instead of a round trip through this thread and,
// without an idle Web Worker, a worker's load. Unasked for, parked threads end after 5 s.
EMSCRIPTEN_KEEPALIVE void il_park_threads(int n) {
#if INTERLEAVE_THREADS
  interleave::core::OsThreads::shared().reserve(std::clamp(n, 0, 64));
#else
  (void)n;
#endif
}

EMSCRIPTEN_KEEPALIVE const char* il_outcomes(int runs, const char* result) {
  static std::string slot;
  return keep(slot, g_app.host->run_outcomes(runs, result));
}

EMSCRIPTEN_KEEPALIVE const char* il_trace() {
  static std::string slot;
  return keep(slot, g_app.host->trace_json());
}

// The names of `source`'s top-level constants (NAME = literal), as a JSON array: the page
// sends only the parameters an edited program still has.
EMSCRIPTEN_KEEPALIVE const char* il_constants(const char* source) {
  static std::string slot;
  json names = json::array();
  for (const interleave::py::Constant& c : interleave::py::find_constants(source)) names.push_back(c.name);
  return keep(slot, names.dump());
}

// Lesson `lesson_id`'s parameters from `given_json` ({name: text}) as the CLI's --set reads
// them (lesson/params.h read_params): {"values": {name: value}, "problems": [text]}, every
// unknown name or bad value a problem naming the valid names or range. A lesson the catalogue
// does not have (the page's scratch program) has no parameters.
EMSCRIPTEN_KEEPALIVE const char* il_read_params(const char* lesson_id, const char* given_json) {
  static std::string slot;
  interleave::lesson::Lesson none;
  none.id = lesson_id;
  const interleave::lesson::Lesson* found = g_app.catalog.find(lesson_id);
  const interleave::lesson::Lesson* lesson = found ? found : &none;
  const json given = json::parse(given_json, nullptr, false);
  json out = {{"values", json::object()}, {"problems", json::array()}};
  if (!given.is_object()) {
    out["problems"].push_back("the parameters are not a JSON object");
    return keep(slot, out.dump());
  }
  std::vector<std::pair<std::string, std::string>> texts;
  for (const auto& [name, v] : given.items()) texts.emplace_back(name, v.is_string() ? v.get<std::string>() : v.dump());
  interleave::lesson::ParamsRead read = interleave::lesson::read_params(*lesson, texts);
  for (const auto& [name, value] : read.values) out["values"][name] = interleave::lesson::param_value_json(value);
  out["problems"] = read.problems;
  return keep(slot, out.dump());
}

EMSCRIPTEN_KEEPALIVE void il_set_lang(const char* lang) {
  g_app.lang = std::string(lang) == "en" ? "en" : "zh";
  ui::set_ui_lang(g_app.lang);  // the canvas's own words follow the page
  g_app.checks_from.clear();  // the checks are relabelled in the new language
  g_app.report_checked_ms = 0;
}

}  // extern "C"

//-----------------------------------------------------------------------------
// [SECTION] main
//-----------------------------------------------------------------------------
int main() {
  // SDL listens to the whole window by default and swallows keys meant for the editor and
  // the parameter fields: keep it to the canvas.
  SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "SDL_Init failed: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  g_app.window = SDL_CreateWindow("Interleave", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1024, 640,
                                  SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  g_app.gl = SDL_GL_CreateContext(g_app.window);
  if (!g_app.window || !g_app.gl) {
    std::fprintf(stderr, "WebGL2 context failed: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_MakeCurrent(g_app.window, g_app.gl);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // layout comes from the page, not a file
  const float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
  ui::apply_theme(dpr);
  ui::set_ui_lang(g_app.lang);
  ui::load_ui_font("/assets/ui-font.ttf", 15.0f, dpr, "/assets/ui-font-cjk.ttf");
  ImGui_ImplSDL2_InitForOpenGL(g_app.window, g_app.gl);
  ImGui_ImplOpenGL3_Init("#version 300 es");

  g_app.status = {INTERLEAVE_VERSION, INTERLEAVE_COMMIT, INTERLEAVE_TARGET, INTERLEAVE_COMPILER};
  g_app.status.isolated = EM_ASM_INT({ return self.crossOriginIsolated ? 1 : 0; }) != 0;
  g_app.threads = emscripten_has_threading_support();
  g_app.status.threads_supported = g_app.threads;
#if INTERLEAVE_THREADS
  if (g_app.threads) g_idle_counter.start();
#endif
  g_app.catalog = interleave::lesson::load_catalog("/lessons");
  g_app.host = std::make_unique<host::RunHost>(&g_app.catalog, INTERLEAVE_THREADS != 0);

  fit_canvas_to_stage();
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
