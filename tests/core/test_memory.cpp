// core/memory.h: accounts charged at the allocator, limits that refuse before allocating,
// credits from any thread, and accounts that outlive their owner until their blocks are gone.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/memory.h"

using interleave::core::MemoryAccount;
using interleave::core::MemoryLimitLift;
using interleave::core::MemoryScope;

TEST_CASE("memory: allocations in a scope are charged and credited back", "[memory]") {
  MemoryAccount* a = MemoryAccount::create(0);
  {
    MemoryScope scope(a);
    auto block = std::make_unique<char[]>(1 << 20);
    CHECK(a->used() >= (1u << 20));
    block.reset();
    CHECK(a->used() < (64u << 10));
  }
  std::string outside(1 << 20, 'x');  // outside any scope: not counted
  CHECK(a->used() < (64u << 10));
  CHECK(a->peak() >= (1u << 20));
  MemoryAccount::retire(a);
}

TEST_CASE("memory: an allocation past the limit throws before anything is allocated", "[memory]") {
  MemoryAccount* a = MemoryAccount::create(8 << 20);
  {
    MemoryScope scope(a);
    std::vector<char> kept(4 << 20);
    CHECK_THROWS_AS(std::string(6 << 20, 'x'), std::bad_alloc);
    CHECK(a->refusals() == 1);
    CHECK(a->used() < (5u << 20));  // the refused block was never charged
    std::string small(1 << 20, 'y');  // still fits
    {
      MemoryLimitLift lift;
      std::string over(6 << 20, 'z');  // lifted: allowed, and counted
      CHECK(a->used() > (8u << 20));
    }
  }
  MemoryAccount::retire(a);
}

TEST_CASE("memory: scopes nest and restore the previous account", "[memory]") {
  MemoryAccount* outer = MemoryAccount::create(0);
  MemoryAccount* inner = MemoryAccount::create(0);
  {
    MemoryScope s1(outer);
    {
      MemoryScope s2(inner);
      CHECK(interleave::core::current_memory_account() == inner);
    }
    CHECK(interleave::core::current_memory_account() == outer);
  }
  CHECK(interleave::core::current_memory_account() == nullptr);
  MemoryAccount::retire(outer);
  MemoryAccount::retire(inner);
}

TEST_CASE("memory: a block freed on another thread, after its account retired, is credited", "[memory]") {
  MemoryAccount* a = MemoryAccount::create(0);
  std::unique_ptr<std::vector<int>> block;
  {
    MemoryScope scope(a);
    block = std::make_unique<std::vector<int>>(100000);
  }
  const size_t charged = a->used();
  CHECK(charged >= 400000);
  MemoryAccount::retire(a);  // the owner is gone; the account lives while the block does
  std::thread([&] { block.reset(); }).join();
  // The account is recycled now; a new one starts from zero.
  MemoryAccount* b = MemoryAccount::create(0);
  CHECK(b->used() == 0);
  MemoryAccount::retire(b);
}

TEST_CASE("memory: threads charging one account concurrently balance to zero", "[memory]") {
  MemoryAccount* a = MemoryAccount::create(0);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([a] {
      MemoryScope scope(a);
      for (int k = 0; k < 2000; ++k) {
        std::vector<char> v(size_t(64 + k % 512));
        (void)v;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(a->used() == 0);
  MemoryAccount::retire(a);
}
