// What the next run uses: mode, seed, pace, limits, parameter values, the thread Step prefers,
// the result Run x100 collects; and which panel shows. run(opts) applies its options here
// first, so that what runs is also what the page shows and shares.
import { page, changed, currentLesson, runEnded, runExists } from '../store.js';
import { t } from '../i18n.js';
import { clip } from '../text.js';
import { stdinTooBig } from '../limits.js';
import { MODES, RUN_LIMITS, choiceError, parseLessonParams, runLimit, seedError, seedValid } from '../validate.js';
import { SCHEDULER_NAMES, boundError, boundSettings, lessonScheduler, schedulerValue } from '../scheduler.js';

export function setMode(mode) {
  page.mode = mode;
  changed('settings', 'run');
}

// The det pace (steps per second, 0 = as fast as it goes); a det run going on takes it now.
export function setSpeed(stepsPerSecond) {
  page.speed = stepsPerSecond;
  if (page.canvas?.module && runExists(page.run) && !runEnded(page.run)) page.canvas.speed(page.speed);
}

export function setTimeScale(scale) { page.timeScale = scale; }

// The seed field's text: taken when valid ('' = the lesson's own seed); returns whether it was.
export function setSeedText(text) {
  const s = text.trim();
  const ok = s === '' || seedValid(s);
  if (ok) page.seed = s === '' ? null : s;
  return ok;
}

// A parameter that sets a scheduler setting (binds) repaints the scheduler group too.
export function setParam(name, value) {
  page.values[name] = value;
  if (Object.values(boundSettings(currentLesson())).includes(name)) changed('settings');
}

// A det scheduler setting (scheduler.js) for the next runs; the lesson's own value (or null)
// clears the choice, so a share link carries only what the learner changed. Throws on an
// invalid value, naming the range, and on a setting the lesson's parameters set.
export function setScheduler(name, value) {
  if (value === null || value === undefined) delete page.scheduler[name];
  else {
    const read = schedulerValue(name, value);
    if (read.error) throw new Error(read.error);
    const bound = boundError(currentLesson(), name);
    if (bound) throw new Error(bound);
    if (read.value === lessonScheduler(currentLesson(), page.values)[name]) delete page.scheduler[name];
    else page.scheduler[name] = read.value;
  }
  changed('settings');
}

// What input() reads in the next run; too much is kept (the box shows it) but refused at Run.
export function setStdin(text) {
  page.stdin = text;
  changed('stdin');
}

export function pickThread(tid) {
  page.picked = tid;
  changed('run');
}

export function setOutcomeResult(name) {
  page.outcomeResult = name;
  changed('outcome');
}

export function showTab(name) {
  page.tab = name;
  changed('tab');
}

// Validates and applies run(opts)'s options; throws on the first invalid one (named, with
// its valid range).
export function applyRunOptions(opts) {
  if (opts.mode !== undefined) applyMode(opts.mode);
  if (opts.seed !== undefined) {
    const s = opts.seed === null ? '' : String(opts.seed);
    if (s !== '' && !seedValid(s)) throw new Error(seedError(s));
    page.seed = s === '' ? null : s;
    changed('seed');
  }
  if (opts.time_scale !== undefined) {
    const v = Number(opts.time_scale);
    if (!(v > 0 && v <= 100)) throw new Error(`time_scale must be a number above 0 and at most 100, got '${clip(opts.time_scale)}'`);
    page.timeScale = v;
  }
  if (opts.steps_per_s !== undefined) {
    const v = Number(opts.steps_per_s);
    if (!(v >= 0)) throw new Error(`steps_per_s must be 0 (as fast as possible) or more, got '${clip(opts.steps_per_s)}'`);
    page.speed = v;
  }
  for (const name of Object.keys(RUN_LIMITS)) {
    if (opts[name] === undefined) continue;
    if (opts[name] === null) { delete page.limits[name]; continue; }
    const limit = runLimit(name, opts[name]);
    if (limit.error) throw new Error(limit.error);
    page.limits[name] = limit.value;
  }
  for (const name of SCHEDULER_NAMES) if (opts[name] !== undefined) setScheduler(name, opts[name]);
  if (opts.params) {
    const { values, problems } = parseLessonParams(page.canvas, currentLesson(), opts.params, page.values);
    if (problems.length) throw new Error(problems[0]);
    page.values = values;
    changed('params');
  }
  if (opts.stdin !== undefined) {
    const text = opts.stdin === null ? '' : opts.stdin;
    if (typeof text !== 'string') throw new Error(`stdin must be text (the lines input() reads), got '${clip(opts.stdin)}'`);
    const tooBig = stdinTooBig(text);
    if (tooBig) throw new Error(tooBig);
    setStdin(text);
  }
  if (typeof opts.code === 'string' && opts.code !== page.editor.text()) page.editor.load(opts.code, page.editor.original);
  changed('settings');
}

function applyMode(mode) {
  const error = choiceError('mode', mode, MODES);
  if (error) throw new Error(error);
  if (mode === 'free' && !page.canvas.state().threads_supported) throw new Error(t('free_unavailable'));
  setMode(mode);
}
