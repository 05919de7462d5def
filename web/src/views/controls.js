// The "Scheduler" group of the toolbar: switch points, the GIL, virtual cores and the virtual
// CPU speed for det runs (scheduler.js has the ranges). The summary shows what the next run
// uses; the fields open under it. In free mode the group is inactive and says why. Input goes
// to setScheduler; the group repaints from the store on 'settings', 'lesson' and 'lang'.
import { page, subscribe, currentLesson } from '../store.js';
import { t } from '../i18n.js';
import { setScheduler } from '../actions/settings.js';
import { SCHEDULER_NAMES, boundSettings, effectiveScheduler, lessonScheduler, schedulerValue } from '../scheduler.js';
import { showToolbarError } from './toolbar.js';
import { schedulerText } from '../runpanel.js';

const $ = (id) => document.getElementById(id);
const field = (name) => $(`sched-${name}`);

function render() {
  const lesson = currentLesson();
  if (!lesson) return;
  const own = lessonScheduler(lesson, page.values);
  const now = effectiveScheduler(lesson, page.scheduler, page.values);
  const bound = boundSettings(lesson);
  const free = page.mode === 'free';
  for (const o of field('gil').options) o.textContent = t(o.value === 'on' ? 'gil_on' : 'gil_off');
  for (const name of SCHEDULER_NAMES) {
    const input = field(name);
    if (document.activeElement !== input) { input.value = String(now[name]); input.classList.remove('invalid'); }
    // A setting a lesson parameter sets shows that parameter's value; the parameter changes it.
    input.disabled = free || Boolean(bound[name]);
    const changed = page.scheduler[name] !== undefined && !bound[name];
    input.closest('.field').classList.toggle('changed', changed);
    input.closest('.field').classList.toggle('bound', Boolean(bound[name]));
    input.closest('.field').dataset.lessonValue = String(own[name]);
    if (bound[name]) input.title = t('sched_bound').replace('{param}', bound[name]);
    else input.title = changed ? `${t('sched_lesson')}: ${own[name]}` : '';
  }
  const box = $('scheduler');
  box.classList.toggle('inactive', free);
  const chosen = Object.keys(page.scheduler).filter((name) => !bound[name]);
  box.classList.toggle('changed', chosen.length > 0);
  box.querySelector('summary').title = free ? t('scheduler_free') : t('scheduler_title');
  $('scheduler-summary').textContent = schedulerText(now, false);
  $('scheduler-free').hidden = !free;
  const params = Object.values(bound);
  $('scheduler-bound').hidden = free || params.length === 0;
  $('scheduler-bound').textContent = t('sched_bound_note').replace('{params}', params.join(', '));
  $('sched-reset').disabled = free || chosen.length === 0;
}

// A number field takes its value once it is valid; until then it is marked with the range.
function onInput(name, e) {
  const read = schedulerValue(name, e.target.value);
  e.target.classList.toggle('invalid', Boolean(read.error));
  e.target.title = read.error ?? '';
  if (read.error) return;
  try { setScheduler(name, read.value); } catch (err) { showToolbarError(err.message); }
}

function bind() {
  for (const name of SCHEDULER_NAMES) {
    const input = field(name);
    input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', (e) => onInput(name, e));
    input.addEventListener('blur', render);
  }
  $('sched-reset').addEventListener('click', () => { for (const name of SCHEDULER_NAMES) setScheduler(name, null); });
  // The popover closes on a click elsewhere and on Escape.
  document.addEventListener('click', (e) => { if (!$('scheduler').contains(e.target)) $('scheduler').open = false; });
  $('scheduler').addEventListener('keydown', (e) => { if (e.key === 'Escape') $('scheduler').open = false; });
}

export function startControlsView() {
  bind();
  subscribe(['settings', 'lesson', 'lang'], render);
}
