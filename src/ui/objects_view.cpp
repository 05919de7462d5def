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

long long num(int64_t v) { return static_cast<long long>(v); }
}  // namespace

std::string object_state_text(const RunModel& model, const ObjectInfo& o) {
  switch (o.kind) {
    case ObjectKind::Lock:
      return o.owner ? trf(Str::HeldByFmt, model.thread_label(o.owner).c_str()) : tr(Str::Free);
    case ObjectKind::RLock:
      return o.owner ? trf(Str::HeldByCountFmt, model.thread_label(o.owner).c_str(), num(o.count)) : tr(Str::Free);
    case ObjectKind::Semaphore: {
      std::string s = o.value_known ? trf(o.value == 1 ? Str::PermitOneFmt : Str::PermitsFmt, num(o.value))
                                    : tr(Str::PermitsUnknown);
      if (!o.holders.empty()) s += trf(Str::AlsoHeldByFmt, join_threads(model, o.holders).c_str());
      return s;
    }
    case ObjectKind::Event:
      return tr(o.value ? Str::EventSet : Str::EventClear);
    case ObjectKind::Condition:
      return o.waiters.empty() ? tr(Str::NobodyWaiting) : trf(Str::WaitingFmt, num(static_cast<int64_t>(o.waiters.size())));
    case ObjectKind::Queue: {
      std::string s = trf(o.value == 1 ? Str::ItemOneFmt : Str::QueueItemsFmt, num(o.value));
      s += o.maxsize > 0 ? trf(Str::QueueMaxFmt, num(o.maxsize)) : tr(Str::QueueUnbounded);
      return s + trf(Str::UnfinishedFmt, num(o.unfinished));
    }
    case ObjectKind::Channel: {
      // A multiprocessing Queue / SimpleQueue or one direction of a Pipe: messages sent
      // and not yet received are in flight (a receive can be drained before its send in
      // free mode, hence the floor).
      int64_t n = std::max<int64_t>(o.value, 0);
      return trf(Str::InFlightFmt, num(n), num(o.sent), num(o.received));
    }
    case ObjectKind::Barrier:
      return o.broken ? tr(Str::Broken) : trf(Str::WaitingFmt, num(o.value));
    case ObjectKind::Other:
      break;
  }
  return "";
}

std::string object_waiters_text(const RunModel& model, const ObjectInfo& o) { return join_threads(model, o.waiters); }

namespace {
// Narrower than this, four columns cut their headers ("Obj...") and states: one block per object.
constexpr float kListBelow = 460;

// The state in words, in the owner's colour when a lock is held (as the timeline shows holds).
void state_text(const RunModel& model, const ObjectInfo& o) {
  const std::string state = object_state_text(model, o);
  const bool held = (o.kind == ObjectKind::Lock || o.kind == ObjectKind::RLock) && o.owner;
  if (held) {
    const Lane* l = model.lane(o.owner);
    ImGui::PushStyleColor(ImGuiCol_Text, thread_color(l ? l->color : 0));
  }
  ImGui::TextWrapped("%s", state.c_str());
  if (held) ImGui::PopStyleColor();
}

void waiters_text(const RunModel& model, const ObjectInfo& o, bool labelled) {
  const std::string w = object_waiters_text(model, o);
  if (w.empty()) {
    if (!labelled) ImGui::TextDisabled("-");
    return;
  }
  ImGui::PushStyleColor(ImGuiCol_Text, state_color(LaneState::Blocked));
  ImGui::TextWrapped("%s%s", labelled ? (std::string(tr(Str::ColWaiting)) + ": ").c_str() : "", w.c_str());
  ImGui::PopStyleColor();
}

void draw_objects_table(const RunModel& model, const std::vector<const ObjectInfo*>& rows) {
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("objects", 4, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr(Str::ColObject), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(tr(Str::ColType), ImGuiTableColumnFlags_WidthStretch, 0.8f);
  ImGui::TableSetupColumn(tr(Str::ColState), ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn(tr(Str::ColWaiting), ImGuiTableColumnFlags_WidthStretch, 1.4f);
  ImGui::TableHeadersRow();
  for (const ObjectInfo* o : rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", o->name.c_str());
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", object_kind_name(o->kind));
    ImGui::TableNextColumn();
    state_text(model, *o);
    ImGui::TableNextColumn();
    waiters_text(model, *o, false);
  }
  ImGui::EndTable();
}

// "lock_a  Lock", then its state and waiters wrapped under it.
void draw_objects_list(const RunModel& model, const std::vector<const ObjectInfo*>& rows) {
  ImGui::BeginChild("objects-list", ImVec2(0, 0), false);
  for (const ObjectInfo* o : rows) {
    ImGui::TextUnformatted(o->name.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s", object_kind_name(o->kind));
    ImGui::Indent(12);
    state_text(model, *o);
    waiters_text(model, *o, true);
    ImGui::Unindent(12);
    ImGui::Separator();
  }
  ImGui::EndChild();
}
}  // namespace

void draw_objects_view(const RunModel& model, const ViewRect& r) {
  if (begin_view_window(tr(Str::WinObjects), "Objects", r)) {
    std::vector<const ObjectInfo*> rows;
    for (const ObjectInfo& o : model.objects()) rows.push_back(&o);
    std::sort(rows.begin(), rows.end(), [](const ObjectInfo* a, const ObjectInfo* b) { return a->id < b->id; });
    if (rows.empty()) text_disabled_wrapped(tr(Str::NoObjects));
    else if (ImGui::GetContentRegionAvail().x < kListBelow) draw_objects_list(model, rows);
    else draw_objects_table(model, rows);
  }
  end_view_window();
}

}  // namespace interleave::ui
