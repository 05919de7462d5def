// Step back and Find in the toolbar: a "Step back" button beside Step (Shift+Space or
// Alt+Space), a "Find failing schedule" button with the search's progress under the toolbar.
// Input goes to actions/explore.js; repaints on 'run', 'settings', 'lang' and 'explore'.
import { page, subscribe, runExists } from '../store.js';
import { t } from '../i18n.js';
import { fill } from '../explore_text.js';
import { stepBack, explore, stopExplore } from '../actions/explore.js';
import { showToolbarError } from './toolbar.js';

const $ = (id) => document.getElementById(id);
const reportErrors = (promise) => promise.catch((e) => showToolbarError(e.message));

function makeButton(id, after) {
  const b = document.createElement('button');
  b.type = 'button';
  b.id = id;
  b.disabled = true;
  after.after(b);
  return b;
}

function renderButtons() {
  const readyNow = page.status === 'ready';
  const det = page.mode === 'det';
  const r = page.run;
  const searching = Boolean(page.explore?.running);
  const back = $('step-back');
  back.textContent = t('step_back');
  back.title = t('step_back_title');
  back.disabled = !(readyNow && det && runExists(r) && r.live?.mode === 'det' && r.live.steps > 0) || searching;
  const find = $('find');
  find.textContent = searching ? t('find_stop') : t('find');
  find.title = t('find_title');
  find.disabled = !readyNow || !det;
  find.classList.toggle('busy', searching);
}

function failureText(f) {
  if (!f) return '';
  if (f.kind === 'check') return f.message || f.name;
  return f.message.split('\n')[0];
}

function renderStatus() {
  const box = $('explore-status');
  const e = page.explore;
  if (!e) { box.hidden = true; return; }
  box.hidden = false;
  const rate = Math.round(e.per_second ?? 0);
  if (e.running) {
    box.textContent = fill(t('find_progress'), { tried: e.tried, rate, strategy: e.strategy });
    box.dataset.kind = 'running';
    return;
  }
  const res = e.result;
  let text;
  if (e.error) text = e.error;
  else if (!res || res.cancelled) text = fill(t('find_stopped'), { tried: e.tried });
  else if (res.found) text = fill(t('find_found'), { tried: res.tried, preemptions: res.preemptions, failure: failureText(res.failure) });
  else if (res.exhausted) text = fill(t('find_none'), { bound: res.max_preemptions, tried: res.tried });
  else text = fill(t('find_budget'), { tried: res.tried });
  box.textContent = `${text} (${fill(t('find_progress'), { tried: res?.tried ?? e.tried, rate: Math.round(res?.per_second ?? rate), strategy: res?.strategy ?? e.strategy })})`;
  box.dataset.kind = e.error ? 'error' : res?.found ? 'found' : 'none';
}

function onFind() {
  if (page.explore?.running) { stopExplore(); return; }
  reportErrors(explore({ strategy: 'exhaustive', max_preemptions: 2, budget: 20000 }));
}

// Shift+Space / Alt+Space: one step back; never while typing.
function onKey(e) {
  if (e.key !== ' ' || !(e.shiftKey || e.altKey) || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
  const target = e.target;
  if (target instanceof Element && target.closest('.cm-editor, input, select, textarea, [contenteditable="true"]')) return;
  if (page.status !== 'ready' || page.mode !== 'det') return;
  e.preventDefault();
  reportErrors(stepBack(1));
}

export function startExploreView() {
  const back = makeButton('step-back', $('step'));
  const find = makeButton('find', $('run-many').closest('.field') ?? $('run-many'));
  find.classList.add('det-only');
  const status = document.createElement('div');
  status.id = 'explore-status';
  status.className = 'row note explore-status';
  status.setAttribute('aria-live', 'polite');
  status.hidden = true;
  $('thread-picker').before(status);
  back.addEventListener('click', () => reportErrors(stepBack(1)));
  find.addEventListener('click', onFind);
  document.addEventListener('keydown', onKey);
  subscribe(['run', 'settings', 'lang', 'explore'], renderButtons);
  subscribe(['explore', 'lang'], renderStatus);
}
