// The drag handle between the lesson column (prose, parameters, editor) and the canvas: the
// learner gives either side more room; the width is remembered in localStorage. Keyboard:
// arrow keys move it by 20 px, Home puts the default back. The canvas follows its container
// (main_web.cpp fit_canvas_to_stage), so nothing else needs telling.
const KEY = 'interleave.workbench_width';
const MIN = 300;              // the editor stays usable
const MIN_CANVAS = 420;       // and so does the canvas

const $ = (id) => document.getElementById(id);

// The width `want` kept inside what the window allows (null: the stylesheet's default).
export function clampWidth(want, windowWidth, sidebarWidth) {
  if (want === null || !Number.isFinite(want)) return null;
  const max = Math.max(MIN, windowWidth - sidebarWidth - MIN_CANVAS);
  return Math.round(Math.min(Math.max(want, MIN), max));
}

function stored() {
  try { const v = Number(localStorage.getItem(KEY)); return v > 0 ? v : null; } catch { return null; }
}

function apply(width, remember) {
  const bench = document.querySelector('.workbench');
  const sidebar = document.querySelector('.sidebar');
  const w = clampWidth(width, window.innerWidth, sidebar?.offsetWidth ?? 0);
  bench.style.width = w === null ? '' : `${w}px`;
  $('split').setAttribute('aria-valuenow', String(Math.round(bench.getBoundingClientRect().width)));
  if (!remember) return;
  try { if (w === null) localStorage.removeItem(KEY); else localStorage.setItem(KEY, String(w)); } catch { /* private mode: not remembered */ }
}

function onDrag(down) {
  const handle = $('split');
  const bench = document.querySelector('.workbench');
  const start = bench.getBoundingClientRect().width;
  handle.setPointerCapture(down.pointerId);
  document.body.classList.add('resizing');
  const move = (e) => apply(start + e.clientX - down.clientX, false);
  const up = (e) => {
    handle.removeEventListener('pointermove', move);
    handle.removeEventListener('pointerup', up);
    document.body.classList.remove('resizing');
    apply(start + e.clientX - down.clientX, true);
  };
  handle.addEventListener('pointermove', move);
  handle.addEventListener('pointerup', up);
  down.preventDefault();
}

function onKey(e) {
  const bench = document.querySelector('.workbench');
  const now = bench.getBoundingClientRect().width;
  if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') apply(now + (e.key === 'ArrowLeft' ? -20 : 20), true);
  else if (e.key === 'Home') apply(null, true);
  else return;
  e.preventDefault();
}

// Not in the embed: there the side column is fixed and the canvas takes the rest.
export function startSplit(embed) {
  const handle = $('split');
  if (embed) { handle.hidden = true; return; }
  handle.addEventListener('pointerdown', onDrag);
  handle.addEventListener('dblclick', () => apply(null, true));
  handle.addEventListener('keydown', onKey);
  apply(stored(), false);
  window.addEventListener('resize', () => apply(stored(), false));
}
