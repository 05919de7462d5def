// Step mode: every thread's current line marked in the editor in its colour, and the
// "next step by" thread picker while a det run waits. Repaints on 'run'.
import { page, subscribe, colorOf, runEnded, runExists, runStopped, runMode } from '../store.js';
import { lang } from '../i18n.js';
import { renderThreadPicker, renderCoroutinePicker } from '../runpanel.js';
import { pickThread } from '../actions/settings.js';
import { chooseCoroutine, stepCoroutine } from '../actions/run.js';
import { showToolbarError } from './toolbar.js';

const $ = (id) => document.getElementById(id);

let lastMarks = 0;       // when the marks were last moved (a slow run moves them 10 times a second)
let markedSession = 0;   // the run the marks belong to

function renderStepping() {
  const r = page.run;
  const picker = $('thread-picker');
  const live = r.live;
  const liveMode = runMode(r);
  if (r.session !== markedSession) {   // a new run (or none): the old run's marks go
    markedSession = r.session;
    lastMarks = 0;
    page.editor.markThreads([]);
  }
  if (!(runExists(r) && !runEnded(r) && live && liveMode === 'det')) {
    if (!(runExists(r) && !runEnded(r))) page.editor.markThreads([]);   // the run is over or gone
    picker.hidden = true;
    $('coroutine-picker').hidden = true;
    return;
  }
  const stopped = runStopped(r);
  const now = performance.now();
  const slow = page.speed > 0 && page.speed <= 1000;
  if (stopped || (slow && now - lastMarks > 100)) {
    lastMarks = now;
    const marks = live.threads.filter((th) => th.line > 0 && th.state !== 'done')
      .map((th) => ({ line: th.line, tid: th.tid, name: th.name, color: colorOf(th.tid) }));
    page.editor.markThreads(marks, { follow: true });
  }
  if (!stopped) { picker.hidden = true; $('coroutine-picker').hidden = true; return; }
  renderCoroutines(live);
  const pickerKey = JSON.stringify([lang(), live.threads, live.runnable, page.picked]);
  if (picker.hidden || picker.dataset.key !== pickerKey) {
    picker.dataset.key = pickerKey;
    renderThreadPicker(picker, {
      threads: live.threads, runnable: live.runnable, picked: page.picked, colorOf, onPick: pickThread,
    });
  }
  picker.hidden = false;
}

// A refused click (the run moved on meanwhile) is said where the toolbar says errors.
const quietly = (promise) => promise.catch((err) => showToolbarError(String(err?.message ?? err)));

function renderCoroutines(live) {
  const root = $('coroutine-picker');
  const shown = live.threads.filter((th) => th.ready && th.state !== 'done');
  const key = JSON.stringify([lang(), shown]);
  if (root.dataset.key !== key) {
    root.dataset.key = key;
    renderCoroutinePicker(root, {
      threads: shown, colorOf,
      onChoose: (tid, index) => quietly(chooseCoroutine(tid, index)),
      onStep: (tid) => quietly(stepCoroutine(tid)),
    });
  }
  root.hidden = shown.length === 0;
}

export function startSteppingView() {
  subscribe(['run', 'lang', 'settings'], renderStepping);
}
