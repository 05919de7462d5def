// core/memory.cpp - per-process memory accounting: the replaced global operator new/delete.
// [SECTION] accounts  [SECTION] scopes  [SECTION] blocks  [SECTION] operator new/delete
#include "core/memory.h"

#include <cstdlib>
#include <mutex>
#include <new>

namespace interleave::core {
namespace memory_detail {
thread_local MemoryAccount* tl_account = nullptr;
}
using memory_detail::tl_account;

namespace {

thread_local int tl_lifted = 0;
thread_local bool tl_failed = false;

[[noreturn]] void throw_bad_alloc() {
  tl_failed = true;
  throw std::bad_alloc();
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] accounts
//-----------------------------------------------------------------------------
// Dead accounts are kept for reuse: an account's memory must never be handed to the
// allocator it instruments (its blocks would be charged to nothing), and runs come and go.
struct AccountPool {
  std::mutex mu;
  MemoryAccount* free = nullptr;

  static AccountPool& get() {
    static AccountPool* pool = new (std::malloc(sizeof(AccountPool))) AccountPool();  // never destroyed
    return *pool;
  }
};

MemoryAccount* MemoryAccount::create(size_t limit_bytes) {
  AccountPool& pool = AccountPool::get();
  MemoryAccount* a = nullptr;
  {
    std::lock_guard<std::mutex> g(pool.mu);
    if (pool.free) {
      a = pool.free;
      pool.free = a->next_free_;
    }
  }
  if (!a) a = new (std::malloc(sizeof(MemoryAccount))) MemoryAccount();
  a->used_.store(0, std::memory_order_relaxed);
  a->peak_.store(0, std::memory_order_relaxed);
  a->refusals_.store(0, std::memory_order_relaxed);
  a->limit_.store(limit_bytes, std::memory_order_relaxed);
  a->next_free_ = nullptr;
  a->blocks_.store(1, std::memory_order_relaxed);  // the owner's reference
  return a;
}

namespace {
// Drops one reference (the owner's or a block's); the last one recycles the account.
void release_reference(MemoryAccount* a, std::atomic<int64_t>& refs, MemoryAccount*& next_free) {
  if (refs.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
  AccountPool& pool = AccountPool::get();
  std::lock_guard<std::mutex> g(pool.mu);
  next_free = pool.free;
  pool.free = a;
}
}  // namespace

void MemoryAccount::retire(MemoryAccount* a) {
  if (a) release_reference(a, a->blocks_, a->next_free_);
}

bool MemoryAccount::charge(size_t n, bool lifted) {
  const int64_t want = int64_t(n);
  const size_t limit = limit_.load(std::memory_order_relaxed);
  int64_t now = used_.fetch_add(want, std::memory_order_relaxed) + want;
  if (!lifted && limit != 0 && now > int64_t(limit)) {
    used_.fetch_sub(want, std::memory_order_relaxed);
    refusals_.fetch_add(1, std::memory_order_relaxed);
    return false;
  }
  blocks_.fetch_add(1, std::memory_order_relaxed);
  int64_t peak = peak_.load(std::memory_order_relaxed);
  while (now > peak && !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {}
  return true;
}

void MemoryAccount::credit(size_t n) {
  used_.fetch_sub(int64_t(n), std::memory_order_relaxed);
  release_reference(this, blocks_, next_free_);
}

//-----------------------------------------------------------------------------
// [SECTION] scopes
//-----------------------------------------------------------------------------
MemoryLimitLift::MemoryLimitLift() { ++tl_lifted; }
MemoryLimitLift::~MemoryLimitLift() { --tl_lifted; }
MemoryAccount* current_memory_account() { return tl_account; }

bool take_allocation_failure() {
  const bool failed = tl_failed;
  tl_failed = false;
  return failed;
}

//-----------------------------------------------------------------------------
// [SECTION] blocks
//-----------------------------------------------------------------------------
namespace {

// In front of every block: whom it was charged to and how much (header included).
struct alignas(16) Header {
  MemoryAccount* account;
  size_t size;
};
static_assert(sizeof(Header) == 16);

// `align` > 16: the header sits in the `align` bytes before the block.
void* allocate(size_t n, size_t align, bool nothrow) {
  const size_t lead = align > sizeof(Header) ? align : sizeof(Header);
  if (n > SIZE_MAX - 2 * lead) {
    if (nothrow) return nullptr;
    throw_bad_alloc();
  }
  const size_t total = (n + lead + lead - 1) / lead * lead;
  MemoryAccount* a = tl_account;
  if (a && !a->charge(total, tl_lifted > 0)) {
    if (nothrow) return nullptr;
    throw_bad_alloc();
  }
  void* raw = lead == sizeof(Header) ? std::malloc(total) : std::aligned_alloc(lead, total);
  if (!raw) {
    if (a) a->credit(total);
    if (nothrow) return nullptr;
    throw_bad_alloc();
  }
  char* user = static_cast<char*>(raw) + lead;
  Header* h = reinterpret_cast<Header*>(user) - 1;
  h->account = a;
  h->size = total;
  return user;
}

void release(void* p, size_t align) {
  if (!p) return;
  const size_t lead = align > sizeof(Header) ? align : sizeof(Header);
  Header* h = static_cast<Header*>(p) - 1;
  if (h->account) h->account->credit(h->size);
  std::free(static_cast<char*>(p) - lead);
}

}  // namespace
}  // namespace interleave::core

//-----------------------------------------------------------------------------
// [SECTION] operator new/delete (replacing the standard library's, as the standard allows)
//-----------------------------------------------------------------------------
namespace ic = interleave::core;

void* operator new(std::size_t n) { return ic::allocate(n, 0, false); }
void* operator new[](std::size_t n) { return ic::allocate(n, 0, false); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return ic::allocate(n, 0, true); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return ic::allocate(n, 0, true); }
void* operator new(std::size_t n, std::align_val_t a) { return ic::allocate(n, std::size_t(a), false); }
void* operator new[](std::size_t n, std::align_val_t a) { return ic::allocate(n, std::size_t(a), false); }
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return ic::allocate(n, std::size_t(a), true);
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return ic::allocate(n, std::size_t(a), true);
}

void operator delete(void* p) noexcept { ic::release(p, 0); }
void operator delete[](void* p) noexcept { ic::release(p, 0); }
void operator delete(void* p, std::size_t) noexcept { ic::release(p, 0); }
void operator delete[](void* p, std::size_t) noexcept { ic::release(p, 0); }
void operator delete(void* p, const std::nothrow_t&) noexcept { ic::release(p, 0); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { ic::release(p, 0); }
void operator delete(void* p, std::align_val_t a) noexcept { ic::release(p, std::size_t(a)); }
void operator delete[](void* p, std::align_val_t a) noexcept { ic::release(p, std::size_t(a)); }
void operator delete(void* p, std::size_t, std::align_val_t a) noexcept { ic::release(p, std::size_t(a)); }
void operator delete[](void* p, std::size_t, std::align_val_t a) noexcept { ic::release(p, std::size_t(a)); }
void operator delete(void* p, std::align_val_t a, const std::nothrow_t&) noexcept { ic::release(p, std::size_t(a)); }
void operator delete[](void* p, std::align_val_t a, const std::nothrow_t&) noexcept { ic::release(p, std::size_t(a)); }
