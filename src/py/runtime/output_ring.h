// py/runtime/output_ring.h - a program's kept output, bounded.
//
// A program may print without end (`while True: print('x' * 1000)`). What a run keeps of
// it (for the report, the JSON, the lanes) is the newest `capacity` bytes: older whole lines
// are dropped and counted, and text() starts with a marker saying how many. Live output
// (the CLI's terminal) is not affected: it is passed on as it is written.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace interleave::py {

class OutputRing {
 public:
  explicit OutputRing(size_t capacity) : capacity_(capacity) {}

  // Appends `s`; past the capacity, the oldest lines are dropped (a line longer than the
  // whole capacity loses its beginning).
  void append(std::string_view s) {
    kept_.append(s);
    if (kept_.size() <= capacity_ + capacity_ / 4) return;  // trim in batches: appends stay O(1)
    size_t cut = kept_.size() - capacity_;
    const size_t eol = kept_.find('\n', cut);
    if (eol != std::string::npos && eol + 1 < kept_.size()) cut = eol + 1;
    for (size_t i = 0; i < cut; ++i) dropped_lines_ += kept_[i] == '\n';
    if (cut > 0 && kept_[cut - 1] != '\n') ++dropped_lines_;  // a line cut in two counts as dropped
    dropped_bytes_ += cut;
    kept_.erase(0, cut);
  }

  // What is kept, after a marker line when anything was dropped.
  std::string text() const {
    if (dropped_bytes_ == 0) return kept_;
    return "[interleave: " + std::to_string(dropped_lines_) + " earlier line" + (dropped_lines_ == 1 ? "" : "s") +
           " dropped; a run keeps its last " + std::to_string(capacity_ >> 10) + " KB of output]\n" + kept_;
  }
  bool empty() const { return kept_.empty() && dropped_bytes_ == 0; }
  uint64_t dropped_lines() const { return dropped_lines_; }
  uint64_t dropped_bytes() const { return dropped_bytes_; }

 private:
  size_t capacity_;
  std::string kept_;
  uint64_t dropped_lines_ = 0;
  uint64_t dropped_bytes_ = 0;
};

}  // namespace interleave::py
