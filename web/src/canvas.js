// Loads the wasm canvas (SDL2 + WebGL2 + ImGui) into #canvas and wraps its il_* API
// (src/app/web/main_web.cpp). Every call returns at once: runs live on the wasm's workers.
// A cross-origin isolated page gets the threaded build (SharedArrayBuffer: free mode, runs
// on workers); any other page the build without threads (det mode, a slice per frame).
export class Canvas {
  constructor(element, onFailure) {
    this.element = element;
    this.module = null;
    this.onFailure = onFailure;
  }

  load(threaded = self.crossOriginIsolated === true) {
    const file = threaded ? 'interleave_web.js' : 'interleave_web_st.js';
    return new Promise((resolve) => {
      this.element.addEventListener('webglcontextlost', (e) => {
        e.preventDefault();
        this.onFailure('WebGL context lost');
      });
      window.Module = {
        canvas: this.element,
        print: (text) => console.log(text),
        printErr: (text) => console.warn(text),
        onAbort: (what) => this.onFailure(String(what)),
        onRuntimeInitialized: () => { this.module = window.Module; resolve(); },
      };
      const script = document.createElement('script');
      script.src = file;
      script.onerror = () => this.onFailure(`could not load ${file}`);
      document.body.appendChild(script);
    });
  }

  call(name, returns, types = [], args = []) { return this.module.ccall(name, returns, types, args); }

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
  stop() { this.call('il_stop', null); }
  speed(stepsPerSecond) { this.call('il_speed', null, ['number'], [stepsPerSecond]); }
  outcomes(runs, result) { return this.call('il_outcomes', 'string', ['number', 'string'], [runs, result]); }
  trace() { return this.call('il_trace', 'string'); }
  setLang(lang) { this.call('il_set_lang', null, ['string'], [lang]); }
}
