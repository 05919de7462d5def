// Keeps Emscripten's pthread workers ahead of a free run's thread starts and gives them back
// after it. Emscripten (3.1.6) makes a worker when a thread starts and none is idle: the
// thread then waits for the worker to load (~50 ms each, all on the page's main thread at
// once), and every worker it ever made stays until the page reloads.
// Here workers are made ahead of need, a few per frame, and idle ones beyond a small pool are
// ended once no free run needs them. While free mode is chosen, the wasm also keeps PARKED
// of its threads parked on workers (il_park_threads), so that a run's threads start on them
// at once: a thread started by the program otherwise goes through the page's main thread.
//
//   const pool = new WorkerPool(Module.PThread, (n) => canvas.parkThreads(n));
//   pool.want(16);            // a free run starts: have 16 idle workers soon
//   pool.frame(live, free);   // each frame: top up while `live`, trim once it is not;
//                             // keep threads parked while free mode is chosen
//   pool.counts();            // { idle, running, loading, total }

// Idle workers kept between runs: what the page has idle after loading (the build's
// PTHREAD_POOL_SIZE of 8, less the counter's and the run host's driver's).
export const KEEP_IDLE = 6;
// While a free run lives, fewer idle workers than this starts another batch.
export const LOW_WATER = 8;
// Workers started per frame: each costs the main thread a few ms.
export const PER_FRAME = 4;
// Never more workers than the runtime's thread limit (255 program threads) and the host's.
export const MAX_WORKERS = 272;
// How long after the last free run the extra idle workers live (a next run may reuse them).
export const TRIM_AFTER_MS = 2000;
// Threads kept parked while free mode is chosen (the lessons start 2 to 16), and how often the
// wasm is reminded (its parked threads end 5 s after the last reminder).
export const PARKED = 8;
export const PARK_EVERY_MS = 1000;

export class WorkerPool {
  constructor(pthread, park = () => {}) {
    this.pt = pthread;
    this.park = park;
    this.loading = 0;
    this.wanted = 0;          // idle workers to reach, made PER_FRAME at a time
    this.lastLive = 0;        // when a free run was last seen
    this.lastPark = -Infinity;
  }

  counts() {
    const idle = this.pt.unusedWorkers.length, running = this.pt.runningWorkers.length;
    return { idle, running, loading: this.loading, total: idle + running + this.loading };
  }

  // Asks for `n` idle workers; they are made over the next frames.
  want(n) { this.wanted = Math.max(this.wanted, Math.min(n, MAX_WORKERS)); }

  // Once per frame: `live` tells whether a free run is going on, `chosen` whether free mode
  // is the page's mode (a free run may come).
  frame(live, chosen = false, now = performance.now()) {
    if (chosen && now - this.lastPark >= PARK_EVERY_MS) {
      this.lastPark = now;
      this.park(PARKED);
    }
    if (live) {
      this.lastLive = now;
      this.want(LOW_WATER);
      this.grow();
    } else {
      this.wanted = 0;
      if (now - this.lastLive >= TRIM_AFTER_MS) this.trim(KEEP_IDLE);
    }
  }

  // Starts up to PER_FRAME workers while there are fewer idle (or loading) than wanted.
  grow() {
    for (let i = 0; i < PER_FRAME; ++i) {
      const c = this.counts();
      if (c.idle + c.loading >= this.wanted || c.total >= MAX_WORKERS) break;
      this.start();
    }
  }

  // A worker joins the idle list only once loaded: a thread given a loading worker waits.
  start() {
    this.pt.allocateUnusedWorker();
    const worker = this.pt.unusedWorkers.pop();
    this.loading += 1;
    this.pt.loadWasmModuleToWorker(worker, () => {
      this.loading -= 1;
      this.pt.unusedWorkers.push(worker);
    });
  }

  // Ends idle workers beyond `keep` (their JS heaps and wasm instances go back).
  trim(keep) {
    const idle = this.pt.unusedWorkers;
    while (idle.length > keep) idle.shift().terminate();
  }
}
