# Checks async for: __aiter__/__anext__ with StopAsyncIteration, else, continue, break, and an exception leaving the loop.
import asyncio
class Ticker:
    def __init__(self, n):
        self.i = 0; self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        await asyncio.sleep(0)
        self.i += 1
        return self.i
async def main():
    out = []
    async for x in Ticker(3):
        out.append(x)
    else:
        out.append("else")
    async for x in Ticker(10):
        if x == 2:
            continue
        if x == 4:
            break
        out.append(x)
    try:
        async for x in Ticker(5):
            if x == 2:
                raise ValueError("inside")
    except ValueError as e:
        out.append(str(e))
    return out
print(asyncio.run(main()))
