// The page's browser benchmark (on demand, not part of scripts/test.sh):
//   node web/bench/page_bench.mjs [--seconds N]
//   node web/bench/page_bench.mjs --threads-only [--counts 64,255]   (only the thread start case,
//   each count on a fresh page)
// Prints: time to first frame, the total transfer size gzipped (every response the page
// loads, gzipped here), and p50/p95 frame times (requestAnimationFrame deltas in the page)
// while 64 threads print in free mode, and while the canvas shows a det run with about a
// million retained trace events. Goals: first frame <= 1 s, transfer <= 1.5 MB, p95 <= 16.7 ms.
import { gzipSync } from 'node:zlib';
import { launchBrowser, serveSite } from '../tests/harness.mjs';

const args = process.argv.slice(2);
const SECONDS = Number(args[args.indexOf('--seconds') + 1]) || 10;
const THREADS_ONLY = args.includes('--threads-only');
const COUNTS = (args.includes('--counts') ? args[args.indexOf('--counts') + 1] : '64,255').split(',').map(Number);

// N threads started back to back in free mode; the program times the starts itself.
const STARTER = (n) => `import threading
import time

go = threading.Event()

def worker():
    go.wait()

threads = [threading.Thread(target=worker) for _ in range(${n})]
t0 = time.time()
for t in threads:
    t.start()
started = time.time() - t0
go.set()
for t in threads:
    t.join()
print(f"{started * 1000:.1f}")
`;

const PRINTERS = `import threading
import time

def worker(i):
    n = 0
    end = time.time() + ${SECONDS}
    while time.time() < end:
        print("thread", i, "line", n)
        n += 1
        time.sleep(0.01)

threads = [threading.Thread(target=worker, args=(i,)) for i in range(64)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("done")
`;

// Four threads taking and releasing one lock: each round trip is a handful of trace events.
const LOCKS = `import threading

lock = threading.Lock()
ROUNDS = 125000

def work():
    for _ in range(ROUNDS):
        with lock:
            pass

threads = [threading.Thread(target=work) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("done")
`;

function percentile(sorted, p) { return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]; }

// Frame-time statistics of the page over `ms` milliseconds (rAF deltas).
// With `untilStopped`, until window.__stopFrames is set instead.
async function frameTimes(page, ms, untilStopped = false) {
  return page.evaluate(([duration, manual]) => new Promise((resolve) => {
    const deltas = [];
    let last = null;
    const t0 = performance.now();
    window.__stopFrames = false;
    const tick = (t) => {
      if (last !== null) deltas.push(t - last);
      last = t;
      if (manual ? !window.__stopFrames : t - t0 < duration) requestAnimationFrame(tick);
      else {
        deltas.sort((a, b) => a - b);
        resolve({ frames: deltas.length, p50: deltas[deltas.length >> 1], p95: deltas[Math.min(deltas.length - 1, Math.floor(deltas.length * 0.95))], max: deltas.at(-1) });
      }
    };
    requestAnimationFrame(tick);
  }), [ms, untilStopped]);
}

// Workers the page's wasm has: idle, running, and (with the page's pool) still loading.
const workerCount = (page) => page.evaluate(() => {
  const pt = window.Module?.PThread;
  const loading = window.interleave.state().workers?.loading ?? 0;
  return pt ? pt.unusedWorkers.length + pt.runningWorkers.length + loading : 0;
});

// Starts n threads in free mode (twice: fresh, then on the workers the first run left) and
// prints the start time per thread, frame times during the run, and the workers after the
// run, right after Reset and 3 s later.
async function threadStarts(page, n) {
  for (const round of ['first run', 'second run']) {
    const frames = frameTimes(page, 0, true);
    const t0 = Date.now();
    const state = await page.evaluate((code) => window.interleave.run({ code, mode: 'free', time_scale: 1 }), STARTER(n));
    const wall = Date.now() - t0;
    await page.evaluate(() => { window.__stopFrames = true; });
    const f = await frames;
    const ms = Number(state.stdout.trim());
    console.log(`${n} threads, ${round}: ${state.status}; starts took ${ms.toFixed(0)} ms (${(ms / n).toFixed(2)} ms per thread), ` +
      `run ${wall} ms; frames ${fmt(f)}; workers after the run ${await workerCount(page)}`);
  }
  await page.evaluate(() => window.interleave.reset());
  const afterReset = await workerCount(page);
  await page.waitForTimeout(3000);
  const later = await workerCount(page);
  // Threads parked for the run end 5 s after their last job, then the page trims their workers.
  await page.waitForTimeout(6000);
  console.log(`${n} threads: workers right after Reset ${afterReset}, 3 s later ${later}, 9 s later ${await workerCount(page)} ` +
    `(parked threads ${(await page.evaluate(() => window.interleave.state().workers?.parked))}); ` +
    `wasm memory ${(await page.evaluate(() => window.Module.wasmMemory.buffer.byteLength) / 2 ** 20).toFixed(0)} MB`);
}

const fmt = (s) => `p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms over ${s.frames} frames`;

const browser = await launchBrowser();
const site = await serveSite();
try {
  if (THREADS_ONLY) {
    for (const n of COUNTS) {
      const page = await browser.context.newPage();
      await page.goto(`${site.url}?lesson=scratch&lang=en`);
      await page.waitForFunction(() => window.interleave?.state().ready, null, { timeout: 30000, polling: 50 });
      console.log(`workers at load: ${await workerCount(page)}`);
      await threadStarts(page, n);
      await page.close();
    }
  } else {
    // The first frame, on a cold load (fresh browser, nothing cached, nothing listening).
    const cold = await browser.context.newPage();
    await cold.addInitScript(() => {
      const look = () => {
        const m = window.Module;
        if (m && m._il_state && m.UTF8ToString) {
          try {
            if (JSON.parse(m.UTF8ToString(m._il_state())).frames >= 1) { window.__firstFrame = performance.now(); return; }
          } catch { /* not started yet */ }
        }
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await cold.goto(`${site.url}?lesson=race-condition&lang=en`);
    await cold.waitForFunction(() => window.__firstFrame !== undefined, null, { timeout: 30000, polling: 50 });
    const firstFrame = await cold.evaluate(() => window.__firstFrame);
    await cold.close();

    // What the page transfers, with the HTTP cache off so that every byte is counted.
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    const bodies = [];
    page.on('response', async (r) => {
      try { bodies.push({ url: r.url(), body: await r.body() }); } catch { /* redirects, aborted */ }
    });
    await page.goto(`${site.url}?lesson=race-condition&lang=en`);
    await page.waitForFunction(() => window.interleave?.state().ready, null, { timeout: 30000, polling: 50 });
    await page.evaluate(() => window.interleave.select('scratch'));
    await page.waitForTimeout(500);   // late fetches (prose, program)
    // Each resource once: every pthread worker loads the page's script again, which a browser
    // answers from its cache (counted here with the cache off, so only the first load counts).
    let raw = 0, gz = 0, repeats = 0;
    const rows = [];
    const seen = new Set();
    for (const { url, body } of bodies) {
      if (seen.has(url) || body.length === 0) { repeats += 1; continue; }
      seen.add(url);
      const g = gzipSync(body, { level: 9 }).length;
      raw += body.length; gz += g;
      rows.push([new URL(url).pathname, body.length, g]);
    }
    rows.sort((a, b) => b[2] - a[2]);

    console.log(`time to first frame: ${firstFrame.toFixed(0)} ms (goal <= 1000)`);
    console.log(`transfer: ${(gz / 1e6).toFixed(3)} MB gzipped (${(raw / 1e6).toFixed(3)} MB raw, ${rows.length} resources, ${repeats} repeated loads not counted; goal <= 1.5 MB)`);
    for (const [path, r, g] of rows.slice(0, 6)) console.log(`  ${path}: ${(g / 1024).toFixed(0)} KB gzipped (${(r / 1024).toFixed(0)} KB)`);
    console.log(`idle frame time: ${fmt(await frameTimes(page, 2000))}`);

    // 64 threads printing for SECONDS seconds, free mode.
    const printing = page.evaluate((code) => window.interleave.run({ code, mode: 'free', time_scale: 1 }), PRINTERS);
    await page.waitForFunction(() => (window.interleave.state().live?.threads ?? []).length >= 64, null, { timeout: 20000, polling: 100 });
    const printers = await frameTimes(page, Math.max(1000, (SECONDS - 1.5) * 1000));
    const printed = await printing;
    const lines = (printed.stdout.match(/\n/g) ?? []).length;
    console.log(`64 threads printing (free, ${SECONDS} s): ${fmt(printers)}; ${lines} lines printed, status ${printed.status} (goal p95 <= 16.7)`);

    // About a million retained trace events (det, as fast as it goes), then the canvas shows them.
    const t0 = Date.now();
    const locked = await page.evaluate((code) => window.interleave.run({ code, mode: 'det', steps_per_s: 0 }), LOCKS);
    const runMs = Date.now() - t0;
    await page.waitForTimeout(300);
    const big = await frameTimes(page, 5000);
    console.log(`~1M trace events: run took ${runMs} ms (status ${locked.status}, trace_events ${locked.trace_events}); ` +
      `frame time while shown: ${fmt(big)} (goal p95 <= 16.7)`);
    for (const n of [64, 255]) await threadStarts(page, n);
    if (errors.length) console.log(`console errors:\n${errors.join('\n')}`);
  }
} finally {
  await browser.close();
  await site.close();
}
