// core/strategy.cpp
// [SECTION] Random, round-robin, ask, replay
// [SECTION] PCT
// [SECTION] Schedule token
// [SECTION] Choice log, recording and planned runs (the explorer)
#include "core/strategy.h"
#include "core/resume_strategy.h"

#include "core/det_scheduler.h"
#include "core/run.h"
#include "core/scheduler.h"

namespace interleave::core {

//-----------------------------------------------------------------------------
// [SECTION] Random, round-robin, ask, replay
//-----------------------------------------------------------------------------
int RandomStrategy::pick(const std::vector<ThreadContext*>& runnable, ThreadId) {
  return static_cast<int>(rng_.below(static_cast<uint32_t>(runnable.size())));
}

int RoundRobinStrategy::pick(const std::vector<ThreadContext*>& runnable, ThreadId last) {
  for (size_t i = 0; i < runnable.size(); ++i)
    if (runnable[i]->id > last) return static_cast<int>(i);
  return 0;
}

int ReplayStrategy::pick(const std::vector<ThreadContext*>& runnable, ThreadId) {
  if (pos_ < choices_.size() && choices_[pos_] < runnable.size()) return static_cast<int>(choices_[pos_++]);
  diverged_ = true;
  ++pos_;
  return 0;
}

int ResumeStrategy::pick(const std::vector<ThreadContext*>& runnable, ThreadId last) {
  const int own = inner_->pick(runnable, last);
  if (pos_ >= prefix_.size()) return own;
  const uint32_t i = prefix_[pos_++];
  return i < runnable.size() ? static_cast<int>(i) : 0;
}

//-----------------------------------------------------------------------------
// [SECTION] PCT
//-----------------------------------------------------------------------------
PctStrategy::PctStrategy(uint64_t seed, int depth, uint32_t max_steps)
    : rng_(seed), depth_(depth < 1 ? 1 : depth) {
  for (int i = 1; i < depth_; ++i) change_points_.push_back(1 + rng_.below(max_steps ? max_steps : 1));
}

int64_t& PctStrategy::priority(ThreadId tid) {
  if (priorities_.size() < tid) priorities_.resize(tid, 0);
  return priorities_[tid - 1];
}

void PctStrategy::on_thread_added(ThreadId tid) {
  // Initial priorities lie above every change-point priority (1..depth-1); the low
  // bits keep them distinct.
  priority(tid) = (static_cast<int64_t>(depth_ + rng_.below(1u << 20)) << 16) | (tid & 0xFFFF);
}

int PctStrategy::pick(const std::vector<ThreadContext*>& runnable, ThreadId last) {
  ++step_;
  for (size_t i = 0; i < change_points_.size(); ++i)
    if (change_points_[i] == step_ && last != 0) priority(last) = static_cast<int64_t>(i + 1);
  int best = 0;
  for (size_t i = 1; i < runnable.size(); ++i)
    if (priority(runnable[i]->id) > priority(runnable[best]->id)) best = static_cast<int>(i);
  return best;
}

//-----------------------------------------------------------------------------
// [SECTION] Schedule token
//-----------------------------------------------------------------------------
static const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static void put_varint(std::vector<uint8_t>& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<uint8_t>(v));
}

static void put_b64(std::string& out, const std::vector<uint8_t>& bytes) {
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t n = bytes[i] << 16;
    if (i + 1 < bytes.size()) n |= bytes[i + 1] << 8;
    if (i + 2 < bytes.size()) n |= bytes[i + 2];
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    if (i + 1 < bytes.size()) out += kB64[(n >> 6) & 63];
    if (i + 2 < bytes.size()) out += kB64[n & 63];
  }
}

std::string encode_schedule(const std::vector<uint32_t>& choices, const std::vector<CoroutineChoice>& coroutines) {
  std::vector<uint8_t> bytes;
  for (size_t i = 0; i < choices.size();) {
    size_t j = i;
    while (j < choices.size() && choices[j] == choices[i]) ++j;
    put_varint(bytes, choices[i]);
    put_varint(bytes, static_cast<uint32_t>(j - i));
    i = j;
  }
  std::string out = "s1";
  put_b64(out, bytes);
  if (coroutines.empty()) return out;
  bytes.clear();
  uint64_t prev = 0;
  for (const CoroutineChoice& c : coroutines) {  // recorded in step order
    put_varint(bytes, c.step - prev);
    put_varint(bytes, c.tid);
    put_varint(bytes, c.index);
    prev = c.step;
  }
  out += '.';
  put_b64(out, bytes);
  return out;
}

static int b64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

static std::optional<std::vector<uint8_t>> get_b64(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::vector<uint8_t> bytes;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int v = b64_value(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<uint8_t>(acc >> bits));
      acc &= (1u << bits) - 1;
    }
  }
  return bytes;
}

// Reads varints from `bytes` at `i`; false at the end or on one longer than `max_bits`.
static bool get_varint(const std::vector<uint8_t>& bytes, size_t& i, uint64_t& v, int max_bits) {
  v = 0;
  for (int shift = 0; shift < max_bits; shift += 7) {
    if (i >= bytes.size()) return false;
    uint8_t b = bytes[i++];
    v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

// The token's two parts: the thread choices and the coroutine choices ("" when none).
static bool split_token(std::string_view token, std::string_view& threads, std::string_view& coroutines) {
  if (token.substr(0, 2) != "s1") return false;
  token.remove_prefix(2);
  const size_t dot = token.find('.');
  threads = token.substr(0, dot);
  coroutines = dot == std::string_view::npos ? std::string_view() : token.substr(dot + 1);
  return dot == std::string_view::npos || !coroutines.empty();
}

std::optional<std::vector<CoroutineChoice>> decode_coroutine_choices(std::string_view token) {
  std::string_view threads, part;
  if (!split_token(token, threads, part)) return std::nullopt;
  auto bytes = get_b64(part);
  if (!bytes) return std::nullopt;
  std::vector<CoroutineChoice> out;
  size_t i = 0;
  uint64_t step = 0;
  while (i < bytes->size()) {
    uint64_t delta, tid, index;
    if (!get_varint(*bytes, i, delta, 63) || !get_varint(*bytes, i, tid, 35) || !get_varint(*bytes, i, index, 35) ||
        tid == 0 || tid > UINT32_MAX || index > UINT32_MAX || out.size() >= (1u << 20))
      return std::nullopt;
    step += delta;
    out.push_back({step, static_cast<ThreadId>(tid), static_cast<uint32_t>(index)});
  }
  return out;
}

std::optional<std::vector<uint32_t>> decode_schedule(std::string_view token) {
  std::string_view part, coroutines;
  if (!split_token(token, part, coroutines)) return std::nullopt;
  if (!coroutines.empty() && !decode_coroutine_choices(token)) return std::nullopt;
  auto bytes = get_b64(part);
  if (!bytes) return std::nullopt;
  std::vector<uint32_t> out;
  size_t i = 0;
  while (i < bytes->size()) {
    uint64_t value, repeat;
    if (!get_varint(*bytes, i, value, 35) || !get_varint(*bytes, i, repeat, 35) || value > UINT32_MAX ||
        repeat == 0 || out.size() + repeat > (1u << 26))
      return std::nullopt;
    out.insert(out.end(), repeat, static_cast<uint32_t>(value));
  }
  return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Choice log, recording and planned runs (the explorer)
//-----------------------------------------------------------------------------
ChoiceLog::Point& ChoiceLog::add(const std::vector<ThreadContext*>& runnable, ThreadId last) {
  Point p;
  p.first = static_cast<uint32_t>(tids.size());
  p.count = static_cast<uint32_t>(runnable.size());
  p.last = last;
  if (DetScheduler* d = runnable.front()->run->det()) p.step = d->steps();
  for (ThreadContext* t : runnable) {
    tids.push_back(t->id);
    if (t->id == last) p.stay = last;
  }
  points.push_back(p);
  return points.back();
}

uint32_t ChoiceLog::preemptions() const {
  uint32_t n = 0;
  for (const Point& p : points) n += is_preemption(p) ? 1 : 0;
  return n;
}

ThreadId ChoiceLog::default_choice(const Point& p) const {
  if (p.stay) return p.stay;
  for (uint32_t i = 0; i < p.count; ++i)
    if (tids[p.first + i] > p.last) return tids[p.first + i];
  return tids[p.first];
}

static int index_of(const std::vector<ThreadContext*>& runnable, ThreadId tid) {
  for (size_t i = 0; i < runnable.size(); ++i)
    if (runnable[i]->id == tid) return static_cast<int>(i);
  return -1;
}

int RecordingStrategy::pick(const std::vector<ThreadContext*>& runnable, ThreadId last) {
  int i = inner_->pick(runnable, last);
  if (i < 0 || static_cast<size_t>(i) >= runnable.size()) return i;  // step mode: nothing chosen yet
  log_.add(runnable, last).chosen = runnable[static_cast<size_t>(i)]->id;
  return i;
}

int PlanStrategy::pick(const std::vector<ThreadContext*>& runnable, ThreadId last) {
  ChoiceLog::Point& p = log_.add(runnable, last);
  const ThreadId wanted = pos_ < plan_.size() ? plan_[pos_] : 0;
  ++pos_;
  int i = -1;
  if (p.stay && local_ && local_(*runnable[static_cast<size_t>(index_of(runnable, p.stay))])) {
    p.forced = true;
    i = index_of(runnable, p.stay);
  } else if (wanted) {
    i = index_of(runnable, wanted);
  }
  if (i < 0) i = index_of(runnable, log_.default_choice(p));
  p.chosen = runnable[static_cast<size_t>(i)]->id;
  return i;
}

}  // namespace interleave::core
