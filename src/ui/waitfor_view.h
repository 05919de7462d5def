// ui/waitfor_view.h - the wait-for graph: who waits for which lock, who holds it,
// and the deadlock cycle in red and in words.
#pragma once
#include <string>
#include <vector>

#include "ui/run_model.h"
#include "ui/view_common.h"

namespace interleave::ui {

// Nodes and edges placed on a circle, deterministically: threads (by id) and
// objects (by id) alternate around it, so a two-lock deadlock is a square whose
// sides are its four edges.
struct WaitForLayout {
  struct Node {
    bool is_thread = true;
    uint32_t id = 0;          // ThreadId or ObjectId
    std::string label;
    ImVec2 pos;
  };
  struct Edge {
    int from = 0, to = 0;     // indices into nodes
    bool waits = true;        // thread -> object (waits); false: object -> thread (held by)
    bool in_cycle = false;
  };
  std::vector<Node> nodes;
  std::vector<Edge> edges;
};

// Places the graph's threads and objects on a circle around `center`.
WaitForLayout layout_wait_for(const RunModel& model, const ModelWaitGraph& graph, ImVec2 center, float radius);

// Draws the "Wait-for graph" window over `r`; the cycle (if any) in red, with its
// description ("Thread-1 waits for lock_b held by Thread-2, which ...") below.
void draw_waitfor_view(const RunModel& model, const ViewRect& r);

}  // namespace interleave::ui
