// Run/reset soak in the browser (a benchmark, not part of the tests):
//   node web/bench/soak.mjs [--cycles N] [--mode det|free|both]
// Runs a small two-thread program and resets, N times (default 1000; `both` alternates det
// and free), and prints at the start, every 250 cycles and at the end: the JS heap (CDP
// Runtime.getHeapUsage after a GC), wasm memory (its buffer's byteLength), the workers
// (idle + running + loading) and the cycles per second. Growth from start to end is a leak.
import { launchBrowser, serveSite } from '../tests/harness.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const CYCLES = Number(option('--cycles', 1000));
const MODE = option('--mode', 'both');
if (!(Number.isInteger(CYCLES) && CYCLES >= 1)) throw new Error(`--cycles must be a whole number of at least 1, got '${option('--cycles')}'`);
if (!['det', 'free', 'both'].includes(MODE)) throw new Error(`--mode must be det, free or both, got '${MODE}'`);

const PROGRAM = `import threading

total = 0
lock = threading.Lock()

def work():
    global total
    for _ in range(200):
        with lock:
            total += 1

ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(total)
`;

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

async function sample(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const page_ = await page.evaluate(() => {
    const pt = window.Module?.PThread;
    const s = window.interleave.state();
    return {
      wasm: window.Module.wasmMemory?.buffer.byteLength ?? window.Module.HEAP8.buffer.byteLength,
      workers: pt ? pt.unusedWorkers.length + pt.runningWorkers.length + (s.workers?.loading ?? 0) : 0,
      jsHeap: performance.memory?.usedJSHeapSize ?? 0,
    };
  });
  return { heapUsed: heap.usedSize, ...page_ };
}

const show = (label, s) => console.log(`${label}: JS heap ${mb(s.heapUsed)} (performance.memory ${mb(s.jsHeap)}), ` +
  `wasm memory ${mb(s.wasm)}, workers ${s.workers}`);

const browser = await launchBrowser();
const site = await serveSite();
try {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${site.url}?lesson=scratch&lang=en`);
  await page.waitForFunction(() => window.interleave?.state().ready, null, { timeout: 30000, polling: 50 });
  const cdp = await browser.context.newCDPSession(page);
  const start = await sample(page, cdp);
  show('start', start);
  const t0 = Date.now();
  let failures = 0;
  for (let done = 0; done < CYCLES;) {
    const batch = Math.min(250, CYCLES - done);
    failures += await page.evaluate(async ({ code, n, first, mode }) => {
      let bad = 0;
      for (let i = 0; i < n; ++i) {
        const m = mode === 'both' ? ((first + i) % 2 ? 'free' : 'det') : mode;
        const s = await window.interleave.run({ code, mode: m });
        if (s.status !== 'finished' || s.stdout !== '400\n') bad += 1;
        await window.interleave.reset();
      }
      return bad;
    }, { code: PROGRAM, n: batch, first: done, mode: MODE });
    done += batch;
    const s = await sample(page, cdp);
    show(`after ${done} cycles (${(done / ((Date.now() - t0) / 1000)).toFixed(1)} cycles/s)`, s);
  }
  await page.waitForTimeout(3000);   // idle workers beyond the pool are let go after a run
  const end = await sample(page, cdp);
  show('end, 3 s later', end);
  console.log(`growth: JS heap ${mb(end.heapUsed - start.heapUsed)}, wasm memory ${mb(end.wasm - start.wasm)}, ` +
    `workers ${end.workers - start.workers}; ${failures} of ${CYCLES} runs did not finish with the expected output`);
  if (errors.length) console.log(`console errors:\n${errors.slice(0, 10).join('\n')}`);
} finally {
  await browser.close();
  await site.close();
}
