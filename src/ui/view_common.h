// ui/view_common.h - what every canvas view shares: the rectangle it is given,
// thread and state colours, a state badge, time formatting.
#pragma once
#include <cstdint>
#include <string>

#include "imgui.h"
#include "ui/run_model.h"
#include "ui/ui_text.h"

namespace interleave::ui {

// Where a view draws, in display (logical) pixels.
struct ViewRect {
  float x = 0, y = 0, w = 0, h = 0;
};

// Opens a fixed (not movable, not resizable) ImGui window covering `r`, titled `title`
// (the page's language) and identified by `id` (English, the same in every language:
// ImGui finds it as "###id"). Always pair with end_view_window(), whatever it returns (as
// ImGui::Begin / End).
bool begin_view_window(const char* title, const char* id, const ViewRect& r);
void end_view_window();

// While `sink` is non-null, the text every view window renders is appended to it
// (ImGui's log, one window at a time): "copy the canvas as text", and what the
// headless tests read. Pass nullptr to stop.
void set_text_capture(std::string* sink);

// The colour of thread number `index` (creation order), from a fixed palette
// readable on the light theme; wraps after the palette's size.
ImU32 thread_color(int index);
// The colour of an object (lock holds on the timeline), by its id.
ImU32 object_color(ObjectId id);
// The fill of a state on badges and timeline bars.
ImU32 state_color(LaneState s);
// A coroutine's state in the lanes and the timeline: running as a running thread, ready as
// a runnable one, waiting as a sleeping one, done as a finished one.
ImU32 coroutine_state_color(core::CoroutineState s);
// Green / red / grey for a check's verdict.
ImU32 verdict_color(Verdict v);

// A process group's header words and badge fills (Threads and Timeline share them).
// "pid 3 child" (the title of a process group).
std::string process_title(const ProcessInfo& p);
// "running", "zombie <defunct>", "reaped", "orphan (adopted by init)", "reaped by init"
// (in the UI's language, ui_text.h).
std::string process_state_text(const ProcessInfo& p);
// "exit 0", "exit 1", "-SIGTERM", "-SIGKILL" (as CPython's Process repr names a signal
// exit; "exit" in the UI's language), or "" while it has not exited.
std::string process_exit_text(const ProcessInfo& p);
ImU32 process_state_color(ProcessStatus s);
// Light green for exit 0, light red for any failure or signal.
ImU32 process_exit_color(const ProcessInfo& p);
// A thread state as the views name it, in the UI's language ("running", "运行").
const char* state_label(LaneState s);
// A coroutine state in the UI's language.
const char* coroutine_state_label(core::CoroutineState s);

// `text` as it fits in `width` px at the current font and `scale` of its size: whole, or cut
// at a character boundary and ended with "..." (labels in a narrow column; the full text goes
// in a tooltip).
std::string fit_text(const std::string& text, float width, float scale = 1.0f);

// `text` wrapped at the window's edge in the disabled (grey) colour: hints that must not be cut.
void text_disabled_wrapped(const char* text);

// Puts the next item (`width` px wide) on the last item's line when it fits before the
// window's right edge, else it starts a new line: legends and badge rows wrap, not cut.
void same_line_if_fits(float width, float spacing = -1.0f);
// The width badge() gives `text`.
float badge_width(const char* text);

// Draws `text` on a rounded coloured pill at the cursor (dark text on light fills).
void badge(const char* text, ImU32 fill);

// "12.5 ms", "3 s", "250 ns"; on the Sequence axis "#1234".
std::string format_time(int64_t t, TimeAxis axis);

}  // namespace interleave::ui
