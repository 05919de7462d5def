#include "lesson/sweep.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace interleave::lesson {
namespace {

double uniform(core::SplitMix64& rng) { return double(rng.next() >> 11) * (1.0 / 9007199254740992.0); }

// A number in [lo, hi]: the bounds a quarter of the time each, else uniform.
double pick(core::SplitMix64& rng, double lo, double hi, bool whole) {
  uint32_t r = rng.below(4);
  double v = r == 0 ? lo : r == 1 ? hi : lo + (hi - lo) * uniform(rng);
  return whole ? std::floor(v + (r >= 2 ? 0.5 : 0)) : v;
}

std::string number_text(double v, bool whole) {
  char buf[40];
  if (whole) std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  else std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> random_params(const Lesson& lesson, core::SplitMix64& rng) {
  std::vector<std::pair<std::string, std::string>> sets;
  for (const Param& p : lesson.params) {
    const bool whole = p.type == ParamType::Int || p.type == ParamType::IntList;
    double lo = p.min.value_or(whole ? 0 : 0.0);
    double hi = p.max.value_or(lo + 10);
    if (p.sweep_max) hi = std::min(hi, *p.sweep_max);
    if (hi < lo) hi = lo;
    if (whole) {
      lo = std::ceil(lo);
      hi = std::floor(hi);
    }
    std::string text;
    switch (p.type) {
      case ParamType::Int:
      case ParamType::Float: text = number_text(std::clamp(pick(rng, lo, hi, whole), lo, hi), whole); break;
      case ParamType::Bool: text = rng.below(2) ? "true" : "false"; break;
      case ParamType::Choice: {
        std::vector<std::string> pool;
        for (const std::string& c : p.choices)
          if (std::find(p.sweep_skip.begin(), p.sweep_skip.end(), c) == p.sweep_skip.end()) pool.push_back(c);
        text = pool[rng.below(uint32_t(pool.size()))];
        break;
      }
      case ParamType::IntList:
      case ParamType::FloatList: {
        // At most 8 items: enough to show the pattern, short enough to run often.
        int64_t max_items = std::min<int64_t>(p.max_items, std::max<int64_t>(p.min_items, 8));
        int64_t n = p.min_items + int64_t(rng.below(uint32_t(max_items - p.min_items + 1)));
        for (int64_t i = 0; i < n; ++i) {
          if (i) text += ",";
          text += number_text(std::clamp(pick(rng, lo, hi, whole), lo, hi), whole);
        }
        break;
      }
      case ParamType::Literal: continue;
    }
    sets.emplace_back(p.name, text);
  }
  return sets;
}

}  // namespace interleave::lesson
