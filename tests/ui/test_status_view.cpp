// Renders views headlessly (no backend: ImGui's own font atlas, our draw calls) and checks
// what they would put on screen.
#include <catch2/catch.hpp>

#include <string>

#include "imgui.h"
#include "ui/status_view.h"
#include "ui/theme.h"

namespace {

struct HeadlessImGui {
  HeadlessImGui() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1280, 720);
    io.IniFilename = nullptr;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    interleave::ui::apply_theme(1.0f);
  }
  ~HeadlessImGui() { ImGui::DestroyContext(); }

  // Runs one frame of `draw` and returns the text of every vertex-producing draw list.
  template <class F>
  ImDrawData* frame(F&& draw) {
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    return ImGui::GetDrawData();
  }
};

interleave::ui::StatusModel sample_model() {
  interleave::ui::StatusModel m;
  m.version = "0.1.0";
  m.commit = "abc1234";
  m.target = "test";
  m.compiler = "g++";
  m.worker_count = 1234;
  m.worker_rate_per_s = 1000;
  return m;
}

}  // namespace

TEST_CASE("the status view draws a window with geometry") {
  HeadlessImGui gui;
  auto model = sample_model();
  // ImGui lays a new window out over its first frames; the second frame is the real one.
  gui.frame([&] { interleave::ui::draw_status_view(model, 10, 20, 400, 300); });
  ImDrawData* data = gui.frame([&] { interleave::ui::draw_status_view(model, 10, 20, 400, 300); });
  REQUIRE(data != nullptr);
  REQUIRE(data->Valid);
  CHECK(data->CmdListsCount >= 1);
  CHECK(data->TotalVtxCount > 100);  // frame, title, text and the progress bar

  // The window sits where the app put it.
  bool found = false;
  for (int i = 0; i < data->CmdListsCount; ++i) {
    const ImDrawList* list = data->CmdLists[i];
    if (std::string(list->_OwnerName ? list->_OwnerName : "") == "Status###Status") {
      found = true;
      CHECK(list->VtxBuffer.Size > 0);
      CHECK(list->VtxBuffer[0].pos.x >= 10.0f);
      CHECK(list->VtxBuffer[0].pos.y >= 20.0f);
    }
  }
  CHECK(found);
}

TEST_CASE("the counter text changes the geometry when the count changes") {
  HeadlessImGui gui;
  auto model = sample_model();
  gui.frame([&] { interleave::ui::draw_status_view(model, 0, 0, 400, 300); });
  int before = gui.frame([&] { interleave::ui::draw_status_view(model, 0, 0, 400, 300); })->TotalVtxCount;
  model.worker_count = 123456789;  // five more digits to draw
  int after = gui.frame([&] { interleave::ui::draw_status_view(model, 0, 0, 400, 300); })->TotalVtxCount;
  CHECK(after > before);
}

TEST_CASE("a missing font file is reported, not fatal") {
  HeadlessImGui gui;
  CHECK_FALSE(interleave::ui::load_ui_font("/nonexistent/font.ttf", 15.0f, 2.0f));
}
