// ui/lanes_view.h - one lane per thread, grouped by process: name, state badge,
// printed lines.
#pragma once
#include <optional>

#include "ui/run_model.h"
#include "ui/view_common.h"

namespace interleave::ui {

// Draws the "Threads" window over `r`. With several processes (model.multi_process()),
// lanes are grouped under one header per process in process-tree order (children
// indented under their parent): "pid 3 child", a state badge (running, zombie
// <defunct>, reaped, orphan (adopted by init), reaped by init), the exit badge ("exit 0",
// "-SIGTERM") once it exited, and "daemon". A single process keeps the plain
// "Process N" separator it always had. Each lane shows the thread's colour, name,
// state badge ("blocked on lock_a" when blocked), watched variables ("x = 3"), its
// coroutines as indented sub-lanes (name and a running / ready / waiting / done badge; the
// first 12, then "N more coroutines: ..." counted by state; none: nothing) and its printed
// lines in a
// scrolling region clipped with ImGuiListClipper (only visible lines are laid out).
// When the model dropped older lines, the first row says "N earlier lines not shown".
//
// Det step mode (`picking`): the sub-lane of a coroutine that is neither running nor done
// takes a click - highlighted under the pointer, with a tooltip saying that a click makes
// the thread's event loop run it next - and a click leaves {thread, coroutine} in *clicked.
struct CoroutineClick {
  ThreadId tid = 0;
  ObjectId coroutine = 0;
};
void draw_lanes_view(const RunModel& model, const ViewRect& r, bool picking = false,
                     std::optional<CoroutineClick>* clicked = nullptr);

// The badge text for a lane: "running", "blocked on lock_a", ...
std::string lane_state_text(const RunModel& model, const Lane& lane);

}  // namespace interleave::ui
