# 1,000 connections to an asyncio echo server (streams), over Interleave's in-memory network.
import asyncio
import time

CONNECTIONS = 1000


async def handle(reader, writer):
    writer.write(await reader.readline())
    await writer.drain()
    writer.close()


async def client(port, i):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"hello %d\n" % i)
    line = await reader.readline()
    writer.close()
    return line


async def main():
    start = time.monotonic()
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    lines = await asyncio.gather(*(client(port, i) for i in range(CONNECTIONS)))
    server.close()
    ok = sum(1 for i, line in enumerate(lines) if line == b"hello %d\n" % i)
    print(f"asyncio: {ok} of {CONNECTIONS} echoed, {time.monotonic() - start:.3f} s")


asyncio.run(main())
