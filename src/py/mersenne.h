// The Mersenne Twister MT19937 exactly as CPython's _random module runs it: the same
// seeding (init_by_array over the 32-bit words of |seed|), the same 53-bit random() and
// the same getrandbits() word order, so a seed gives CPython's sequence.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace interleave::py {

class Mt19937 {
 public:
  static constexpr int kN = 624;

  // Seeds from `key` (CPython's init_by_array; at least one word, [0] for seed 0).
  void seed_by_array(const uint32_t* key, size_t n);
  // The next 32 bits of output (genrand_uint32).
  uint32_t next32();
  // A float in [0, 1) from two outputs: 27 and 26 bits, CPython's random().
  double next_double();
  // k >= 1 random bits as little-endian 32-bit words ((k + 31) / 32 of them): each word is
  // one output; the last keeps its top k % 32 bits (shifted down), as getrandbits does.
  std::vector<uint32_t> bits(uint64_t k);

  // The 624 state words and the position (0..624), as getstate()'s tuple holds them.
  const uint32_t* words() const { return mt_; }
  int position() const { return index_; }
  // Replaces the state; `position` must be in 0..624 (the caller checks).
  void set_state(const uint32_t* words, int position);

 private:
  void init_genrand(uint32_t s);
  void twist();
  uint32_t mt_[kN] = {};
  int index_ = kN + 1;  // unseeded: next32() seeds with 5489 as the reference code does
};

}  // namespace interleave::py
