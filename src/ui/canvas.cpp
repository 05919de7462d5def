// ui/canvas.cpp - tiles the views.
#include "ui/canvas.h"

#include <algorithm>
#include <cmath>

#include "ui/checks_view.h"
#include "ui/lanes_view.h"
#include "ui/objects_view.h"
#include "ui/waitfor_view.h"

namespace interleave::ui {

CanvasLayout layout_canvas(float x, float y, float w, float h) {
  CanvasLayout l;
  const bool wide = w >= 1000;
  // Narrow canvases (beside the page's editor, in an iframe) give the lanes a bit more room.
  const float left_w = std::clamp(w * (wide ? 0.28f : 0.34f), 220.0f, 380.0f);
  const float rx = x + left_w, rw = w - left_w;
  const float tl_h = std::floor(h * 0.48f);
  const float bottom_y = y + tl_h, bottom_h = h - tl_h;
  l.timeline = {rx, y, rw, tl_h};
  if (wide) {
    float th = std::floor(h * 0.62f);
    l.threads = {x, y, left_w, th};
    l.checks = {x, y + th, left_w, h - th};
    float ow = std::floor(rw * 0.40f), ww = std::floor(rw * 0.30f);
    l.objects = {rx, bottom_y, ow, bottom_h};
    l.waitfor = {rx + ow, bottom_y, ww, bottom_h};
    l.outcomes = {rx + ow + ww, bottom_y, rw - ow - ww, bottom_h};
  } else {
    float th = std::floor(h * 0.5f), ch = std::floor(h * 0.25f);
    l.threads = {x, y, left_w, th};
    l.checks = {x, y + th, left_w, ch};
    l.outcomes = {x, y + th + ch, left_w, h - th - ch};
    float ow = std::floor(rw * 0.55f);
    l.objects = {rx, bottom_y, ow, bottom_h};
    l.waitfor = {rx + ow, bottom_y, rw - ow, bottom_h};
  }
  return l;
}

void Canvas::draw(const RunModel& model, const OutcomeSeries* outcomes, float x, float y, float w, float h) {
  CanvasLayout l = layout_canvas(x, y, w, h);
  draw_lanes_view(model, l.threads);
  draw_checks_view(model, l.checks);
  timeline_.draw(model, l.timeline);
  draw_objects_view(model, l.objects);
  draw_waitfor_view(model, l.waitfor);
  draw_outcomes_view(outcomes, l.outcomes);
}

}  // namespace interleave::ui
