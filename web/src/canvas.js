// Loads the wasm canvas (SDL2 + WebGL2 + ImGui) into #canvas and reads its state.
// It needs cross-origin isolation (SharedArrayBuffer) because it runs real threads.
export class Canvas {
  constructor(element, onFailure) {
    this.element = element;
    this.module = null;
    this.onFailure = onFailure;
  }

  load() {
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
      script.src = 'interleave_web.js';
      script.onerror = () => this.onFailure('could not load interleave_web.js');
      document.body.appendChild(script);
    });
  }

  // The wasm side's state (frames, worker counter, build), or { ready: false } before it runs.
  state() {
    if (!this.module) return { ready: false };
    return JSON.parse(this.module.UTF8ToString(this.module._il_state()));
  }
}
