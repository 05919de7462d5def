// ui/objects_view.h - the live state of every synchronisation object.
#pragma once
#include <string>

#include "ui/run_model.h"
#include "ui/view_common.h"

namespace interleave::ui {

// Draws the "Objects" window over `r`: one table row per object (name, type, state,
// waiters), sorted by id.
void draw_objects_view(const RunModel& model, const ViewRect& r);

// The state column in words, e.g. "held by Thread-1", "held by T (count 2)",
// "2 permits", "set", "3 items / max 5, 4 unfinished", "free"; a Channel (a
// multiprocessing Queue's transport, or one direction of a Pipe, named as the trace
// names it: "Pipe-1[0->1]") "2 in flight (5 sent, 3 received)".
std::string object_state_text(const RunModel& model, const ObjectInfo& o);
// The waiters column: "Thread-2, Thread-3" or "".
std::string object_waiters_text(const RunModel& model, const ObjectInfo& o);

}  // namespace interleave::ui
