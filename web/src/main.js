// The playground page: lesson list, prose, editor, parameters, run controls, the run as HTML,
// the URL, window.interleave and (in an iframe) the same API by postMessage.
// The browser main thread only renders and forwards input; runs happen in the wasm's workers.
import { t, pick, setLang, lang, translate } from './i18n.js';
import { renderProse } from './prose.js';
import { ProgramEditor } from './editor.js';
import { parseParam, renderParamControls, paramText } from './params.js';
import { readUrl, shareUrl, SCRATCH_ID } from './url.js';
import { Canvas } from './canvas.js';
import { clip } from './text.js';
import { renderRunStatus, renderReport, renderThreadPicker, threadColor, endReason, ENDED } from './runpanel.js';
import { programTooBig, sizeText, utf8Bytes, MAX_PROGRAM_BYTES, MAX_CODE_LINK_CHARS } from './limits.js';
import { LOW_WATER } from './workers.js';
import { startEmbedBridge } from './embed.js';

const $ = (id) => document.getElementById(id);

const SPEEDS = [0, 100000, 10000, 1000, 100, 10, 2];       // det steps per second; 0 = max
const TIME_SCALES = [0.1, 0.25, 0.5, 1, 2, 4];
const STOPPED = new Set(['paused', 'awaiting-choice']);     // det, waiting for the learner
const SEED_RE = /^\d{1,20}$/;
// Run limits il_start takes: [min, max, whole numbers only] (the host's ranges).
const LIMITS = { memory_mb: [16, 1024, true], time_limit_s: [1, 3600, false] };
const MAX_SEED = 2n ** 64n - 1n;

const page = {
  status: 'loading',      // loading | ready | error (not isolated: ready, det only)
  error: null,
  lessons: [],
  lessonId: null,
  values: {},              // parameter values of the selected lesson
  mode: 'det',
  seed: null,              // null: the lesson's own seed
  speed: 0,                // det playback pace (steps/s, 0 = as fast as it goes)
  timeScale: 1,            // free: sleeps scaled by this
  limits: {},              // memory_mb, time_limit_s given to run(); absent: the host's defaults
  dropped: [],             // parameters the last request left out (not constants of its code)
  picked: 0,               // the thread Step prefers (0 = any)
  embed: false,
  notices: [],
  listeners: {},
  files: new Map(),        // "id/name" -> text
  canvas: null,
  editor: null,
  // The current run as the page last polled it.
  run: { session: 0, status: 'idle', live: null, report: null, outcomes: null, error: null },
  tids: [],                // every tid seen in the current run, for the colours
  waiters: [],             // { test(run), resolve }
  polling: false,
  endedSession: 0,         // the last session whose 'end' was emitted
  lastMarks: 0,
  lastPoll: 0,
  pollEvery: 0,            // ms between polls (0: every frame)
};

let markReady;
const ready = new Promise((resolve, reject) => { markReady = { resolve, reject }; });
ready.catch(() => {});

function emit(event, data) {
  for (const fn of [...(page.listeners[event] ?? [])]) {
    try { fn(data); } catch (e) { console.error(e); }
  }
}

function lessonById(id) { return page.lessons.find((l) => l.id === id) ?? null; }

const SCRATCH = {
  id: SCRATCH_ID, part: 0, params: [], results: [], checks: [], run: {},
  title: { zh: '草稿', en: 'Scratch' }, summary: { zh: '', en: '' },
};
const currentLesson = () => (page.lessonId === SCRATCH_ID ? SCRATCH : lessonById(page.lessonId));

// ---------------------------------------------------------------- lesson files

async function lessonFile(id, name) {
  const key = `${id}/${name}`;
  if (!page.files.has(key)) {
    const response = await fetch(`lessons/${id}/${name}`);
    page.files.set(key, response.ok ? await response.text() : null);
  }
  return page.files.get(key);
}

// ---------------------------------------------------------------- sidebar

function renderLessonList() {
  const nav = $('lesson-list');
  nav.replaceChildren();
  const groups = new Map();
  for (const l of page.lessons) {
    if (!groups.has(l.part)) groups.set(l.part, []);
    groups.get(l.part).push(l);
  }
  nav.append(lessonLink(SCRATCH, t('scratch')));
  for (const [part, lessons] of [...groups].sort((a, b) => a[0] - b[0])) {
    const heading = document.createElement('h3');
    heading.textContent = t('parts')[part] ?? `Part ${part}`;
    nav.append(heading);
    for (const l of lessons) nav.append(lessonLink(l, pick(l.title)));
  }
}

function lessonLink(lesson, label) {
  const a = document.createElement('a');
  a.href = `?lesson=${lesson.id}&lang=${lang()}`;
  a.textContent = label;
  a.dataset.lesson = lesson.id;
  a.className = 'lesson-link';
  if (lesson.id === page.lessonId) a.setAttribute('aria-current', 'page');
  a.addEventListener('click', (e) => {
    e.preventDefault();
    select(lesson.id).catch((err) => console.error(err));
  });
  return a;
}

// ---------------------------------------------------------------- selection

let selecting = 0;

// Everything is fetched first, then the page switches in one go, so that state().lesson
// never names a lesson whose title, prose and program are not shown yet.
async function select(id, params = {}, { code = null } = {}) {
  const lesson = id === SCRATCH_ID ? SCRATCH : lessonById(id);
  if (!lesson) throw new Error(`lesson '${id}' does not exist (valid: ${page.lessons.map((l) => l.id).join(', ')}, ${SCRATCH_ID})`);
  const token = ++selecting;
  const values = Object.fromEntries(lesson.params.map((p) => [p.name, p.default]));
  const problems = [];
  for (const [name, value] of Object.entries(params ?? {})) {
    const p = lesson.params.find((x) => x.name === name);
    if (!p) { problems.push(`unknown parameter '${clip(name)}' for ${id} (valid: ${lesson.params.map((x) => x.name).join(', ') || 'none'})`); continue; }
    const parsed = parseParam(p, Array.isArray(value) ? value.join(',') : String(value));
    if (parsed.error) problems.push(parsed.error);
    else values[name] = parsed.value;
  }
  const original = id === SCRATCH_ID ? '' : (await lessonFile(id, 'main.py')) ?? '';
  const prose = id === SCRATCH_ID ? '' : (await lessonFile(id, `${lang()}.md`)) ?? '';
  if (token !== selecting) return problems;   // a newer selection won
  if (page.run.session && page.canvas?.module) stopRun();
  page.lessonId = id;
  page.values = values;
  page.editor.load(code ?? original, original);
  paintLesson(lesson, prose);
  showTab('lesson');
  renderLessonList();
  renderOutcomeChoices();
  renderRun();
  emit('select', { id, params: { ...page.values } });
  return problems;
}

async function renderLesson() {
  const lesson = currentLesson();
  const prose = lesson.id === SCRATCH_ID ? '' : (await lessonFile(lesson.id, `${lang()}.md`)) ?? '';
  if (lesson === currentLesson()) paintLesson(lesson, prose);
}

function paintLesson(lesson, prose) {
  $('lesson-title').textContent = pick(lesson.title);
  $('lesson-summary').textContent = lesson.id === SCRATCH_ID ? t('scratch_summary') : pick(lesson.summary);
  renderProse($('prose'), prose);
  renderParamControls($('params'), lesson, page.values, (name, value) => { page.values[name] = value; });
  $('seed').placeholder = String(lesson.run?.seed ?? 1);
  $('seed').title = `${t('seed')}: ${t('seed_default')} ${lesson.run?.seed ?? 1}`;
}

// ---------------------------------------------------------------- language, notices

async function setLanguage(next) {
  if (next !== 'zh' && next !== 'en') throw new Error(`lang must be zh or en, got '${clip(next)}'`);
  setLang(next);
  translate();
  for (const b of document.querySelectorAll('.lang-switch button'))
    b.setAttribute('aria-pressed', String(b.dataset.lang === lang()));
  renderNotices();
  renderRunSettings();
  if (page.canvas?.module) page.canvas.setLang(lang());
  if (page.lessons.length || page.lessonId) {
    renderLessonList();
    if (page.lessonId) {
      await renderLesson();
      renderOutcomeChoices();
      renderRun();
    }
  }
  emit('lang', lang());
  return lang();
}

function renderNotices() {
  const box = $('notices');
  box.replaceChildren();
  for (const n of page.notices) {
    const div = document.createElement('div');
    div.className = `notice ${n.kind}`;
    div.setAttribute('role', 'alert');
    const h = document.createElement('strong');
    h.textContent = n.titleKey ? t(n.titleKey) : '';
    const p = document.createElement('p');
    p.textContent = n.textKey ? fill(t(n.textKey), n.vars) : '';
    div.append(h, p);
    if (n.items?.length) div.append(noticeItems(n.items));
    if (n.dismissable) {
      const close = document.createElement('button');
      close.type = 'button';
      close.className = 'notice-close';
      close.textContent = '×';
      close.setAttribute('aria-label', 'close');
      close.addEventListener('click', () => { page.notices.splice(page.notices.indexOf(n), 1); renderNotices(); });
      div.append(close);
    }
    box.append(div);
  }
  box.hidden = page.notices.length === 0;
}

// "{size}"-style placeholders in a translated text.
const fill = (text, vars = {}) => Object.entries(vars).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), text);

// A notice lists at most MAX_NOTICE_ITEMS items, then how many more there are.
const MAX_NOTICE_ITEMS = 5;
function noticeItems(items) {
  const ul = document.createElement('ul');
  for (const item of items.slice(0, MAX_NOTICE_ITEMS)) {
    const li = document.createElement('li');
    li.textContent = item;
    ul.append(li);
  }
  if (items.length > MAX_NOTICE_ITEMS) {
    const li = document.createElement('li');
    li.className = 'notice-more';
    li.textContent = t('notice_more').replace('{n}', String(items.length - MAX_NOTICE_ITEMS));
    ul.append(li);
  }
  return ul;
}

function notify(notice) { page.notices.push(notice); renderNotices(); }

function fail(message) {
  page.status = 'error';
  page.error = String(message);
  notify({ kind: 'error', titleKey: 'load_failed_title', textKey: null, items: [page.error] });
  markReady.reject(new Error(page.error));
  renderRun();
}

// ---------------------------------------------------------------- share

// Throws (in the page's language) when the program is too big for a link.
function currentShareUrl() {
  const lesson = currentLesson();
  const code = page.editor.edited() || page.lessonId === SCRATCH_ID ? page.editor.text() : null;
  const bytes = code === null ? 0 : utf8Bytes(code);
  if (bytes > MAX_PROGRAM_BYTES) throw new Error(fill(t('share_too_big'), { size: sizeText(bytes), limit: sizeText(MAX_PROGRAM_BYTES) }));
  const sets = {};
  for (const p of lesson.params)
    if (JSON.stringify(page.values[p.name]) !== JSON.stringify(p.default)) sets[p.name] = paramText(p, page.values[p.name]);
  return shareUrl(location.href, {
    lesson: page.lessonId, lang: lang(), mode: page.mode, seed: page.seed, sets,
    code, embed: page.embed,
  });
}

function shareLink() {
  const url = currentShareUrl();
  const packed = new URL(url).hash.length;
  if (packed > MAX_CODE_LINK_CHARS)
    throw new Error(fill(t('share_too_big'), { size: sizeText(packed), limit: sizeText(MAX_CODE_LINK_CHARS) }));
  return url;
}

// ---------------------------------------------------------------- runs

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
function runRequest({ paused = false } = {}) {
  const lesson = currentLesson();
  const request = { lesson: lesson.id === SCRATCH_ID ? '' : lesson.id, mode: page.mode, params: {} };
  if (lesson.id === SCRATCH_ID || page.editor.edited()) request.code = page.editor.text();
  if (request.code !== undefined) {
    const tooBig = programTooBig(request.code);
    if (tooBig) {
      page.run = { ...page.run, error: tooBig };
      renderRun();
      throw new Error(tooBig);
    }
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
  else { request.steps_per_s = page.speed; request.paused = paused; }
  return request;
}

// Applies run(opts) to the page, so that what runs is also what the page shows and shares.
function applyRunOptions(opts) {
  const lesson = currentLesson();
  if (opts.mode !== undefined) {
    if (opts.mode !== 'det' && opts.mode !== 'free') throw new Error(`mode must be det or free, got '${clip(opts.mode)}'`);
    if (opts.mode === 'free' && !page.canvas.state().threads_supported) throw new Error(t('free_unavailable'));
    setMode(opts.mode);
  }
  if (opts.seed !== undefined) {
    const s = opts.seed === null ? '' : String(opts.seed);
    if (s !== '' && !(SEED_RE.test(s) && BigInt(s) <= MAX_SEED)) throw new Error(`seed must be a whole number from 0 to ${MAX_SEED}, got '${clip(s)}'`);
    page.seed = s === '' ? null : s;
    $('seed').value = s;
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
  for (const [name, [lo, hi, whole]] of Object.entries(LIMITS)) {
    if (opts[name] === undefined) continue;
    if (opts[name] === null) { delete page.limits[name]; continue; }
    const v = typeof opts[name] === 'number' || typeof opts[name] === 'string' ? Number(opts[name]) : NaN;
    if (!((whole ? Number.isInteger(v) : Number.isFinite(v)) && v >= lo && v <= hi))
      throw new Error(`${name} must be a ${whole ? 'whole number' : 'number'} from ${lo} to ${hi}, got '${clip(opts[name])}'`);
    page.limits[name] = v;
  }
  if (opts.params) {
    const values = { ...page.values };
    for (const [name, value] of Object.entries(opts.params)) {
      const p = lesson.params.find((x) => x.name === name);
      if (!p) throw new Error(`unknown parameter '${clip(name)}' for ${lesson.id} (valid: ${lesson.params.map((x) => x.name).join(', ') || 'none'})`);
      const parsed = parseParam(p, Array.isArray(value) ? value.join(',') : String(value));
      if (parsed.error) throw new Error(parsed.error);
      values[name] = parsed.value;
    }
    page.values = values;
    renderParamControls($('params'), lesson, page.values, (name, value) => { page.values[name] = value; });
  }
  if (typeof opts.code === 'string' && opts.code !== page.editor.text()) page.editor.load(opts.code, page.editor.original);
  renderRunSettings();
}

function startRun(request) {
  const previous = page.run;
  const error = page.canvas.start(request);
  if (error) {
    page.run = { session: 0, status: 'idle', live: null, report: null, outcomes: null, error };
    renderRun();
    throw new Error(error);
  }
  endedBy(previous, 'stopped');
  if (request.mode === 'free') page.canvas.workers?.want(LOW_WATER);
  page.tids = [];
  page.lastMarks = 0;
  page.editor.markThreads([]);
  absorb(page.canvas.poll().run);
  page.run.error = null;
  renderRun();
  const { code, ...shown } = request;
  emit('run', { session: page.run.session, lesson: page.lessonId, edited: code !== undefined, dropped_params: [...page.dropped], ...shown });
  poll();
  return page.run.session;
}

// A run that was going on when it was stopped or replaced still ends for the listeners.
function endedBy(run, reason) {
  if (!runExists(run) || runEnded(run) || page.endedSession === run.session) return;
  page.endedSession = run.session;
  emit('end', { ...window.interleave.state(), session: run.session, reason });
}

function stopRun() {
  const previous = page.run;
  page.canvas.stop();
  absorb(page.canvas.poll().run);
  page.editor.markThreads([]);
  renderRun();
  endedBy(previous, 'stopped');
  settleWaiters();
}

// Takes in a polled run state.
function absorb(run) {
  const r = run ?? { status: 'idle', session: 0, live: null, report: null, outcomes: null };
  page.run = { ...page.run, session: r.session, status: r.status, live: r.live, report: r.report, outcomes: r.outcomes };
  for (const th of r.live?.threads ?? []) if (!page.tids.includes(th.tid)) page.tids.push(th.tid);
  for (const th of r.report?.threads ?? []) if (th.ident && !page.tids.includes(th.ident)) page.tids.push(th.ident);
  page.tids.sort((a, b) => a - b);
}

const colorOf = (tid) => threadColor(Math.max(0, page.tids.indexOf(tid)));
// Over, and the report is in ('failed': the host may have none to give).
const runEnded = (run) => ENDED.has(run.status) && (run.report !== null || run.status === 'failed');
const runExists = (run) => run.session !== 0 && run.status !== 'idle';

function waitFor(test, { urgent = false } = {}) {
  return new Promise((resolve) => {
    page.waiters.push({ test, resolve, urgent });
    poll();
  });
}

function settleWaiters() {
  const keep = [];
  for (const w of page.waiters) if (w.test(page.run)) w.resolve(page.run); else keep.push(w);
  page.waiters = keep;
}

// Reads the run's state each frame while anything is going on (a run, a step, Run x100).
function poll() {
  if (page.polling || !page.canvas?.module) return;
  page.polling = true;
  const tick = () => {
    // A poll copies the run's state out of the wasm: cheap, except for a long det run whose
    // schedule has grown; then poll every 100 ms instead of every frame (steps still wait
    // for every frame).
    const now = performance.now();
    const urgent = page.waiters.some((w) => w.urgent) || STOPPED.has(page.run.status);
    if (!urgent && now - page.lastPoll < page.pollEvery) { requestAnimationFrame(tick); return; }
    page.lastPoll = now;
    absorb(page.canvas.poll().run);
    page.pollEvery = performance.now() - now > 2 ? 100 : 0;
    const r = page.run;
    if (runEnded(r) && page.endedSession !== r.session) {
      page.endedSession = r.session;
      page.editor.markThreads([]);
      renderRun();
      if (!page.embed) showTab('run');
      emit('end', { ...window.interleave.state(), reason: endReason(r.status, r.report) });
    } else {
      renderRun();
    }
    settleWaiters();
    const busy = (runExists(r) && !runEnded(r)) || page.waiters.length > 0 || r.outcomes?.running;
    if (busy) requestAnimationFrame(tick); else page.polling = false;
  };
  requestAnimationFrame(tick);
}

async function run(opts = {}) {
  await whenReady();
  applyRunOptions(opts ?? {});
  const request = runRequest();
  const missing = Object.keys(opts?.params ?? {}).filter((name) => page.dropped.includes(name));
  if (missing.length)
    throw new Error(`parameter ${missing.join(', ')} is not a constant of the program (expected a line '${missing[0]} = ...' at the top level)`);
  const session = startRun(request);
  await waitFor((r) => r.session !== session || runEnded(r) || !runExists(r));
  return window.interleave.state();
}

async function pause() {
  await whenReady();
  if (page.mode === 'free' || page.run.live?.mode === 'free') throw new Error(t('free_no_pause'));
  if (!runExists(page.run) || runEnded(page.run)) return window.interleave.state();
  const session = page.run.session;
  page.canvas.pause();
  await waitFor((r) => r.session !== session || STOPPED.has(r.status) || runEnded(r) || !runExists(r));
  return window.interleave.state();
}

function resume() {
  page.canvas.resume();
  poll();
}

// Det: takes `n` yield points (of the picked thread when it can run), starting a paused run
// first when there is none; resolves once they were taken (or the run ended).
async function step(n = 1, tid = undefined) {
  await whenReady();
  n = Math.floor(Number(n));
  if (!(n >= 1)) throw new Error(`step needs a number of steps of at least 1, got '${n}'`);
  if (page.mode === 'free') throw new Error(t('free_no_pause'));
  if (tid !== undefined) page.picked = Number(tid) || 0;
  let r = page.run;
  if (!runExists(r) || runEnded(r) || r.live?.mode === 'free') {
    const session = startRun(runRequest({ paused: true }));
    r = await waitFor((x) => x.session !== session || STOPPED.has(x.status) || runEnded(x) || !runExists(x));
  } else if (!STOPPED.has(r.status)) {
    const session = r.session;
    page.canvas.pause();
    r = await waitFor((x) => x.session !== session || STOPPED.has(x.status) || runEnded(x) || !runExists(x));
  }
  if (!STOPPED.has(r.status) || !r.live) return window.interleave.state();
  const session = r.session;
  const before = r.live.steps;
  page.canvas.step(n, page.picked);
  r = await waitFor((x) => x.session !== session || runEnded(x) || !runExists(x) ||
    (STOPPED.has(x.status) && x.live && x.live.steps >= before + n), { urgent: true });
  const state = window.interleave.state();
  emit('step', { session, steps: state.live?.steps ?? null, taken: (state.live?.steps ?? before) - before, threads: state.live?.threads ?? [] });
  return state;
}

async function reset() {
  await whenReady();
  stopRun();
  return window.interleave.state();
}

// Det "Run x100": the current program under seeds 1..runs, headless; resolves with the values.
async function outcomes(runs = 100, result = undefined) {
  await whenReady();
  if (page.mode !== 'det') throw new Error(t('outcomes_det_only'));
  const name = result ?? $('outcome-result').value;
  if (!name) throw new Error('this program declares no results to collect');
  if (!runExists(page.run)) startRun(runRequest());
  const error = page.canvas.outcomes(Number(runs), name);
  if (error) throw new Error(error);
  if ([...$('outcome-result').options].some((o) => o.value === name)) $('outcome-result').value = name;
  absorb(page.canvas.poll().run);
  emit('outcomes', page.run.outcomes);
  const session = page.run.session;
  const r = await waitFor((x) => x.session !== session || !x.outcomes || !x.outcomes.running);
  return r.outcomes;
}

function exportTrace() {
  requireRuntime();
  const text = page.canvas.trace();
  if (!text) throw new Error('there is no run to export: press Run first');
  return text;
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

// ---------------------------------------------------------------- run controls

function setMode(mode) {
  page.mode = mode;
  $('mode').value = mode;
  document.body.dataset.mode = mode;
  renderRun();
}

function renderRunSettings() {
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

function renderOutcomeChoices() {
  const lesson = currentLesson();
  if (!lesson) return;
  const select = $('outcome-result');
  const previous = select.value;
  const numeric = (name) => {
    const v = page.run.report?.results?.[name];
    return v === undefined || typeof v === 'number' || typeof v === 'boolean';
  };
  const names = lesson.results.filter((r) => numeric(r.name));
  select.replaceChildren(...names.map((r) => new Option(pick(r.label) || r.name, r.name)));
  if (names.some((r) => r.name === previous)) select.value = previous;
  select.disabled = names.length === 0;
}

let toolbarErrorTimer = 0;
function showToolbarError(message) {
  const box = $('toolbar-error');
  box.textContent = message;
  box.hidden = !message;
  clearTimeout(toolbarErrorTimer);
  if (message) toolbarErrorTimer = setTimeout(() => { box.hidden = true; }, 8000);
}

let lastRender = '';
function renderRun() {
  const r = page.run;
  const readyNow = page.status === 'ready';
  const det = page.mode === 'det';
  const exists = runExists(r);
  const ended = runEnded(r);
  const stopped = STOPPED.has(r.status);
  const liveMode = r.live?.mode ?? r.report?.mode ?? page.mode;

  const runButton = $('run');
  runButton.disabled = !readyNow;
  runButton.textContent = stopped && det ? t('resume') : t('run');
  const canPause = readyNow && det && liveMode === 'det' && exists && !ended && !stopped;
  $('pause').disabled = !canPause;
  $('step').disabled = !readyNow || !det;
  $('reset').disabled = !readyNow || !exists;
  const freeTitle = !det ? t('free_no_pause') : '';
  $('pause').title = freeTitle;
  $('step').title = freeTitle;
  $('run-many').disabled = !readyNow || !det || $('outcome-result').options.length === 0 || Boolean(r.outcomes?.running);
  $('export-trace').disabled = !readyNow || !exists;
  $('mode-note').textContent = !det ? t('free_no_pause') : '';
  $('mode-note').hidden = det;

  // The status line and the report change rarely: repaint only when they did.
  const key = JSON.stringify([lang(), r.session, r.status, r.error, r.live?.steps, r.live?.virtual_time_s,
    r.live?.wall_time_s !== undefined ? Math.floor(r.live.wall_time_s * 10) : null, Boolean(r.report), page.status]);
  if (key !== lastRender) {
    lastRender = key;
    const status = readyNow ? r.status : page.status === 'loading' ? 'starting' : 'idle';
    renderRunStatus($('run-status'), { status, live: r.live, report: r.report, error: r.error, mode: liveMode, compact: !page.embed });
    $('run-status').title = $('run-status').textContent;
    if (ended || !exists) {
      renderReport($('run-report'), ended ? r.report : null, currentLesson(), r.status);
      if (ended) {
        const head = document.createElement('div');
        head.className = 'run-status report-status';
        renderRunStatus(head, { status: r.status, live: r.live, report: r.report, mode: liveMode });
        $('run-report').prepend(head);
      } else {
        const hint = document.createElement('p');
        hint.className = 'run-hint';
        hint.textContent = t('status_idle');
        $('run-report').append(hint);
      }
      renderOutcomeChoices();
    }
    renderBadge(r, ended);
  }

  // Step mode: every thread's line in the editor and the thread picker.
  const picker = $('thread-picker');
  const live = r.live;
  if (exists && !ended && live && liveMode === 'det') {
    const now = performance.now();
    const slow = page.speed > 0 && page.speed <= 1000;
    if (stopped || (slow && now - page.lastMarks > 100)) {
      page.lastMarks = now;
      const marks = live.threads.filter((th) => th.line > 0 && th.state !== 'done')
        .map((th) => ({ line: th.line, tid: th.tid, name: th.name, color: colorOf(th.tid) }));
      page.editor.markThreads(marks, { follow: true });
    }
    if (stopped) {
      const pickerKey = JSON.stringify([lang(), live.threads, live.runnable, page.picked]);
      if (picker.hidden || picker.dataset.key !== pickerKey) {
        picker.dataset.key = pickerKey;
        renderThreadPicker(picker, {
          threads: live.threads, runnable: live.runnable, picked: page.picked, colorOf,
          onPick: (tid) => { page.picked = tid; renderRun(); },
        });
      }
      picker.hidden = false;
    } else picker.hidden = true;
  } else {
    picker.hidden = true;
  }
}

function showTab(name) {
  for (const tab of ['lesson', 'run']) {
    $(`tab-${tab}`).setAttribute('aria-selected', String(tab === name));
    $(`panel-${tab}`).hidden = tab !== name;
  }
}

// The Run tab's badge: checks passed of all that applied, or the run's state.
function renderBadge(r, ended) {
  const badge = $('tab-run-badge');
  badge.className = 'tab-badge';
  if (!ended) { badge.textContent = runExists(r) ? '…' : ''; return; }
  const checks = (r.report?.checks ?? []).filter((c) => c.verdict !== 'n/a');
  const passed = checks.filter((c) => c.verdict === 'pass').length;
  const reason = endReason(r.status, r.report);
  if (reason !== 'finished') { badge.textContent = '⚠'; badge.classList.add('fail'); return; }
  if (!checks.length) { badge.textContent = '✓'; return; }
  badge.textContent = `${passed}/${checks.length}`;
  badge.classList.add(passed === checks.length ? 'pass' : 'fail');
}

function onRunButton() {
  if (STOPPED.has(page.run.status) && page.mode === 'det' && page.run.live?.mode === 'det') {
    resume();
    return;
  }
  run().catch((e) => showToolbarError(e.message));
}

function bindControls() {
  $('run').addEventListener('click', onRunButton);
  $('pause').addEventListener('click', () => pause().catch((e) => showToolbarError(e.message)));
  $('step').addEventListener('click', () => step(1).catch((e) => showToolbarError(e.message)));
  $('reset').addEventListener('click', () => reset().catch((e) => showToolbarError(e.message)));
  $('export-trace').addEventListener('click', downloadTrace);
  $('run-many').addEventListener('click', () => outcomes(100).catch((e) => showToolbarError(e.message)));
  $('mode').addEventListener('change', (e) => setMode(e.target.value));
  $('speed').addEventListener('change', (e) => {
    page.speed = Number(e.target.value);
    if (page.canvas?.module && runExists(page.run) && !runEnded(page.run)) page.canvas.speed(page.speed);
  });
  $('time-scale').addEventListener('change', (e) => { page.timeScale = Number(e.target.value); });
  $('seed').addEventListener('input', (e) => {
    const s = e.target.value.trim();
    const ok = s === '' || (SEED_RE.test(s) && BigInt(s) <= MAX_SEED);
    e.target.classList.toggle('invalid', !ok);
    e.target.title = ok ? '' : `seed must be a whole number from 0 to ${MAX_SEED}`;
    if (ok) page.seed = s === '' ? null : s;
  });
  // Space = step, R = run, Esc = stop; never while typing in the editor or a field.
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const target = e.target;
    if (target instanceof Element && target.closest('.cm-editor, input, select, textarea, [contenteditable="true"]')) return;
    if (page.status !== 'ready') return;
    if (e.key === ' ' && page.mode === 'det') {
      e.preventDefault();
      step(1).catch((err) => showToolbarError(err.message));
    } else if (e.key === 'r' || e.key === 'R') {
      e.preventDefault();
      onRunButton();
    } else if (e.key === 'Escape') {
      if (runExists(page.run)) { e.preventDefault(); stopRun(); }
    }
  });
}

// ---------------------------------------------------------------- window.interleave

window.interleave = {
  lessons: () => page.lessons.map((l) => ({ ...l })),
  select: (id, params = {}) => select(id, params),
  run,
  pause,
  step,
  reset,
  outcomes,
  exportTrace,
  // The CLI's JSON shape once a run ended (its report's fields at the top level), plus the
  // page's and the run's status, the language, the selection and the live run.
  state() {
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
      selected: { mode: page.mode, seed: page.seed, params: { ...page.values }, steps_per_s: page.speed, time_scale: page.timeScale, ...page.limits },
      reason: run ? endReason(run.status, report) : null,
      run_error: page.run.error ?? null,
      dropped_params: [...page.dropped],
      workers: page.canvas?.workers?.counts() ?? null,
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
  },
  on(event, fn) {
    (page.listeners[event] ??= []).push(fn);
    return () => { const l = page.listeners[event]; const i = l.indexOf(fn); if (i >= 0) l.splice(i, 1); };
  },
  setLanguage,
  shareUrl: shareLink,
};

// ---------------------------------------------------------------- start

// Each frame: the worker pool grows while a free run lives and gives back idle workers after.
function watchWorkers() {
  const pool = page.canvas.workers;
  if (!pool) return;
  const tick = () => {
    const r = page.run;
    const free = runExists(r) && !runEnded(r) && (r.live?.mode ?? page.mode) === 'free';
    pool.frame(free);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

async function start() {
  page.editor = new ProgramEditor($('editor'));
  $('reset-code').addEventListener('click', () => page.editor.resetToOriginal());
  $('share').addEventListener('click', async () => {
    let url;
    try { url = shareLink(); } catch (e) { showToolbarError(e.message); return; }   // the address bar keeps what it had
    history.replaceState(null, '', url);
    try { await navigator.clipboard.writeText(url); $('share').textContent = t('share_copied'); } catch { /* no clipboard: the address bar has it */ }
    setTimeout(() => { $('share').textContent = t('share'); }, 1500);
  });
  for (const b of document.querySelectorAll('.lang-switch button')) b.addEventListener('click', () => setLanguage(b.dataset.lang));
  bindControls();
  $('tab-lesson').addEventListener('click', () => showTab('lesson'));
  $('tab-run').addEventListener('click', () => showTab('run'));

  // The wasm loads while the lessons are fetched and the first one is shown.
  const isolated = self.crossOriginIsolated === true;
  const canvasLoaded = (page.canvas = new Canvas($('canvas'), fail)).load(isolated);

  const response = await fetch('lessons.json');
  page.lessons = response.ok ? await response.json() : [];
  const url = readUrl(location, page.lessons.map((l) => l.id));
  page.embed = url.embed;
  document.body.classList.toggle('embed', page.embed);
  if (page.embed) {
    // An 800x600 iframe: the controls go into the side column so the canvas keeps its height.
    const toolbar = document.querySelector('.toolbar');
    toolbar.querySelector('.row').prepend(document.querySelector('.topbar .mode'));
    document.querySelector('.workbench').prepend(toolbar);
  }
  if (window.parent !== window) document.body.classList.add('framed');
  startEmbedBridge(window.interleave, url.origin);
  setMode(url.mode ?? 'det');
  page.seed = url.seed;
  $('seed').value = url.seed ?? '';
  await setLanguage(url.lang ?? 'zh');
  const first = url.lesson ?? (url.code || url.codeRefused ? SCRATCH_ID : page.lessons[0]?.id ?? SCRATCH_ID);
  if (url.codeRefused) {
    const tooLong = url.codeRefused.reason === 'too-long';
    notify({ kind: 'warn', titleKey: 'code_link_refused_title', textKey: tooLong ? 'code_link_too_long' : 'code_link_too_big',
      vars: { size: sizeText(url.codeRefused.link_chars), limit: sizeText(MAX_PROGRAM_BYTES) }, dismissable: true,
      items: [tooLong ? `the link's #code= has ${url.codeRefused.link_chars} characters (at most ${MAX_CODE_LINK_CHARS} are read)`
        : `the link's program is larger than ${MAX_PROGRAM_BYTES} bytes of UTF-8 when unpacked`] });
  }
  const problems = [...url.problems, ...(await select(first, url.sets, { code: url.code }))];
  if (problems.length) notify({ kind: 'warn', titleKey: 'url_problems', items: problems, dismissable: true });

  // Not isolated: the build without threads runs det mode on this thread; free mode is off.
  if (!isolated) notify({ kind: 'warn', titleKey: 'not_isolated_title', textKey: 'not_isolated_text' });
  await canvasLoaded;
  page.canvas.setLang(lang());
  $('loading').hidden = true;
  const waitForFrames = () => {
    if (page.status !== 'loading') return;
    if (page.canvas.state().ready) {
      page.status = 'ready';
      renderRunSettings();
      if (url.mode === 'free' && !page.canvas.state().threads_supported) setMode('det');
      absorb(page.canvas.poll().run);
      renderRun();
      markReady.resolve();
      watchWorkers();
      emit('ready', window.interleave.state());
    } else requestAnimationFrame(waitForFrames);
  };
  waitForFrames();
}

start().catch((e) => fail(e?.message ?? e));
