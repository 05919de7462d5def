// Shared helpers for the ui tests: a headless ImGui context that captures the text
// a frame renders, and scripted runs built with core's ScriptTask.
#pragma once
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "core/run.h"
#include "core/script.h"
#include "core/sync.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/theme.h"
#include "ui/view_common.h"

namespace uitest {
using namespace interleave::core;

struct Headless {
  explicit Headless(float w = 1280, float h = 720) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(w, h);
    io.IniFilename = nullptr;
    unsigned char* pixels = nullptr;
    int tw = 0, th = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th);
    interleave::ui::apply_theme(1.0f);
  }
  ~Headless() { ImGui::DestroyContext(); }
  Headless(const Headless&) = delete;
  Headless& operator=(const Headless&) = delete;

  // Runs one frame of `draw`; the text it rendered (ImGui's log) lands in `text`.
  template <class F>
  ImDrawData* frame(F&& draw) {
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    text.clear();
    interleave::ui::set_text_capture(&text);
    draw();
    interleave::ui::set_text_capture(nullptr);
    ImGui::Render();
    return ImGui::GetDrawData();
  }
  // ImGui lays new windows out over their first frames: the second is the real one.
  template <class F>
  ImDrawData* frames(F&& draw, int n = 2) {
    ImDrawData* d = nullptr;
    for (int i = 0; i < n; ++i) d = frame(draw);
    return d;
  }
  bool has(const std::string& s) const { return text.find(s) != std::string::npos; }

  std::string text;
};

// A canvas view's window by its id ("Threads", "Wait-for graph"; the title in the UI's
// language goes before "###id"), or any other window by its name.
inline ImGuiWindow* find_view_window(const char* name) {
  if (ImGuiWindow* w = ImGui::FindWindowByName((std::string("###") + name).c_str())) return w;
  return ImGui::FindWindowByName(name);
}

// The draw list of the window called `name` (nullptr when it was not drawn).
inline ImDrawList* window_draw_list(const char* name) {
  ImGuiWindow* w = find_view_window(name);
  return w && w->WasActive ? w->DrawList : nullptr;
}

// Total vertices of a window and all its child windows.
inline int window_vertices(const char* name) {
  ImGuiWindow* w = find_view_window(name);
  if (!w) return 0;
  int n = w->DrawList->VtxBuffer.Size;
  for (ImGuiWindow* c : GImGui->Windows)
    if (c != w && c->RootWindow == w && c->WasActive) n += c->DrawList->VtxBuffer.Size;
  return n;
}

inline RunConfig det(uint64_t seed = 0, StrategyKind s = StrategyKind::RoundRobin) {
  RunConfig c;
  c.mode = Mode::Det;
  c.seed = seed;
  c.strategy = s;
  return c;
}

inline ScriptTask* spawn(Run& run, std::vector<ScriptOp> ops, const std::string& name, ProcessId pid = 1) {
  auto task = std::make_unique<ScriptTask>(std::move(ops));
  ScriptTask* raw = task.get();
  REQUIRE(run.spawn_thread(pid, std::move(task), name).is_done());
  return raw;
}

constexpr VTime kMs = 1'000'000;

// The classic: two threads take two locks in opposite orders, with work in between.
struct TwoLockDeadlock {
  Run run{det(0)};
  Lock& a = run.create<Lock>("lock_a");
  Lock& b = run.create<Lock>("lock_b");
  TwoLockDeadlock() {
    spawn(run, {op::acquire(a), op::cpu(2 * kMs), op::acquire(b), op::release(b), op::release(a)}, "Thread-1");
    spawn(run, {op::acquire(b), op::cpu(2 * kMs), op::acquire(a), op::release(a), op::release(b)}, "Thread-2");
  }
};

// A lost-update race: each thread reads, writes (a separate step), prints, then works.
struct Race {
  Run run;
  std::atomic<int64_t> counter{0};
  explicit Race(uint64_t seed, int threads = 2, int rounds = 3) : run(det(seed, StrategyKind::Random)) {
    for (int t = 0; t < threads; ++t) {
      std::vector<ScriptOp> body{op::read(counter), op::write(counter, 1), op::print("wrote"),
                                 op::cpu(kMs)};
      spawn(run, op::repeat(rounds, body), "Thread-" + std::to_string(t + 1));
    }
  }
};
}  // namespace uitest
