// core/memory.h - memory accounting at the allocator, per simulated process.
//
// A run's programs must not be able to exhaust the machine (natively) or the page's wasm
// memory. So every C++ allocation made while a thread works for a process is counted where
// it really happens: this file replaces the global operator new/delete. Each block carries
// a 16-byte header naming the account it was charged to, so a block is credited back to
// that account whichever thread frees it, and an account lives until its owner has retired
// it and every block charged to it is gone.
//
//   MemoryAccount* acct = MemoryAccount::create(512 << 20);
//   {
//     MemoryScope scope(acct);      // this thread now charges acct
//     std::string s(1 << 30, 'x');  // throws std::bad_alloc: over the limit, nothing allocated
//   }
//   MemoryAccount::retire(acct);    // the owner is done; freed once its blocks are
//
// Contract: an allocation that would take the account past its limit throws std::bad_alloc
// before anything is allocated (the interpreter turns that into MemoryError). Inside a
// MemoryLimitLift the limit does not apply (the block is still counted): raising the
// MemoryError itself, collecting garbage. Outside any scope nothing is counted and nothing
// is refused (the UI, the host, the tests).
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace interleave::core {

class MemoryAccount {
 public:
  // A new account refusing allocations past `limit_bytes` (0 = no limit).
  static MemoryAccount* create(size_t limit_bytes);
  // The owner is done with `a`: it is freed (or reused) once no block is charged to it.
  static void retire(MemoryAccount* a);

  // Bytes of live blocks charged to this account (headers included), and the most ever.
  size_t used() const {
    int64_t u = used_.load(std::memory_order_relaxed);  // frees may run ahead of charges
    return u > 0 ? size_t(u) : 0;
  }
  size_t peak() const { return size_t(peak_.load(std::memory_order_relaxed)); }
  size_t limit() const { return limit_.load(std::memory_order_relaxed); }
  void set_limit(size_t bytes) { limit_.store(bytes, std::memory_order_relaxed); }
  // Allocations refused so far (each was a std::bad_alloc).
  uint64_t refusals() const { return refusals_.load(std::memory_order_relaxed); }

  // Allocator side (memory.cpp): false when `n` more bytes would pass the limit.
  bool charge(size_t n, bool lifted);
  // A block of `n` bytes charged here was freed (from any thread).
  void credit(size_t n);

 private:
  MemoryAccount() = default;
  std::atomic<int64_t> used_{0};
  std::atomic<int64_t> peak_{0};
  std::atomic<size_t> limit_{0};
  std::atomic<uint64_t> refusals_{0};
  std::atomic<int64_t> blocks_{0};     // live blocks charged here
  std::atomic<bool> retired_{false};
  MemoryAccount* next_free_ = nullptr;
  friend struct AccountPool;
};

namespace memory_detail {
extern thread_local MemoryAccount* tl_account;
}

// While alive, allocations on this thread are charged to `account` (nests; null = none).
// Inline: the interpreter opens one per scheduling step.
class MemoryScope {
 public:
  explicit MemoryScope(MemoryAccount* account) : previous_(memory_detail::tl_account) {
    memory_detail::tl_account = account;
  }
  ~MemoryScope() { memory_detail::tl_account = previous_; }
  MemoryScope(const MemoryScope&) = delete;
  MemoryScope& operator=(const MemoryScope&) = delete;

 private:
  MemoryAccount* previous_;
};

// While alive, the current account's limit is not enforced on this thread (still counted).
class MemoryLimitLift {
 public:
  MemoryLimitLift();
  ~MemoryLimitLift();
  MemoryLimitLift(const MemoryLimitLift&) = delete;
  MemoryLimitLift& operator=(const MemoryLimitLift&) = delete;
};

// The account this thread charges now, or null.
MemoryAccount* current_memory_account();

// True once after operator new on this thread refused an allocation (an account's limit)
// or found no memory: a catch (...) site's way to know a std::bad_alloc it cannot match by
// type (core/failure.h). Clears the flag.
bool take_allocation_failure();

}  // namespace interleave::core
