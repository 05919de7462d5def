// The page's state in one object, and who is told when part of it changes.
// Data goes one way: actions (actions/*) write the state and call changed(topic); views
// (views/*) subscribe to topics and repaint from the state; the public API (api.js) and the
// embed bridge sit on the actions. Views never write the state themselves: input goes to an
// action. Topics:
//   lessons   the catalogue or the selected lesson (the sidebar)
//   lesson    the selected lesson's title, summary, prose and parameter controls
//   params    the parameter values were set from outside (the controls are rebuilt)
//   settings  mode, speed, time scale, what free mode needs (the run controls)
//   seed      the seed was set from outside (the seed field)
//   run       the run, the page's status or the mode (buttons, status line, report, marks)
//   outcome   the result Run x100 collects
//   tab       which of the lesson and run panels shows
//   notices   the notices over the canvas
//   lang      the page's language
//   stdin     the standard input was set (the box)
import { SCRATCH_ID } from './url.js';
import { ENDED, threadColor } from './runpanel.js';

// Det run statuses in which the run waits for the learner.
export const STOPPED = new Set(['paused', 'awaiting-choice']);

export const SCRATCH = {
  id: SCRATCH_ID, part: 0, params: [], results: [], checks: [], run: {},
  title: { zh: '草稿', en: 'Scratch' }, summary: { zh: '', en: '' },
};

const idleRun = () => ({ session: 0, status: 'idle', live: null, report: null, outcomes: null, error: null });

export const page = {
  status: 'loading',      // loading | ready | error (not isolated: ready, det only)
  error: null,
  lessons: [],
  lessonId: null,
  prose: '',               // the selected lesson's prose (Markdown) in the page's language
  values: {},              // parameter values of the selected lesson
  mode: 'det',
  seed: null,              // null: the lesson's own seed
  speed: 0,                // det playback pace (steps/s, 0 = as fast as it goes)
  timeScale: 1,            // free: sleeps scaled by this
  stdin: '',               // what input() reads (the Standard input box, run({stdin}))
  limits: {},              // memory_mb, time_limit_s given to run(); absent: the host's defaults
  scheduler: {},           // det settings the learner chose (scheduler.js); absent: the lesson's own
  dropped: [],             // parameters the last request left out (not constants of its code)
  picked: 0,               // the thread Step prefers (0 = any)
  outcomeResult: '',       // the result Run x100 collects ('' when the lesson declares none)
  tab: 'lesson',
  embed: false,
  notices: [],
  files: new Map(),        // "id/name" -> text
  canvas: null,            // the wasm (canvas.js) once start() made it
  editor: null,            // the program editor (editor.js): the program's text lives there
  answered: new Set(),     // lessons whose prediction answer shows (run once, or opened)
  explore: null,           // Find: the search's state (il_explore_state), once one ran
  challenge: null,         // the challenge played: { lesson, id, attempts, solved, steps, broke }
  programKept: false,      // the language changed while the program was edited: the edit stayed
  // The current run as the page last polled it.
  run: idleRun(),
  tids: [],                // every tid seen in the current run, for the colours
  endedSession: 0,         // the last session whose 'end' was emitted
};

export { idleRun };

// ---------------------------------------------------------------- subscriptions

const subscribers = [];   // { topics: Set, fn }

// Calls `fn()` after every change to one of `topics`; returns the unsubscribe function.
export function subscribe(topics, fn) {
  const entry = { topics: new Set(topics), fn };
  subscribers.push(entry);
  return () => { const i = subscribers.indexOf(entry); if (i >= 0) subscribers.splice(i, 1); };
}

// Tells the subscribers of any of `topics`, each once, in the order they subscribed.
export function changed(...topics) {
  for (const s of [...subscribers]) if (topics.some((t) => s.topics.has(t))) s.fn();
}

// ---------------------------------------------------------------- API events

const listeners = {};   // event -> [fn]

// window.interleave.on(event, fn): returns the function that removes the listener.
export function on(event, fn) {
  (listeners[event] ??= []).push(fn);
  return () => { const l = listeners[event]; const i = l.indexOf(fn); if (i >= 0) l.splice(i, 1); };
}

// One listener's exception is logged, never lost to the others.
export function emit(event, data) {
  for (const fn of [...(listeners[event] ?? [])]) {
    try { fn(data); } catch (e) { console.error(e); }
  }
}

// ---------------------------------------------------------------- readiness

let settle;
// Resolves once the canvas draws; rejects when the page failed to load.
export const ready = new Promise((resolve, reject) => { settle = { resolve, reject }; });
ready.catch(() => {});
export const markReady = () => settle.resolve();
export const markFailed = (error) => settle.reject(error);

// ---------------------------------------------------------------- derived values

export const lessonById = (id) => page.lessons.find((l) => l.id === id) ?? null;
export const currentLesson = () => (page.lessonId === SCRATCH_ID ? SCRATCH : lessonById(page.lessonId));

// Over, and the report is in ('failed': the host may have none to give).
export const runEnded = (run) => ENDED.has(run.status) && (run.report !== null || run.status === 'failed');
export const runExists = (run) => run.session !== 0 && run.status !== 'idle';
// A det run that waits for the learner (and so resumes on Run).
export const runStopped = (run) => STOPPED.has(run.status);

// The colour of thread `tid`: by its place among the run's threads, as the canvas does.
export const colorOf = (tid) => threadColor(Math.max(0, page.tids.indexOf(tid)));

// The results Run x100 can collect: the lesson's, less those the last report shows are not
// numbers (or booleans).
export function outcomeChoices() {
  const lesson = currentLesson();
  if (!lesson) return [];
  const numeric = (name) => {
    const v = page.run.report?.results?.[name];
    return v === undefined || typeof v === 'number' || typeof v === 'boolean';
  };
  return lesson.results.filter((r) => numeric(r.name));
}

// The result Run x100 collects: the one chosen while the lesson offers it, else its first.
export function selectedOutcome() {
  const names = outcomeChoices().map((r) => r.name);
  return names.includes(page.outcomeResult) ? page.outcomeResult : names[0] ?? '';
}

// The mode of run `run` (its live state's or report's), else the mode selected for the next.
export const runMode = (run) => run.live?.mode ?? run.report?.mode ?? page.mode;
