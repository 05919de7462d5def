// Processes on the canvas: the model's process list (tree, states, exit codes, start /
// exit / kill times) from real det runs with ScriptTasks in several processes, the
// Threads window's process groups and badges, the Timeline's process rows, and
// Channels (multiprocessing queues and pipes) in the Objects window.
#include <algorithm>

#include "core/queue.h"
#include "ui/lanes_view.h"
#include "ui/objects_view.h"
#include "ui/run_model.h"
#include "ui/timeline_view.h"
#include "ui_harness.h"

using namespace uitest;
using namespace interleave::ui;

namespace {
constexpr VTime kSec = 1'000'000'000;

// Starts process `name` under `parent` with one thread running `ops`; returns its pid.
ProcessId start(Run& run, ProcessId parent, const std::string& name, std::vector<ScriptOp> ops) {
  Outcome o = run.spawn_process(parent, name);
  REQUIRE(o.is_done());
  auto pid = static_cast<ProcessId>(o.value);
  spawn(run, std::move(ops), "MainThread", pid);
  return pid;
}

// The same as an operation of a running thread (as multiprocessing's start() is); the
// new pid lands in `*pid`.
ScriptOp start_process(Run& run, ProcessId parent, std::string name, std::vector<ScriptOp> ops, ProcessId* pid) {
  return op::call([&run, parent, name, ops, pid](ThreadContext&) { *pid = start(run, parent, name, ops); });
}

ScriptOp join_process(Run& run, const ProcessId* pid) {
  return [&run, pid](ThreadContext& t, ScriptTask&) { return run.join_process(t, *pid); };
}

// The brief's program in ScriptTasks: main (pid 2) starts "zombie" (exits at once),
// then "child", which starts "grandchild" (sleeps 2 s) and ends after 0.1 s, so the
// grandchild is orphaned; main sleeps 1 s, then joins both.
struct ZombieAndOrphan {
  Run run{det(0)};
  ProcessId main = 0, zombie = 0, child = 0, grandchild = 0;
  ZombieAndOrphan() {
    // The grandchild's parent is the child: its pid is known once the child runs.
    std::vector<ScriptOp> child_ops{
        op::call([this](ThreadContext& t) { grandchild = start(run, t.process->pid, "grandchild", {op::sleep(2)}); }),
        op::sleep(0.1)};
    // main is pid 2 (the first process after init), which its own operations name.
    main = start(run, 1, "MainProcess",
                 {start_process(run, 2, "zombie", {op::cpu(kMs)}, &zombie),
                  start_process(run, 2, "child", child_ops, &child), op::sleep(1), join_process(run, &zombie),
                  join_process(run, &child)});
  }
  // Steps until virtual time reaches `t` (det). Nothing happens between the child's exit
  // (0.1 s) and main's wake-up (1 s), so any t in between stops at 1 s, before main joins.
  void run_until(VTime t) {
    while (run.now() < t) REQUIRE(run.run(1) == RunStatus::StepLimit);
  }
};

const ProcessInfo& proc(const RunModel& m, ProcessId pid) {
  const ProcessInfo* p = m.process(pid);
  REQUIRE(p);
  return *p;
}

// The virtual time of the first `kind` event of process `pid` in the run's trace.
VTime first_event(Run& run, ProcessId pid, EventKind kind) {
  for (const TraceEvent& e : run.trace().collect())
    if (e.pid == pid && e.kind == kind) return e.vtime;
  FAIL("no such event");
  return -1;
}
}  // namespace

TEST_CASE("model: processes mid-run - a zombie, an orphan, the tree and times", "[ui][model][process]") {
  ZombieAndOrphan z;
  RunModel m(z.run);
  z.run_until(kSec / 2);  // main just woke: zombie and child exited, nobody joined them yet
  m.drain();
  REQUIRE(m.multi_process());
  // Tree order: main, its children by pid, then the orphan as a root (its parent is
  // init now, which has no threads and is not shown).
  std::vector<ProcessId> order;
  std::vector<int> depth;
  for (const ProcessInfo& p : m.processes()) {
    order.push_back(p.pid);
    depth.push_back(p.depth);
  }
  CHECK(order == std::vector<ProcessId>{z.main, z.zombie, z.child, z.grandchild});
  CHECK(depth == std::vector<int>{0, 1, 1, 0});
  CHECK(m.process(1) == nullptr);

  const ProcessInfo& zp = proc(m, z.zombie);
  CHECK(zp.name == "zombie");
  CHECK(zp.state == ProcessStatus::Zombie);
  CHECK(zp.exited);
  CHECK(zp.exit_code == 0);
  CHECK(zp.ppid == z.main);
  CHECK(zp.start == first_event(z.run, z.zombie, EventKind::ProcessStart));
  CHECK(zp.end == first_event(z.run, z.zombie, EventKind::ProcessExit));
  CHECK(zp.end >= zp.start + kMs);  // it computed 1 ms
  CHECK(zp.lanes.size() == 1);

  const ProcessInfo& cp = proc(m, z.child);
  CHECK(cp.state == ProcessStatus::Zombie);
  CHECK(cp.end == first_event(z.run, z.child, EventKind::ProcessExit));
  CHECK(cp.end >= cp.start + kSec / 10);

  const ProcessInfo& gp = proc(m, z.grandchild);
  CHECK(gp.state == ProcessStatus::Orphan);
  CHECK(gp.orphan);
  CHECK(gp.ppid == 1);
  CHECK(gp.first_ppid == z.child);
  CHECK_FALSE(gp.exited);
  CHECK(gp.end == kOpenEnd);
  CHECK(gp.start >= cp.start);

  const ProcessInfo& mp = proc(m, z.main);
  CHECK(mp.state == ProcessStatus::Running);
  CHECK(mp.depth == 0);
}

TEST_CASE("model: processes at the end - joined ones reaped, the orphan reaped by init", "[ui][model][process]") {
  ZombieAndOrphan z;
  RunModel m(z.run);
  REQUIRE(z.run.run() == RunStatus::Finished);
  m.drain();
  // Joined by main: reaped by its parent, not an orphan, though main ended after it.
  for (ProcessId pid : {z.zombie, z.child}) {
    const ProcessInfo& p = proc(m, pid);
    CHECK(p.state == ProcessStatus::Reaped);
    CHECK(p.reaped_by == z.main);
    CHECK_FALSE(p.orphan);
    CHECK(p.reap_time == first_event(z.run, pid, EventKind::ProcessReap));
    CHECK(p.reap_time >= kSec);  // main slept 1 s before joining
  }
  const ProcessInfo& gp = proc(m, z.grandchild);
  CHECK(gp.state == ProcessStatus::Reaped);
  CHECK(gp.orphan);
  CHECK(gp.exited);
  CHECK(gp.end == first_event(z.run, z.grandchild, EventKind::ProcessExit));
  CHECK(gp.end - gp.start >= 2 * kSec);
  CHECK(gp.reaped_by == 1);
  CHECK(gp.reap_time == gp.end);  // init reaps at once
  // The program's own process (init's child from the start) is the host's to reap: once it
  // exits it shows as reaped, never as a zombie.
  CHECK(proc(m, z.main).state == ProcessStatus::Reaped);
}

TEST_CASE("model: a killed process has its kill time and -SIGTERM", "[ui][model][process]") {
  Run run(det(0));
  ProcessId victim = 0;
  start(run, 1, "MainProcess",
        {start_process(run, 2, "victim", {op::sleep(5)}, &victim), op::sleep(0.5), op::call([&](ThreadContext&) {
           run.set_exit_code(victim, -15);
           REQUIRE(run.kill_process(victim).ok);
         }),
         join_process(run, &victim)});
  RunModel m(run);
  REQUIRE(run.run() == RunStatus::Finished);
  m.drain();
  const ProcessInfo& v = proc(m, victim);
  CHECK(v.killed);
  CHECK(v.exit_code == -15);
  CHECK(v.kill_time == first_event(run, victim, EventKind::ProcessKill));
  CHECK(v.end == v.kill_time);
  CHECK(v.end - v.start == kSec / 2);  // it was killed half-way through its sleep
  CHECK(process_exit_text(v) == "-SIGTERM");
  CHECK(v.state == ProcessStatus::Reaped);
}

TEST_CASE("model: processes from a saved trace (no run) - starts, exits, reaping, the tree", "[ui][model][process]") {
  ZombieAndOrphan z;
  REQUIRE(z.run.run() == RunStatus::Finished);
  std::vector<TraceEvent> events = z.run.trace().collect();
  RunModel m(Mode::Det);
  m.ingest(events);
  REQUIRE(m.multi_process());
  const ProcessInfo& zp = proc(m, z.zombie);
  CHECK(zp.exited);
  CHECK(zp.exit_code == 0);
  // Without core's list the trace still tells who reaped whom; the tree is the one at
  // start (ProcessStart names each parent).
  CHECK(zp.state == ProcessStatus::Reaped);
  CHECK(zp.reaped_by == z.main);
  CHECK_FALSE(zp.orphan);
  CHECK(proc(m, z.grandchild).orphan);
  // The program's own process: reaped by the host once it exits.
  CHECK(proc(m, z.main).state == ProcessStatus::Reaped);
  CHECK(zp.name == "Process " + std::to_string(z.zombie));
  CHECK(zp.start == first_event(z.run, z.zombie, EventKind::ProcessStart));
  CHECK(proc(m, z.grandchild).ppid == z.child);
  std::vector<int> depth;
  for (const ProcessInfo& p : m.processes()) depth.push_back(p.depth);
  CHECK(depth == std::vector<int>{0, 1, 1, 2});
}

TEST_CASE("model: one process is not grouped; exit texts name signals", "[ui][model][process]") {
  Race r(3);
  RunModel m(r.run);
  REQUIRE(r.run.run() == RunStatus::Finished);
  m.drain();
  CHECK_FALSE(m.multi_process());
  REQUIRE(m.processes().size() == 1);  // pid 1 has threads here, so it is shown
  CHECK(m.processes()[0].lanes.size() == 2);
  // The flat layout heads its lanes with the process's pid and name, as the groups do.
  Headless gui;
  gui.frames([&] { draw_lanes_view(m, ViewRect{0, 0, 420, 400}); });
  CHECK(gui.has(process_title(m.processes()[0])));
  CHECK_FALSE(m.processes()[0].name.rfind("Process ", 0) == 0);  // named by core, not the model's stand-in
  CHECK_FALSE(gui.has("Process 1"));
  ProcessInfo p;
  CHECK(process_exit_text(p).empty());
  p.exited = true;
  CHECK(process_exit_text(p) == "exit 0");
  p.exit_code = 1;
  CHECK(process_exit_text(p) == "exit 1");
  p.exit_code = -9;
  CHECK(process_exit_text(p) == "-SIGKILL");
  p.exit_code = -7;
  CHECK(process_exit_text(p) == "exit -7");
}

TEST_CASE("model and objects view: a channel counts messages in flight, not bytes", "[ui][model][objects]") {
  Run run(det(0));
  ProcessId child = static_cast<ProcessId>(run.spawn_process(1, "child").value);
  Channel& ch = run.create<Channel>(0, "results");
  Pipe pipe(run, true, "pipe");
  std::string got;
  spawn(run, {op::send(ch, "a much longer message than one byte"), op::send(ch, "xy"), op::send(ch, "z"),
              op::call([&](ThreadContext& t) { pipe.end(0).send(t, "ping"); })},
        "sender", child);
  spawn(run, {op::sleep(1), op::recv(ch, &got)}, "receiver");
  RunModel m(run);
  REQUIRE(run.run() == RunStatus::Finished);
  m.drain();
  const ObjectInfo* o = m.object(ch.id());
  REQUIRE(o);
  CHECK(o->kind == ObjectKind::Channel);
  CHECK(o->name == "results");
  CHECK(o->sent == 3);
  CHECK(o->received == 1);
  CHECK(o->value == 2);
  CHECK(object_state_text(m, *o) == "2 in flight (3 sent, 1 received)");
  Headless gui;
  gui.frames([&] { draw_objects_view(m, ViewRect{0, 0, 700, 300}); });
  CHECK(gui.has("results"));
  CHECK(gui.has("2 in flight (3 sent, 1 received)"));
  CHECK(gui.has("pipe[0->1]"));
  CHECK(gui.has("1 in flight (1 sent, 0 received)"));
  CHECK(gui.has("pipe[1->0]"));
}

TEST_CASE("lanes view: process groups with headers, badges and the tree", "[ui][lanes][process]") {
  ZombieAndOrphan z;
  RunModel m(z.run);
  z.run_until(kSec / 2);
  m.drain();
  Headless gui;
  gui.frames([&] { draw_lanes_view(m, ViewRect{0, 0, 420, 700}); });
  CHECK(gui.has("pid 2 MainProcess[running]"));
  CHECK(gui.has("pid 3 zombie[zombie <defunct>][exit 0]"));
  CHECK(gui.has("pid 4 child[zombie <defunct>][exit 0]"));
  CHECK(gui.has("pid 5 grandchild[orphan (adopted by init)]"));
  CHECK_FALSE(gui.has("Process 2"));  // the flat layout's line is not used when grouped
  // Groups come in tree order, each followed by its own lanes.
  size_t a = gui.text.find("pid 2 MainProcess"), b = gui.text.find("pid 3 zombie"), c = gui.text.find("pid 4 child"),
         d = gui.text.find("pid 5 grandchild");
  CHECK((a < b && b < c && c < d));
  CHECK(std::count(gui.text.begin(), gui.text.end(), '\n') > 8);

  REQUIRE(z.run.run() == RunStatus::Finished);
  m.drain();
  gui.frames([&] { draw_lanes_view(m, ViewRect{0, 0, 420, 700}); });
  CHECK(gui.has("pid 3 zombie[reaped][exit 0]"));
  CHECK(gui.has("pid 5 grandchild[reaped by init][exit 0]"));
}

TEST_CASE("lanes view: children are indented under their parent", "[ui][lanes][process]") {
  ZombieAndOrphan z;
  RunModel m(z.run);
  z.run_until(kSec / 2);
  m.drain();
  Headless gui;
  gui.frames([&] { draw_lanes_view(m, ViewRect{0, 0, 420, 700}); });
  // The header strip of each group starts at the group's indentation: the strip's
  // vertices (one fill colour), clustered by height, give each strip's left edge.
  ImDrawList* dl = window_draw_list("Threads");
  REQUIRE(dl);
  std::vector<ImVec2> pts;
  for (const ImDrawVert& v : dl->VtxBuffer)
    if (v.col == IM_COL32(228, 233, 243, 255)) pts.push_back(v.pos);
  std::sort(pts.begin(), pts.end(), [](ImVec2 a, ImVec2 b) { return a.y < b.y; });
  std::vector<float> strip_x;
  for (size_t i = 0; i < pts.size(); ++i) {
    if (i == 0 || pts[i].y - pts[i - 1].y > 20) strip_x.push_back(pts[i].x);
    strip_x.back() = std::min(strip_x.back(), pts[i].x);
  }
  REQUIRE(strip_x.size() == 4);
  CHECK(strip_x[1] > strip_x[0] + 8);   // zombie under main
  CHECK(strip_x[2] == strip_x[1]);      // child beside it
  CHECK(strip_x[3] == strip_x[0]);      // the orphan is a root
}

TEST_CASE("timeline: process rows mark start, exit and kill per group", "[ui][timeline][process]") {
  ZombieAndOrphan z;
  RunModel m(z.run);
  z.run_until(kSec / 2);
  m.drain();
  Headless gui;
  TimelineView tl;
  gui.frames([&] { tl.draw(m, ViewRect{0, 0, 1000, 400}); });
  CHECK(tl.stats().process_rows == 4);
  CHECK(tl.stats().rows_drawn == 4);  // one thread each
  // Four starts, and the exits of zombie and child (main and the orphan still run).
  CHECK(tl.stats().process_marks == 6);
  CHECK(gui.has("pid 3 zombie [zombie <defunct>] exit 0"));
  CHECK(gui.has("pid 5 grandchild [orphan (adopted by init)]"));
  CHECK(gui.has("process:"));

  // A single process keeps the flat layout: no process rows, no markers.
  TwoLockDeadlock d;
  RunModel one(d.run);
  REQUIRE(d.run.run() == RunStatus::Deadlock);
  one.drain();
  TimelineView flat;
  gui.frames([&] { flat.draw(one, ViewRect{0, 0, 1000, 400}); });
  CHECK(flat.stats().process_rows == 0);
  CHECK(flat.stats().process_marks == 0);
  CHECK(flat.stats().rows_drawn == 2);
  CHECK_FALSE(gui.has("process:"));
}
