// Following the run in the wasm: the page polls its state each frame while anything goes on
// (a run, a step, Run x100), takes it into the store, tells the views, settles the calls
// waiting for a state and emits 'end' once per run.
import { page, changed, emit, runEnded, runExists, runStopped, idleRun } from '../store.js';
import { endReason } from '../runpanel.js';
import { snapshot } from './snapshot.js';
import { showTab } from './settings.js';

let waiters = [];          // { test(run), resolve, urgent }
let polling = false;
let lastPoll = 0;
let pollEvery = 0;         // ms between polls (0: every frame)

// Takes in a polled run state (null: no run) and the tids it shows.
export function absorb(run) {
  const r = run ?? idleRun();
  page.run = { ...page.run, session: r.session, status: r.status, live: r.live, report: r.report, outcomes: r.outcomes };
  for (const th of r.live?.threads ?? []) if (!page.tids.includes(th.tid)) page.tids.push(th.tid);
  for (const th of r.report?.threads ?? []) if (th.ident && !page.tids.includes(th.ident)) page.tids.push(th.ident);
  page.tids.sort((a, b) => a - b);
}

// Reads the wasm's run state now.
export const pollNow = () => absorb(page.canvas.poll().run);

// Resolves with the run once `test(run)` holds; `urgent` polls every frame meanwhile.
export function waitFor(test, { urgent = false } = {}) {
  return new Promise((resolve) => {
    waiters.push({ test, resolve, urgent });
    poll();
  });
}

export function settleWaiters() {
  const keep = [];
  for (const w of waiters) if (w.test(page.run)) w.resolve(page.run); else keep.push(w);
  waiters = keep;
}

// A run that was going on when it was stopped or replaced still ends for the listeners.
export function endedBy(run, reason) {
  if (!runExists(run) || runEnded(run) || page.endedSession === run.session) return;
  page.endedSession = run.session;
  emit('end', { ...snapshot(), session: run.session, reason });
}

// Starts the frame loop that polls while anything goes on (it stops by itself after).
export function poll() {
  if (polling || !page.canvas?.module) return;
  polling = true;
  requestAnimationFrame(tick);
}

function tick() {
  // A poll copies the run's state out of the wasm: cheap, except for a long det run whose
  // schedule has grown; then poll every 100 ms instead of every frame (steps still wait
  // for every frame).
  const now = performance.now();
  const urgent = waiters.some((w) => w.urgent) || runStopped(page.run);
  if (!urgent && now - lastPoll < pollEvery) { requestAnimationFrame(tick); return; }
  lastPoll = now;
  pollNow();
  pollEvery = performance.now() - now > 2 ? 100 : 0;
  const r = page.run;
  if (runEnded(r) && page.endedSession !== r.session) finish(r);
  else changed('run');
  settleWaiters();
  const busy = (runExists(r) && !runEnded(r)) || waiters.length > 0 || r.outcomes?.running;
  if (busy) requestAnimationFrame(tick); else polling = false;
}

// The run `r` ended by itself: the report shows (in its tab unless embedded), 'end' fires.
// Having run the lesson, the learner has seen the answer to its prediction: it unfolds.
function finish(r) {
  page.endedSession = r.session;
  if (!page.answered.has(page.lessonId)) {
    page.answered.add(page.lessonId);
    changed('answered');
  }
  changed('run');
  if (!page.embed) showTab('run');
  emit('end', { ...snapshot(), reason: endReason(r.status, r.report) });
}

// Each frame: the worker pool grows while a free run lives and gives back idle workers after;
// threads wait parked while free mode is chosen.
export function watchWorkers() {
  const pool = page.canvas.workers;
  if (!pool) return;
  const frame = () => {
    const r = page.run;
    const free = runExists(r) && !runEnded(r) && (r.live?.mode ?? page.mode) === 'free';
    pool.frame(free, page.mode === 'free');
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}
