// ui/objects_view.cpp - the Objects window.
#include "ui/objects_view.h"

#include <algorithm>
#include <vector>

namespace interleave::ui {

namespace {
std::string join_threads(const RunModel& model, const std::vector<ThreadId>& ts) {
  std::string out;
  for (ThreadId t : ts) {
    if (!out.empty()) out += ", ";
    out += model.thread_label(t);
  }
  return out;
}

std::string num(int64_t v) { return std::to_string(v); }
}  // namespace

std::string object_state_text(const RunModel& model, const ObjectInfo& o) {
  switch (o.kind) {
    case ObjectKind::Lock:
      return o.owner ? "held by " + model.thread_label(o.owner) : "free";
    case ObjectKind::RLock:
      return o.owner ? "held by " + model.thread_label(o.owner) + " (count " + num(o.count) + ")" : "free";
    case ObjectKind::Semaphore: {
      std::string s = o.value_known ? num(o.value) + (o.value == 1 ? " permit" : " permits") : "permits unknown";
      if (!o.holders.empty()) s += ", held by " + join_threads(model, o.holders);
      return s;
    }
    case ObjectKind::Event:
      return o.value ? "set" : "clear";
    case ObjectKind::Condition:
      return o.waiters.empty() ? "nobody waiting" : num(static_cast<int64_t>(o.waiters.size())) + " waiting";
    case ObjectKind::Queue: {
      std::string s = num(o.value) + (o.value == 1 ? " item" : " items");
      s += o.maxsize > 0 ? " / max " + num(o.maxsize) : " (unbounded)";
      return s + ", " + num(o.unfinished) + " unfinished";
    }
    case ObjectKind::Channel: {
      // A multiprocessing Queue / SimpleQueue or one direction of a Pipe: messages sent
      // and not yet received are in flight (a receive can be drained before its send in
      // free mode, hence the floor).
      int64_t n = std::max<int64_t>(o.value, 0);
      return num(n) + " in flight (" + num(o.sent) + " sent, " + num(o.received) + " received)";
    }
    case ObjectKind::Barrier:
      return o.broken ? "broken" : num(o.value) + " waiting";
    case ObjectKind::Other:
      break;
  }
  return "";
}

std::string object_waiters_text(const RunModel& model, const ObjectInfo& o) { return join_threads(model, o.waiters); }

void draw_objects_view(const RunModel& model, const ViewRect& r) {
  if (begin_view_window("Objects", r)) {
    std::vector<const ObjectInfo*> rows;
    for (const ObjectInfo& o : model.objects()) rows.push_back(&o);
    std::sort(rows.begin(), rows.end(), [](const ObjectInfo* a, const ObjectInfo* b) { return a->id < b->id; });
    if (rows.empty()) ImGui::TextDisabled("No locks, queues, pipes or events yet.");
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!rows.empty() && ImGui::BeginTable("objects", 4, flags)) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn("Object", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableSetupColumn("Type", ImGuiTableColumnFlags_WidthStretch, 0.8f);
      ImGui::TableSetupColumn("State", ImGuiTableColumnFlags_WidthStretch, 2.0f);
      ImGui::TableSetupColumn("Waiting", ImGuiTableColumnFlags_WidthStretch, 1.4f);
      ImGui::TableHeadersRow();
      for (const ObjectInfo* o : rows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(o->name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", object_kind_name(o->kind));
        ImGui::TableNextColumn();
        std::string state = object_state_text(model, *o);
        // Held locks stand out in their owner's colour, the way the timeline shows holds.
        bool held = (o->kind == ObjectKind::Lock || o->kind == ObjectKind::RLock) && o->owner;
        if (held) {
          const Lane* l = model.lane(o->owner);
          ImGui::PushStyleColor(ImGuiCol_Text, thread_color(l ? l->color : 0));
        }
        ImGui::TextUnformatted(state.c_str());
        if (held) ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        std::string w = object_waiters_text(model, *o);
        if (w.empty()) ImGui::TextDisabled("-");
        else ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(state_color(LaneState::Blocked)), "%s", w.c_str());
      }
      ImGui::EndTable();
    }
  }
  end_view_window();
}

}  // namespace interleave::ui
