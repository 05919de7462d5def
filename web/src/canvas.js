// Loads the wasm canvas (SDL2 + WebGL2 + ImGui) into #canvas and wraps its il_* API
// (src/app/web/main_web.cpp). Every call returns at once: runs live on the wasm's workers.
// A cross-origin isolated page gets the threaded build (SharedArrayBuffer: free mode, runs
// on workers); any other page the build without threads (det mode, a slice per frame).
import { WorkerPool } from './workers.js';

export class Canvas {
  constructor(element, onFailure) {
    this.element = element;
    this.module = null;
    this.onFailure = onFailure;
    this.workers = null;
    this.loaded = null;   // load()'s promise: resolves once the module runs
  }

  load(threaded = self.crossOriginIsolated === true) {
    const file = threaded ? 'interleave_web.js' : 'interleave_web_st.js';
    this.loaded = new Promise((resolve) => {
      this.element.addEventListener('webglcontextlost', (e) => {
        e.preventDefault();
        this.onFailure('WebGL context lost');
      });
      window.Module = {
        canvas: this.element,
        print: (text) => console.log(text),
        printErr: (text) => console.warn(text),
        onAbort: (what) => this.onFailure(String(what)),
        onRuntimeInitialized: () => {
          this.module = window.Module;
          if (this.module.PThread) this.workers = new WorkerPool(this.module.PThread, (n) => this.parkThreads(n));
          resolve();
        },
      };
      const script = document.createElement('script');
      script.src = file;
      script.onerror = () => this.onFailure(`could not load ${file}`);
      document.body.appendChild(script);
    });
    return this.loaded;
  }

  // Calls il_`name`. String arguments go on the wasm heap (malloc, freed after the call):
  // ccall's 'string' type copies onto the C stack, which a big program overflows.
  call(name, returns, types = [], args = []) {
    const m = this.module;
    const held = [];
    try {
      const values = args.map((a, i) => {
        if (types[i] !== 'string') return a;
        const size = m.lengthBytesUTF8(a) + 1;
        const ptr = m._malloc(size);
        if (!ptr) throw new Error(`the page is out of memory: cannot pass ${size} bytes to the canvas`);
        held.push(ptr);
        m.stringToUTF8(a, ptr, size);
        return ptr;
      });
      return m.ccall(name, returns, types.map((t) => (t === 'string' ? 'number' : t)), values);
    } finally {
      for (const ptr of held) m._free(ptr);
    }
  }

  // The wasm side's state (frames, worker counter, build, run), or { ready: false } before it runs.
  state() {
    if (!this.module) return { ready: false };
    return JSON.parse(this.call('il_state', 'string'));
  }

  // The same without the live schedule token, which grows with a det run: for polling.
  poll() {
    if (!this.module) return { ready: false };
    return JSON.parse(this.call('il_poll', 'string'));
  }

  start(request) { return this.call('il_start', 'string', ['string'], [JSON.stringify(request)]); }
  pause() { this.call('il_pause', null); }
  resume() { this.call('il_resume', null); }
  step(n, tid = 0) { this.call('il_step', null, ['number', 'number'], [n, tid]); }
  // Det step mode within a thread: the ready coroutine at `index` runs next on thread `tid`;
  // one coroutine's turn of thread `tid` (RunHost::choose_coroutine / step_coroutine).
  chooseCoroutine(tid, index) { this.call('il_choose_coroutine', null, ['number', 'number'], [tid, index]); }
  stepCoroutine(tid) { this.call('il_step_coroutine', null, ['number'], [tid]); }
  stop() { this.call('il_stop', null); }
  speed(stepsPerSecond) { this.call('il_speed', null, ['number'], [stepsPerSecond]); }
  // Keeps n threads parked for a free run's threads (web/src/workers.js).
  parkThreads(n) { this.call('il_park_threads', null, ['number'], [n]); }
  outcomes(runs, result) { return this.call('il_outcomes', 'string', ['number', 'string'], [runs, result]); }
  trace() { return this.call('il_trace', 'string'); }
  // Det: back to step `step` of the current run (replayed), paused; see actions/explore.js.
  seek(step) { this.call('il_seek', null, ['number'], [step]); }
  // Find: starts the search ("" or the error), stops it, and its state.
  explore(request) { return this.call('il_explore', 'string', ['string'], [JSON.stringify(request)]); }
  exploreStop() { this.call('il_explore_stop', null); }
  exploreState() { return JSON.parse(this.call('il_explore_state', 'string')); }
  setLang(lang) { this.call('il_set_lang', null, ['string'], [lang]); }
  // Lesson `lessonId`'s parameters from `texts` ({ name: text }), read as the CLI's --set reads
  // them: { values: { name: value }, problems: [message] }.
  readParams(lessonId, texts) {
    if (!this.module) throw new Error('the page is still loading: parameters can be read once it is ready');
    return JSON.parse(this.call('il_read_params', 'string', ['string', 'string'], [lessonId, JSON.stringify(texts)]));
  }
  // The top-level constants (NAME = literal) of `source`, by name.
  constants(source) { return JSON.parse(this.call('il_constants', 'string', ['string'], [source])); }
  // Bytes of wasm memory (it grows, never shrinks).
  memoryBytes() { return this.module?.wasmMemory?.buffer.byteLength ?? this.module?.HEAP8?.buffer.byteLength ?? 0; }
}
