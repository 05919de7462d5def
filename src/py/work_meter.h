// WorkMeter: how long native operations (big-int math, sorting, string and bytes building,
// compiling) notice that the run is being stopped. They count their work (limb products,
// bytes copied, items moved) and the meter asks VM::interrupt_requested() once every
// kInterval units, so the check costs nothing per unit and an operation that would run for
// seconds gives up within milliseconds. Only VM is needed to poll, so text and compiler
// code include this header alone.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace interleave::py {

class VM;

class WorkMeter {
 public:
  static constexpr uint64_t kInterval = uint64_t(1) << 16;
  // `vm` may be null: the meter then never stops (compile-time folding, tests of the math).
  explicit WorkMeter(const VM* vm) : vm_(vm) {}
  // Adds `units` of work; true once the run is being stopped (and from then on).
  bool tick(uint64_t units = 1) {
    pending_ += units;
    if (pending_ < kInterval) return stopped_;
    return poll();
  }
  bool stopped() const { return stopped_; }

 private:
  bool poll();  // vm.cpp: counts the pending work into VM::metered_work, asks the VM
  const VM* vm_;
  uint64_t pending_ = 0;
  bool stopped_ = false;
};

// How many bytes (or items) a loop handles between two ticks of its meter: a loop walking a
// string ticks once per chunk, so a short string never reaches the meter at all.
constexpr size_t kMeterChunk = 4096;

// wm->tick(units) for a meter that may be null (no meter: never stops).
inline bool meter_tick(WorkMeter* wm, uint64_t units) { return wm && wm->tick(units); }

// For a loop that walks a string: stop(done) costs a compare each pass and ticks `wm` (may be
// null) once `done` (bytes handled so far, growing) has moved a chunk past the last tick.
class ChunkMeter {
 public:
  explicit ChunkMeter(WorkMeter* wm) : wm_(wm) {}
  // True once the run is being stopped: the loop then gives up.
  bool stop(size_t done) {
    if (done - mark_ < kMeterChunk) return false;
    const size_t n = done - mark_;
    mark_ = done;
    return meter_tick(wm_, n);
  }

 private:
  WorkMeter* wm_;
  size_t mark_ = 0;
};

// `part` repeated n times into `r` (seq * n for str, bytes, list, tuple), doubling what is
// already built; copies at most 1 MB at a time between ticks. False when the run is being
// stopped.
template <typename Seq>
bool repeat_into(WorkMeter& wm, const Seq& part, size_t n, Seq& r) {
  const size_t total = part.size() * n, chunk = (size_t(1) << 20) / sizeof(part[0]);
  r.reserve(total);
  if (total) r.insert(r.end(), part.begin(), part.end());
  while (r.size() < total) {
    size_t add = std::min({r.size(), total - r.size(), chunk});
    size_t old = r.size();
    r.resize(old + add);  // capacity is reserved: the copy's source stays where it is
    std::copy_n(r.begin(), add, r.begin() + long(old));
    if (wm.tick(add * sizeof(part[0]))) return false;
  }
  return true;
}

}  // namespace interleave::py
