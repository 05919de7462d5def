// Step back and Find (issue 18): det runs go back to any step exactly (the wasm replays the
// schedule), and Find searches the program's schedules for one that fails, then loads it as
// a paused run with its preemptions marked on the timeline.
import { page, changed, emit, runExists, runEnded, runStopped } from '../store.js';
import { t } from '../i18n.js';
import { runRequest } from './run.js';
import { snapshot } from './snapshot.js';
import { pollNow, poll, waitFor } from './poll.js';

const STRATEGIES = ['random', 'pct', 'exhaustive'];

function requireDet() {
  if (page.status !== 'ready') throw new Error(page.status === 'error' ? page.error : 'the page is still loading');
  if (page.mode !== 'det') throw new Error(t('free_no_pause'));
}

// Det: goes `n` steps back (not before step 0); resolves with the state once the run waits there.
export async function stepBack(n = 1) {
  requireDet();
  n = Math.floor(Number(n));
  if (!(n >= 1)) throw new Error(`stepBack needs a number of steps of at least 1, got '${n}'`);
  const r = page.run;
  if (!runExists(r) || !r.live || r.live.mode !== 'det') throw new Error(t('back_nothing'));
  return seekTo(Math.max(0, r.live.steps - n));
}

// Det: puts the current run at scheduler step `step` (0..its end), paused, as it stood there.
export async function seek(step) {
  requireDet();
  const to = Math.floor(Number(step));
  if (!(to >= 0)) throw new Error(`seek needs a step from 0 up, got '${step}'`);
  if (!runExists(page.run) || !page.run.live || page.run.live.mode !== 'det') throw new Error(t('back_nothing'));
  return seekTo(to);
}

async function seekTo(to) {
  const before = page.run.session;
  page.canvas.seek(to);
  await waitFor((x) => !runExists(x) || runEnded(x) || (runStopped(x) && x.live && (x.session !== before || x.live.steps === to)),
    { urgent: true });
  const state = snapshot();
  emit('step', { session: state.session, steps: state.live?.steps ?? null, taken: 0, back: true, threads: state.live?.threads ?? [] });
  return state;
}

let finding = null;   // { resolve, reject } of the explore() call under way

// Find: {strategy: random | pct | exhaustive, max_preemptions: 0..10, budget: 1..}; resolves
// with the search's JSON (as `interleave explore` prints it) once it ends or is stopped.
export async function explore({ strategy = 'exhaustive', max_preemptions = 2, budget = 20000, time_s } = {}) {
  requireDet();
  if (!STRATEGIES.includes(strategy)) throw new Error(`strategy must be ${STRATEGIES.join(', ')}, got '${strategy}'`);
  const request = { run: runRequest(), strategy, max_preemptions: Number(max_preemptions), budget: Number(budget) };
  if (time_s !== undefined) request.time_s = Number(time_s);
  const error = page.canvas.explore(request);
  if (error) throw new Error(error);
  if (finding) finding.resolve(null);
  page.explore = { running: true, tried: 0, per_second: 0, strategy, result: null, error: '' };
  changed('explore', 'run');
  return new Promise((resolve, reject) => {
    finding = { resolve, reject };
    requestAnimationFrame(followSearch);
  });
}

// Stops the search (the best found so far is not loaded).
export function stopExplore() {
  if (page.status === 'ready') page.canvas.exploreStop();
}

let lastProgress = 0;
function followSearch() {
  const s = page.canvas.exploreState();
  page.explore = s;
  const now = performance.now();
  if (s.running) {
    if (now - lastProgress > 200) {
      lastProgress = now;
      emit('explore-progress', { tried: s.tried, per_second: s.per_second, seconds: s.seconds, strategy: s.strategy, bound: s.bound });
      changed('explore');
    }
    requestAnimationFrame(followSearch);
    return;
  }
  changed('explore');
  const result = s.result ? { ...s.result, error: s.error || null } : { found: false, cancelled: true, error: s.error || null };
  emit('explore-end', result);
  pollNow();
  changed('run');
  poll();
  const f = finding;
  finding = null;
  f?.resolve(result);
}
