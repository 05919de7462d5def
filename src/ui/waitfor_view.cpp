// ui/waitfor_view.cpp - the Wait-for graph window.
//
// [SECTION] Layout
// [SECTION] Drawing
#include "ui/waitfor_view.h"

#include <algorithm>
#include <cmath>

namespace interleave::ui {

//-----------------------------------------------------------------------------
// [SECTION] Layout
//-----------------------------------------------------------------------------
namespace {
int find_node(const WaitForLayout& l, bool is_thread, uint32_t id) {
  for (size_t i = 0; i < l.nodes.size(); ++i)
    if (l.nodes[i].is_thread == is_thread && l.nodes[i].id == id) return static_cast<int>(i);
  return -1;
}

bool edge_in_cycle(const ModelWaitGraph& g, const ModelWaitEdge& e) {
  return std::any_of(g.cycle.begin(), g.cycle.end(), [&](const ModelWaitEdge& c) {
    return c.waiter == e.waiter && c.object == e.object && c.owner == e.owner;
  });
}
}  // namespace

WaitForLayout layout_wait_for(const RunModel& model, const ModelWaitGraph& graph, ImVec2 center, float radius) {
  std::vector<ThreadId> threads;
  std::vector<ObjectId> objects;
  for (const ModelWaitEdge& e : graph.edges) {
    threads.push_back(e.waiter);
    threads.push_back(e.owner);
    objects.push_back(e.object);
  }
  std::sort(threads.begin(), threads.end());
  threads.erase(std::unique(threads.begin(), threads.end()), threads.end());
  std::sort(objects.begin(), objects.end());
  objects.erase(std::unique(objects.begin(), objects.end()), objects.end());

  WaitForLayout l;
  // Alternate thread, object, thread, ... so wait / hold edges join neighbours.
  for (size_t i = 0; i < std::max(threads.size(), objects.size()); ++i) {
    if (i < threads.size()) l.nodes.push_back({true, threads[i], model.thread_label(threads[i]), {}});
    if (i < objects.size()) l.nodes.push_back({false, objects[i], model.object_label(objects[i]), {}});
  }
  const float n = static_cast<float>(l.nodes.size());
  for (size_t i = 0; i < l.nodes.size(); ++i) {
    // Start at the top and go clockwise.
    float a = -1.5707963f + 6.2831853f * static_cast<float>(i) / std::max(n, 1.0f);
    l.nodes[i].pos = n == 1 ? center : ImVec2(center.x + radius * std::cos(a), center.y + radius * std::sin(a));
  }
  for (const ModelWaitEdge& e : graph.edges) {
    bool cyc = edge_in_cycle(graph, e);
    int t = find_node(l, true, e.waiter), o = find_node(l, false, e.object), h = find_node(l, true, e.owner);
    // One "waits" edge per (thread, object) and one "held by" per (object, owner).
    auto add = [&](int from, int to, bool waits) {
      for (WaitForLayout::Edge& x : l.edges)
        if (x.from == from && x.to == to) {
          x.in_cycle = x.in_cycle || cyc;
          return;
        }
      l.edges.push_back({from, to, waits, cyc});
    };
    add(t, o, true);
    add(o, h, false);
  }
  return l;
}

//-----------------------------------------------------------------------------
// [SECTION] Drawing
//-----------------------------------------------------------------------------
namespace {
constexpr float kNodeR = 16;
const ImU32 kCycle = IM_COL32(215, 40, 40, 255);
const ImU32 kWaitEdge = IM_COL32(200, 120, 110, 255);
const ImU32 kHeldEdge = IM_COL32(90, 90, 105, 255);

void arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 c, float thick) {
  float dx = b.x - a.x, dy = b.y - a.y;
  float len = std::sqrt(dx * dx + dy * dy);
  if (len < 2 * kNodeR + 2) return;
  float ux = dx / len, uy = dy / len;
  // From the rim of one node to the rim of the other.
  ImVec2 p0(a.x + ux * kNodeR, a.y + uy * kNodeR), p1(b.x - ux * (kNodeR + 2), b.y - uy * (kNodeR + 2));
  dl->AddLine(p0, p1, c, thick);
  float s = 5 + thick * 2;
  dl->AddTriangleFilled(ImVec2(p1.x + ux * 2, p1.y + uy * 2), ImVec2(p1.x - ux * s - uy * s * 0.6f, p1.y - uy * s + ux * s * 0.6f),
                        ImVec2(p1.x - ux * s + uy * s * 0.6f, p1.y - uy * s - ux * s * 0.6f), c);
}

void draw_node(ImDrawList* dl, const RunModel& model, const WaitForLayout::Node& n) {
  if (n.is_thread) {
    const Lane* lane = model.lane(n.id);
    dl->AddCircleFilled(n.pos, kNodeR, thread_color(lane ? lane->color : 0), 24);
  } else {
    dl->AddRectFilled(ImVec2(n.pos.x - kNodeR, n.pos.y - kNodeR * 0.7f), ImVec2(n.pos.x + kNodeR, n.pos.y + kNodeR * 0.7f),
                      IM_COL32(225, 225, 232, 255), 4);
    dl->AddRect(ImVec2(n.pos.x - kNodeR, n.pos.y - kNodeR * 0.7f), ImVec2(n.pos.x + kNodeR, n.pos.y + kNodeR * 0.7f),
                IM_COL32(110, 110, 125, 255), 4);
  }
  ImVec2 ts = ImGui::CalcTextSize(n.label.c_str());
  dl->AddText(ImVec2(n.pos.x - ts.x * 0.5f, n.pos.y + kNodeR + 2), IM_COL32(30, 30, 40, 255), n.label.c_str());
  ImGui::LogText("%s %s\n", n.is_thread ? "thread" : "object", n.label.c_str());
}
}  // namespace

void draw_waitfor_view(const RunModel& model, const ViewRect& r) {
  if (begin_view_window(tr(Str::WinWaitFor), "Wait-for graph", r)) {
    ModelWaitGraph g = model.wait_graph();
    if (!g.cycle.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, kCycle);
      ImGui::TextWrapped("%s", trf(Str::DeadlockFmt, g.description.c_str()).c_str());
      ImGui::PopStyleColor();
    } else if (g.edges.empty()) {
      text_disabled_wrapped(tr(Str::NobodyWaitsForLock));
    } else {
      text_disabled_wrapped(tr(Str::WaitingNoCycle));
    }
    ImVec2 avail = ImGui::GetContentRegionAvail();
    ImVec2 p = ImGui::GetCursorScreenPos();
    if (!g.edges.empty() && avail.x > 40 && avail.y > 40) {
      float radius = std::max(std::min(avail.x, avail.y) * 0.5f - kNodeR - ImGui::GetTextLineHeight(), 10.0f);
      ImVec2 center(p.x + avail.x * 0.5f, p.y + avail.y * 0.5f - ImGui::GetTextLineHeight() * 0.5f);
      WaitForLayout l = layout_wait_for(model, g, center, radius);
      ImDrawList* dl = ImGui::GetWindowDrawList();
      // Cycle edges last, so they are on top.
      for (int pass = 0; pass < 2; ++pass)
        for (const WaitForLayout::Edge& e : l.edges)
          if (e.in_cycle == (pass == 1))
            arrow(dl, l.nodes[e.from].pos, l.nodes[e.to].pos, e.in_cycle ? kCycle : (e.waits ? kWaitEdge : kHeldEdge),
                  e.in_cycle ? 3.0f : 1.5f);
      for (const WaitForLayout::Node& n : l.nodes) draw_node(dl, model, n);
      ImGui::Dummy(avail);
    }
  }
  end_view_window();
}

}  // namespace interleave::ui
