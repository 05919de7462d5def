// The page's wasm main: SDL2 + WebGL2 + ImGui on the browser main thread, which never blocks.
// Work happens on pthreads (Web Workers); the frame loop only reads their state and renders.
//
// [SECTION] Worker thread (the live counter)
// [SECTION] Canvas size and HiDPI
// [SECTION] Frame loop
// [SECTION] State for JavaScript (window.interleave.state())
// [SECTION] main
#include <SDL.h>
#include <SDL_opengles2.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <emscripten/threading.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "build_info.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl.h"
#include "ui/status_view.h"
#include "ui/theme.h"

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Worker thread (the live counter)
//-----------------------------------------------------------------------------

std::atomic<uint64_t> g_worker_count{0};

void count_forever() {
  for (;;) {
    g_worker_count.fetch_add(1, std::memory_order_relaxed);
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

//-----------------------------------------------------------------------------
// [SECTION] Canvas size and HiDPI
//-----------------------------------------------------------------------------

struct App {
  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
  bool threads = false;
  bool ready = false;
  uint64_t frames = 0;
  interleave::ui::StatusModel status;
  uint64_t rate_window_count = 0;
  double rate_window_start = 0;
};

App g_app;

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
// [SECTION] Frame loop
//-----------------------------------------------------------------------------

void update_status(double now_s) {
  auto& s = g_app.status;
  s.worker_count = g_worker_count.load(std::memory_order_relaxed);
  if (now_s - g_app.rate_window_start >= 1.0) {
    s.worker_rate_per_s = static_cast<double>(s.worker_count - g_app.rate_window_count) /
                          (now_s - g_app.rate_window_start);
    g_app.rate_window_count = s.worker_count;
    g_app.rate_window_start = now_s;
  }
  s.frame_ms = 1000.0f / (ImGui::GetIO().Framerate > 0 ? ImGui::GetIO().Framerate : 60.0f);
}

void frame() {
  SDL_Event event;
  while (SDL_PollEvent(&event)) ImGui_ImplSDL2_ProcessEvent(&event);
  fit_canvas_to_stage();

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  update_status(emscripten_get_now() / 1000.0);
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float width = size.x < 560 ? size.x - 24 : 520;
  interleave::ui::draw_status_view(g_app.status, 12, 12, width, 230);
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

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] State for JavaScript (window.interleave.state())
//-----------------------------------------------------------------------------

extern "C" EMSCRIPTEN_KEEPALIVE const char* interleave_state_json() {
  static std::string json;
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "{\"ready\":%s,\"threads_supported\":%s,\"frames\":%llu,\"worker_count\":%llu,"
                "\"build\":{\"version\":\"%s\",\"commit\":\"%s\",\"target\":\"%s\","
                "\"compiler\":\"%s\"}}",
                g_app.ready ? "true" : "false", g_app.threads ? "true" : "false",
                static_cast<unsigned long long>(g_app.frames),
                static_cast<unsigned long long>(g_worker_count.load()), INTERLEAVE_VERSION,
                INTERLEAVE_COMMIT, INTERLEAVE_TARGET, INTERLEAVE_COMPILER);
  json = buf;
  return json.c_str();
}

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
  g_app.window = SDL_CreateWindow("Interleave", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                  1024, 640,
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
  interleave::ui::apply_theme(dpr);
  interleave::ui::load_ui_font("/assets/ui-font.ttf", 15.0f, dpr);
  ImGui_ImplSDL2_InitForOpenGL(g_app.window, g_app.gl);
  ImGui_ImplOpenGL3_Init("#version 300 es");

  g_app.status = {INTERLEAVE_VERSION, INTERLEAVE_COMMIT, INTERLEAVE_TARGET, INTERLEAVE_COMPILER};
  g_app.status.isolated = EM_ASM_INT({ return self.crossOriginIsolated ? 1 : 0; }) != 0;
  g_app.threads = emscripten_has_threading_support();
  g_app.status.threads_supported = g_app.threads;
  if (g_app.threads) std::thread(count_forever).detach();

  fit_canvas_to_stage();
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
