// MT19937 (Matsumoto and Nishimura, 1998), the algorithm of CPython's Modules/_randommodule.c.
#include "py/mersenne.h"

namespace interleave::py {

namespace {
constexpr int kM = 397;
constexpr uint32_t kMatrixA = 0x9908b0dfU, kUpper = 0x80000000U, kLower = 0x7fffffffU;
}  // namespace

void Mt19937::init_genrand(uint32_t s) {
  mt_[0] = s;
  for (int i = 1; i < kN; i++) mt_[i] = 1812433253U * (mt_[i - 1] ^ (mt_[i - 1] >> 30)) + uint32_t(i);
  index_ = kN;
}

void Mt19937::seed_by_array(const uint32_t* key, size_t n) {
  init_genrand(19650218U);
  size_t i = 1, j = 0;
  for (size_t k = n > size_t(kN) ? n : size_t(kN); k; k--) {
    mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1664525U)) + key[j] + uint32_t(j);
    if (++i >= size_t(kN)) { mt_[0] = mt_[kN - 1]; i = 1; }
    if (++j >= n) j = 0;
  }
  for (size_t k = kN - 1; k; k--) {
    mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1566083941U)) - uint32_t(i);
    if (++i >= size_t(kN)) { mt_[0] = mt_[kN - 1]; i = 1; }
  }
  mt_[0] = 0x80000000U;  // a non-zero state whatever the key
}

void Mt19937::twist() {
  auto mix = [&](int a, int b, int c) {
    uint32_t y = (mt_[a] & kUpper) | (mt_[b] & kLower);
    mt_[a] = mt_[c] ^ (y >> 1) ^ ((y & 1U) ? kMatrixA : 0U);
  };
  int k = 0;
  for (; k < kN - kM; k++) mix(k, k + 1, k + kM);
  for (; k < kN - 1; k++) mix(k, k + 1, k + (kM - kN));
  mix(kN - 1, 0, kM - 1);
  index_ = 0;
}

uint32_t Mt19937::next32() {
  if (index_ > kN) init_genrand(5489U);
  if (index_ >= kN) twist();
  uint32_t y = mt_[index_++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  y ^= y >> 18;
  return y;
}

double Mt19937::next_double() {
  uint32_t a = next32() >> 5, b = next32() >> 6;
  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

std::vector<uint32_t> Mt19937::bits(uint64_t k) {
  std::vector<uint32_t> out;
  out.reserve(size_t((k + 31) / 32));
  for (; k > 0; k = k >= 32 ? k - 32 : 0) {
    uint32_t r = next32();
    if (k < 32) r >>= 32 - k;
    out.push_back(r);
  }
  return out;
}

void Mt19937::set_state(const uint32_t* words, int position) {
  for (int i = 0; i < kN; i++) mt_[i] = words[i];
  index_ = position;
}

}  // namespace interleave::py
