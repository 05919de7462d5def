// Runs: start (run, step from nothing), pause, resume, step, stop (reset), Run x100 and the
// trace. Each call checks that the page can run, talks to the wasm (canvas.js), takes the new
// state into the store and waits, through the poller, for the state it promises.
import { page, changed, emit, currentLesson, runEnded, runExists, runStopped, ready, idleRun, outcomeChoices, selectedOutcome } from '../store.js';
import { t, lang } from '../i18n.js';
import { paramText } from '../params.js';
import { programTooBig, stdinTooBig } from '../limits.js';
import { LOW_WATER } from '../workers.js';
import { SCRATCH_ID } from '../url.js';
import { snapshot } from './snapshot.js';
import { absorb, endedBy, poll, pollNow, settleWaiters, waitFor } from './poll.js';
import { applyRunOptions, setOutcomeResult } from './settings.js';
import { schedulerRequest } from '../scheduler.js';

// Waits for the canvas, then throws (in the current language) if the page cannot run.
async function whenReady() {
  try { await ready; } catch { /* requireRuntime says why */ }
  requireRuntime();
}

function requireRuntime() {
  if (page.status === 'ready') return;
  if (page.status === 'error') throw new Error(page.error);
  throw new Error('the page is still loading');
}

// The request for il_start from the page's current settings.
// An edited program gets only the parameters it still has as constants (the others are left
// out and named in page.dropped); a program over the size limit is refused here, before
// anything reaches the wasm.
export function runRequest({ paused = false } = {}) {
  const lesson = currentLesson();
  const request = { lesson: lesson.id === SCRATCH_ID ? '' : lesson.id, lang: lang(), mode: page.mode, params: {} };
  if (lesson.id === SCRATCH_ID || page.editor.edited()) request.code = page.editor.text();
  if (request.code !== undefined) {
    const tooBig = programTooBig(request.code);
    if (tooBig) {
      page.run = { ...page.run, error: tooBig };
      changed('run');
      throw new Error(tooBig);
    }
  }
  if (page.stdin) {
    const tooBig = stdinTooBig(page.stdin);
    if (tooBig) {
      page.run = { ...page.run, error: tooBig };
      changed('run');
      throw new Error(tooBig);
    }
    request.stdin = page.stdin;
  }
  if (page.seed !== null) request.seed = page.seed;
  const present = request.code !== undefined && lesson.params.length ? new Set(page.canvas.constants(request.code)) : null;
  page.dropped = [];
  for (const p of lesson.params) {
    if (present && !present.has(p.name)) page.dropped.push(p.name);
    else request.params[p.name] = paramText(p, page.values[p.name]);
  }
  Object.assign(request, page.limits);
  if (page.mode === 'free') request.time_scale = page.timeScale;
  else { request.steps_per_s = page.speed; request.paused = paused; Object.assign(request, schedulerRequest(page.scheduler, lesson)); }
  return request;
}

// Starts `request` in the wasm, replacing any run; returns its session.
function startRun(request) {
  const previous = page.run;
  const error = page.canvas.start(request);
  if (error) {
    page.run = { ...idleRun(), error };
    changed('run');
    throw new Error(error);
  }
  endedBy(previous, 'stopped');
  if (request.mode === 'free') page.canvas.workers?.want(LOW_WATER);
  page.tids = [];
  pollNow();
  page.run.error = null;
  changed('run');
  const { code, ...shown } = request;
  emit('run', { session: page.run.session, lesson: page.lessonId, edited: code !== undefined, dropped_params: [...page.dropped], ...shown });
  poll();
  return page.run.session;
}

// Ends the current run (if any): the page goes back to idle and 'end' fires for it.
export function stopRun() {
  const previous = page.run;
  page.canvas.stop();
  pollNow();
  changed('run');
  endedBy(previous, 'stopped');
  settleWaiters();
}

// True once run `r` is not session `session` any more, or it ended.
const overOrNot = (session) => (r) => r.session !== session || runEnded(r) || !runExists(r);

export async function run(opts = {}) {
  await whenReady();
  applyRunOptions(opts ?? {});
  const request = runRequest();
  const missing = Object.keys(opts?.params ?? {}).filter((name) => page.dropped.includes(name));
  if (missing.length)
    throw new Error(`parameter ${missing.join(', ')} is not a constant of the program (expected a line '${missing[0]} = ...' at the top level)`);
  const session = startRun(request);
  await waitFor(overOrNot(session));
  return snapshot();
}

export async function pause() {
  await whenReady();
  if (page.mode === 'free' || page.run.live?.mode === 'free') throw new Error(t('free_no_pause'));
  if (!runExists(page.run) || runEnded(page.run)) return snapshot();
  const session = page.run.session;
  page.canvas.pause();
  await waitFor((r) => overOrNot(session)(r) || runStopped(r));
  return snapshot();
}

export function resume() {
  page.canvas.resume();
  poll();
}

// Det: the run standing still for a step - started paused when there is none, paused when it
// runs; null when it ended meanwhile.
async function stoppedRun() {
  let r = page.run;
  if (!runExists(r) || runEnded(r) || r.live?.mode === 'free') {
    const session = startRun(runRequest({ paused: true }));
    r = await waitFor((x) => overOrNot(session)(x) || runStopped(x));
  } else if (!runStopped(r)) {
    const session = r.session;
    page.canvas.pause();
    r = await waitFor((x) => overOrNot(session)(x) || runStopped(x));
  }
  return runStopped(r) && r.live ? r : null;
}

// Det: takes `n` yield points (of the picked thread when it can run), starting a paused run
// first when there is none; resolves once they were taken (or the run ended).
export async function step(n = 1, tid = undefined) {
  await whenReady();
  n = Math.floor(Number(n));
  if (!(n >= 1)) throw new Error(`step needs a number of steps of at least 1, got '${n}'`);
  if (page.mode === 'free') throw new Error(t('free_no_pause'));
  if (tid !== undefined) page.picked = Number(tid) || 0;
  const r = await stoppedRun();
  if (!r) return snapshot();
  const session = r.session;
  const before = r.live.steps;
  page.canvas.step(n, page.picked);
  await waitFor((x) => overOrNot(session)(x) || (runStopped(x) && x.live && x.live.steps >= before + n), { urgent: true });
  const state = snapshot();
  emit('step', { session, steps: state.live?.steps ?? null, taken: (state.live?.steps ?? before) - before, threads: state.live?.threads ?? [] });
  return state;
}

// The live thread `tid` of paused det run `r`, or an error naming the live ones.
function liveThread(r, tid) {
  const th = r.live.threads.find((x) => x.tid === tid);
  if (th) return th;
  const tids = r.live.threads.map((x) => x.tid).join(', ');
  throw new Error(t('coroutine_no_thread').replace('{tid}', String(tid)).replace('{tids}', tids));
}

// Det step mode within a thread: the ready coroutine at `index` (one of
// state().live.threads[i].ready[j].index) becomes the next one thread `tid`'s event loop or
// gevent hub runs. Needs a paused det run; resolves once the page shows the choice.
export async function chooseCoroutine(tid, index) {
  await whenReady();
  tid = Number(tid);
  index = Number(index);
  const r = page.run;
  if (!runExists(r) || runEnded(r) || r.live?.mode !== 'det' || !runStopped(r)) throw new Error(t('coroutine_needs_pause'));
  const th = liveThread(r, tid);
  const ready = th.ready ?? [];
  const chosen = ready.find((c) => c.index === index);
  if (!chosen) {
    const list = ready.map((c) => `${c.index} ${c.name}`).join(', ') || '-';
    throw new Error(t('coroutine_not_ready').replace('{tid}', String(tid)).replace('{index}', String(index)).replace('{ready}', list));
  }
  const session = r.session;
  page.canvas.chooseCoroutine(tid, index);
  const first = (x) => x.live?.threads.find((y) => y.tid === tid)?.ready?.[0];
  await waitFor((x) => overOrNot(session)(x) || (first(x)?.name === chosen.name && first(x)?.index === 0), { urgent: true });
  const state = snapshot();
  emit('step', { session, steps: state.live?.steps ?? null, taken: 0, coroutine: { tid, chosen: chosen.name }, threads: state.live?.threads ?? [] });
  return state;
}

// Det: one coroutine step of thread `tid` - it runs until its coroutine switches out (while
// its event loop itself runs, until the next coroutine switched out) - starting a paused
// run first when there is none; resolves once it was taken (or the run ended).
export async function stepCoroutine(tid) {
  await whenReady();
  if (page.mode === 'free') throw new Error(t('free_no_pause'));
  tid = Number(tid);
  const r = await stoppedRun();
  if (!r) return snapshot();
  liveThread(r, tid);
  const session = r.session;
  const before = r.live.steps;
  page.canvas.stepCoroutine(tid);
  await waitFor((x) => overOrNot(session)(x) || (runStopped(x) && x.live && x.live.steps > before), { urgent: true });
  const state = snapshot();
  emit('step', { session, steps: state.live?.steps ?? null, taken: (state.live?.steps ?? before) - before, coroutine: { tid }, threads: state.live?.threads ?? [] });
  return state;
}

export async function reset() {
  await whenReady();
  stopRun();
  return snapshot();
}

// Det "Run x100": the current program under seeds 1..runs, headless; resolves with the values.
export async function outcomes(runs = 100, result = undefined) {
  await whenReady();
  if (page.mode !== 'det') throw new Error(t('outcomes_det_only'));
  const name = result ?? selectedOutcome();
  if (!name) throw new Error('this program declares no results to collect');
  if (!runExists(page.run)) startRun(runRequest());
  const error = page.canvas.outcomes(Number(runs), name);
  if (error) throw new Error(error);
  if (outcomeChoices().some((r) => r.name === name)) setOutcomeResult(name);
  absorb(page.canvas.poll().run);
  emit('outcomes', page.run.outcomes);
  const session = page.run.session;
  const r = await waitFor((x) => x.session !== session || !x.outcomes || !x.outcomes.running);
  return r.outcomes;
}

// The current run's trace (Chrome Trace Event JSON); throws when there is no run.
export function exportTrace() {
  requireRuntime();
  const text = page.canvas.trace();
  if (!text) throw new Error('there is no run to export: press Run first');
  return text;
}
