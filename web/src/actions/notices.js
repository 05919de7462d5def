// Notices over the canvas, and the page's load failure.
import { page, changed, markFailed } from '../store.js';

// notice: { kind: 'warn' | 'error', titleKey, textKey, vars, items: [text], dismissable }.
export function notify(notice) {
  page.notices.push(notice);
  changed('notices');
}

export function dismiss(notice) {
  const i = page.notices.indexOf(notice);
  if (i >= 0) page.notices.splice(i, 1);
  changed('notices');
}

// The page cannot run (the wasm or WebGL failed): said once over the canvas, and every
// waiting call rejects with `message`.
export function fail(message) {
  page.status = 'error';
  page.error = String(message);
  notify({ kind: 'error', titleKey: 'load_failed_title', textKey: null, items: [page.error] });
  markFailed(new Error(page.error));
  changed('run');
}
