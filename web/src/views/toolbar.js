// The run controls: Run/Continue, Pause, Step, Reset, mode, seed, speed, time scale, Run x100,
// the trace download, the share button, the language switch, the keyboard (Space = step,
// R = run, Esc = stop) and the toolbar's error line. Input goes to actions; the controls
// repaint from the store on 'run', 'settings', 'seed' and 'lang'.
import { page, subscribe, runEnded, runExists, runStopped, outcomeChoices, runMode } from '../store.js';
import { t, lang, translate } from '../i18n.js';
import { stopRun, run, pause, resume, step, reset, outcomes, exportTrace } from '../actions/run.js';
import { setMode, setSpeed, setTimeScale, setSeedText } from '../actions/settings.js';
import { setLanguage } from '../actions/lesson.js';
import { shareLink } from '../actions/share.js';
import { seedRange } from '../validate.js';

const $ = (id) => document.getElementById(id);

const SPEEDS = [0, 100000, 10000, 1000, 100, 10, 2];       // det steps per second; 0 = max
const TIME_SCALES = [0.1, 0.25, 0.5, 1, 2, 4];

let errorTimer = 0;
// Shows `message` under the toolbar for 8 s ('' hides it).
export function showToolbarError(message) {
  const box = $('toolbar-error');
  box.textContent = message;
  box.hidden = !message;
  clearTimeout(errorTimer);
  if (message) errorTimer = setTimeout(() => { box.hidden = true; }, 8000);
}

const reportErrors = (promise) => promise.catch((e) => showToolbarError(e.message));

function renderLang() {
  translate();
  for (const b of document.querySelectorAll('.lang-switch button'))
    b.setAttribute('aria-pressed', String(b.dataset.lang === lang()));
}

function renderSettings() {
  $('mode').value = page.mode;
  document.body.dataset.mode = page.mode;
  const speed = $('speed');
  const speedValue = String(page.speed);
  const short = (v) => (v >= 1000 ? `${v / 1000}k` : String(v));
  speed.replaceChildren(...SPEEDS.map((v) => new Option(v === 0 ? t('speed_max') : `${short(v)} ${t('steps_per_s')}`, String(v))));
  if (!SPEEDS.includes(page.speed)) speed.add(new Option(`${page.speed} ${t('steps_per_s')}`, speedValue));
  speed.value = speedValue;
  const scale = $('time-scale');
  scale.replaceChildren(...TIME_SCALES.map((v) => new Option(`×${v}`, String(v))));
  if (!TIME_SCALES.includes(page.timeScale)) scale.add(new Option(`×${page.timeScale}`, String(page.timeScale)));
  scale.value = String(page.timeScale);
  const free = $('mode').querySelector('option[value="free"]');
  const threads = page.status === 'ready' ? page.canvas.state().threads_supported
    : self.crossOriginIsolated === true;
  free.disabled = !threads;
  free.title = threads ? '' : t('free_unavailable');
}

function renderSeed() { $('seed').value = page.seed ?? ''; }

function renderButtons() {
  const r = page.run;
  const readyNow = page.status === 'ready';
  const det = page.mode === 'det';
  const exists = runExists(r);
  const stopped = runStopped(r);
  const liveMode = runMode(r);
  $('run').disabled = !readyNow;
  $('run').textContent = stopped && det ? t('resume') : t('run');
  $('pause').disabled = !(readyNow && det && liveMode === 'det' && exists && !runEnded(r) && !stopped);
  $('step').disabled = !readyNow || !det;
  $('reset').disabled = !readyNow || !exists;
  const freeTitle = !det ? t('free_no_pause') : '';
  $('pause').title = freeTitle;
  $('step').title = freeTitle;
  $('run-many').disabled = !readyNow || !det || outcomeChoices().length === 0 || Boolean(r.outcomes?.running);
  $('export-trace').disabled = !readyNow || !exists;
  $('mode-note').textContent = !det ? t('free_no_pause') : '';
  $('mode-note').hidden = det;
}

// Run continues a det run that waits for the learner, else starts a new one.
function onRunButton() {
  if (runStopped(page.run) && page.mode === 'det' && page.run.live?.mode === 'det') {
    resume();
    return;
  }
  reportErrors(run());
}

function downloadTrace() {
  let text;
  try { text = exportTrace(); } catch (e) { showToolbarError(e.message); return; }
  const blob = new Blob([text], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `interleave-${page.lessonId}-trace.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function onShare() {
  let url;
  try { url = shareLink(); } catch (e) { showToolbarError(e.message); return; }   // the address bar keeps what it had
  history.replaceState(null, '', url);
  try { await navigator.clipboard.writeText(url); $('share').textContent = t('share_copied'); } catch { /* no clipboard: the address bar has it */ }
  setTimeout(() => { $('share').textContent = t('share'); }, 1500);
}

function onSeedInput(e) {
  const ok = setSeedText(e.target.value);
  e.target.classList.toggle('invalid', !ok);
  e.target.title = ok ? '' : seedRange();
}

// Space = step, R = run, Esc = stop; never while typing in the editor or a field.
// (Shift+Space and Alt+Space step back: views/explore.js.)
function onKey(e) {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
  const target = e.target;
  if (target instanceof Element && target.closest('.cm-editor, input, select, textarea, [contenteditable="true"]')) return;
  if (page.status !== 'ready') return;
  if (e.key === ' ' && page.mode === 'det' && !e.shiftKey) {   // Shift+Space: back (views/explore.js)
    e.preventDefault();
    reportErrors(step(1));
  } else if (e.key === 'r' || e.key === 'R') {
    e.preventDefault();
    onRunButton();
  } else if (e.key === 'Escape') {
    if (runExists(page.run)) { e.preventDefault(); stopRun(); }
  }
}

function bindControls() {
  $('run').addEventListener('click', onRunButton);
  $('pause').addEventListener('click', () => reportErrors(pause()));
  $('step').addEventListener('click', () => reportErrors(step(1)));
  $('reset').addEventListener('click', () => reportErrors(reset()));
  $('export-trace').addEventListener('click', downloadTrace);
  $('run-many').addEventListener('click', () => reportErrors(outcomes(100)));
  $('mode').addEventListener('change', (e) => setMode(e.target.value));
  $('speed').addEventListener('change', (e) => setSpeed(Number(e.target.value)));
  $('time-scale').addEventListener('change', (e) => setTimeScale(Number(e.target.value)));
  $('seed').addEventListener('input', onSeedInput);
  $('share').addEventListener('click', onShare);
  for (const b of document.querySelectorAll('.lang-switch button')) b.addEventListener('click', () => setLanguage(b.dataset.lang));
  document.addEventListener('keydown', onKey);
}

// The language's words come first: the other views repaint over them.
export function startLanguageView() {
  subscribe(['lang'], renderLang);
}

export function startToolbarView() {
  bindControls();
  subscribe(['settings', 'lang'], renderSettings);
  subscribe(['seed'], renderSeed);
  subscribe(['run', 'settings', 'lang', 'outcome', 'lesson'], renderButtons);
}
