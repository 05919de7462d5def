// window.interleave.state(): the CLI's JSON shape once a run ended (its report's fields at the
// top level), plus the page's and the run's status, the language, the selection and the live
// run. Read from the store and the wasm; writes nothing.
import { page, currentLesson } from '../store.js';
import { effectiveScheduler } from '../scheduler.js';
import { lang } from '../i18n.js';
import { endReason } from '../runpanel.js';

export function snapshot() {
  const native = page.canvas?.module ? page.canvas.state() : { ready: false };
  const run = native.run ?? null;
  const report = run?.report ?? null;
  const readyNow = page.status === 'ready';
  return {
    ...(report ?? {}),
    ready: readyNow,
    status: readyNow ? (run?.status ?? 'idle') : page.status,
    page_status: page.status,
    isolated: self.crossOriginIsolated === true,
    threads_supported: Boolean(native.threads_supported),
    frames: native.frames ?? 0,
    worker_count: native.worker_count ?? 0,
    build: native.build ?? null,
    lang: lang(),
    lesson: page.lessonId,
    mode: report?.mode ?? page.mode,
    seed: report?.seed ?? page.seed,
    params: report?.params ?? { ...page.values },
    selected: { mode: page.mode, seed: page.seed, params: { ...page.values }, steps_per_s: page.speed, time_scale: page.timeScale, ...page.limits,
      scheduler: effectiveScheduler(currentLesson(), page.scheduler, page.values) },
    reason: run ? endReason(run.status, report) : null,
    run_error: page.run.error ?? null,
    dropped_params: [...page.dropped],
    workers: page.canvas?.workers ? { ...page.canvas.workers.counts(), parked: native.parked_threads ?? 0 } : null,
    wasm_memory_bytes: page.canvas?.module ? page.canvas.memoryBytes() : 0,
    session: run?.session ?? 0,
    live: run?.live ?? null,
    outcomes: run?.outcomes ?? null,
    report,
    edited: page.editor ? page.editor.edited() : false,
    embed: page.embed,
    error: page.error,
    notices: page.notices.map((n) => n.items ?? []).flat(),
  };
}
