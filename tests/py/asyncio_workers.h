// A program for the tests of stepping coroutines (py and host): three asyncio tasks that
// print two lines each, giving the loop a choice of ready tasks at every await.
#pragma once

namespace interleave::testing {

inline const char* kThreeAsyncioWorkers = R"PY(import asyncio

async def worker(name):
    for i in range(2):
        print(name, i)
        await asyncio.sleep(0)

async def main():
    await asyncio.gather(worker("a"), worker("b"), worker("c"))

asyncio.run(main())
)PY";

}  // namespace interleave::testing
