// SHA-512 (FIPS 180-4), for random.seed(str): CPython's version-2 seeding appends the
// SHA-512 digest of the seed's bytes to them.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace interleave::py {

// The 64-byte SHA-512 digest of `data`.
std::array<uint8_t, 64> sha512(std::string_view data);

}  // namespace interleave::py
