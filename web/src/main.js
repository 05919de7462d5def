// The playground page: lesson list, prose, editor, parameters, URL, and window.interleave.
// The browser main thread only renders and forwards input; runs happen in the wasm's workers.
import { t, pick, setLang, lang, translate } from './i18n.js';
import { renderProse } from './prose.js';
import { ProgramEditor } from './editor.js';
import { parseParam, renderParamControls, paramText } from './params.js';
import { readUrl, shareUrl, SCRATCH_ID } from './url.js';
import { Canvas } from './canvas.js';

const $ = (id) => document.getElementById(id);

const page = {
  status: 'loading',      // loading | ready | not-isolated | error
  error: null,
  lessons: [],
  lessonId: null,
  values: {},              // parameter values of the selected lesson
  mode: 'det',
  seed: null,
  embed: false,
  notices: [],
  listeners: {},
  files: new Map(),        // "id/name" -> text
  canvas: null,
};

function emit(event, data) { for (const fn of page.listeners[event] ?? []) fn(data); }

function lessonById(id) { return page.lessons.find((l) => l.id === id) ?? null; }

const SCRATCH = {
  id: SCRATCH_ID, part: 0, params: [], results: [], checks: [],
  title: { zh: '草稿', en: 'Scratch' }, summary: { zh: '', en: '' },
};

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
    select(lesson.id);
  });
  return a;
}

// ---------------------------------------------------------------- selection

async function select(id, params = {}, { code = null } = {}) {
  const lesson = id === SCRATCH_ID ? SCRATCH : lessonById(id);
  if (!lesson) throw new Error(`lesson '${id}' does not exist`);
  page.lessonId = id;
  page.values = Object.fromEntries(lesson.params.map((p) => [p.name, p.default]));
  const problems = [];
  for (const [name, value] of Object.entries(params)) {
    const p = lesson.params.find((x) => x.name === name);
    if (!p) { problems.push(`unknown parameter '${name}' for ${id} (valid: ${lesson.params.map((x) => x.name).join(', ') || 'none'})`); continue; }
    const parsed = parseParam(p, Array.isArray(value) ? value.join(',') : String(value));
    if (parsed.error) problems.push(parsed.error);
    else page.values[name] = parsed.value;
  }
  const original = id === SCRATCH_ID ? '' : (await lessonFile(id, 'main.py')) ?? '';
  page.editor.load(code ?? original, original);
  await renderLesson();
  renderLessonList();
  emit('select', { id, params: { ...page.values } });
  return problems;
}

async function renderLesson() {
  const lesson = page.lessonId === SCRATCH_ID ? SCRATCH : lessonById(page.lessonId);
  $('lesson-title').textContent = pick(lesson.title);
  $('lesson-summary').textContent = lesson.id === SCRATCH_ID ? t('scratch_summary') : pick(lesson.summary);
  const prose = lesson.id === SCRATCH_ID ? '' : (await lessonFile(lesson.id, `${lang()}.md`)) ?? '';
  renderProse($('prose'), prose);
  renderParamControls($('params'), lesson, page.values, (name, value) => { page.values[name] = value; });
}

// ---------------------------------------------------------------- language, notices

async function setLanguage(next) {
  setLang(next);
  translate();
  for (const b of document.querySelectorAll('.lang-switch button'))
    b.setAttribute('aria-pressed', String(b.dataset.lang === lang()));
  renderNotices();
  if (page.lessons.length || page.lessonId) {
    renderLessonList();
    if (page.lessonId) await renderLesson();
  }
  emit('lang', lang());
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
    p.textContent = n.textKey ? t(n.textKey) : '';
    div.append(h, p);
    if (n.items?.length) {
      const ul = document.createElement('ul');
      for (const item of n.items) { const li = document.createElement('li'); li.textContent = item; ul.append(li); }
      div.append(ul);
    }
    box.append(div);
  }
  box.hidden = page.notices.length === 0;
}

function notify(notice) { page.notices.push(notice); renderNotices(); }

function fail(message) {
  page.status = 'error';
  page.error = String(message);
  notify({ kind: 'error', titleKey: 'load_failed_title', textKey: null, items: [page.error] });
}

// ---------------------------------------------------------------- share

function currentShareUrl() {
  const lesson = page.lessonId === SCRATCH_ID ? SCRATCH : lessonById(page.lessonId);
  const sets = {};
  for (const p of lesson.params)
    if (JSON.stringify(page.values[p.name]) !== JSON.stringify(p.default)) sets[p.name] = paramText(p, page.values[p.name]);
  return shareUrl(location.href, {
    lesson: page.lessonId, lang: lang(), mode: page.mode, seed: page.seed, sets,
    code: page.editor.edited() || page.lessonId === SCRATCH_ID ? page.editor.text() : null,
  });
}

// ---------------------------------------------------------------- window.interleave

const notYet = () => Promise.reject(new Error(t('runtime_pending')));

window.interleave = {
  lessons: () => page.lessons.map((l) => ({ ...l })),
  select: (id, params = {}) => select(id, params),
  state() {
    const native = page.canvas?.state() ?? { ready: false };
    return {
      ...native,
      ready: page.status === 'ready',
      status: page.status,
      isolated: self.crossOriginIsolated === true,
      threads_supported: Boolean(native.threads_supported),
      lang: lang(),
      lesson: page.lessonId,
      mode: page.mode,
      seed: page.seed,
      params: { ...page.values },
      error: page.error,
      notices: page.notices.map((n) => n.items ?? []).flat(),
    };
  },
  on(event, fn) { (page.listeners[event] ??= []).push(fn); return () => page.listeners[event].splice(page.listeners[event].indexOf(fn), 1); },
  setLanguage,
  shareUrl: currentShareUrl,
  run: notYet, pause: notYet, step: notYet, reset: notYet, exportTrace: notYet,
};

// ---------------------------------------------------------------- start

async function start() {
  page.editor = new ProgramEditor($('editor'));
  $('reset-code').addEventListener('click', () => page.editor.resetToOriginal());
  $('share').addEventListener('click', async () => {
    const url = currentShareUrl();
    history.replaceState(null, '', url);
    try { await navigator.clipboard.writeText(url); $('share').textContent = t('share_copied'); } catch { /* no clipboard: the address bar has it */ }
    setTimeout(() => { $('share').textContent = t('share'); }, 1500);
  });
  for (const b of document.querySelectorAll('.lang-switch button')) b.addEventListener('click', () => setLanguage(b.dataset.lang));
  $('mode').addEventListener('change', (e) => { page.mode = e.target.value; });

  const response = await fetch('lessons.json');
  page.lessons = response.ok ? await response.json() : [];
  const url = readUrl(location, page.lessons.map((l) => l.id));
  page.embed = url.embed;
  document.body.classList.toggle('embed', page.embed);
  page.mode = url.mode ?? 'det';
  page.seed = url.seed;
  $('mode').value = page.mode;
  await setLanguage(url.lang ?? 'zh');
  const first = url.lesson ?? (url.code ? SCRATCH_ID : page.lessons[0]?.id ?? SCRATCH_ID);
  const problems = [...url.problems, ...(await select(first, url.sets, { code: url.code }))];
  if (problems.length) notify({ kind: 'warn', titleKey: 'url_problems', items: problems });

  if (self.crossOriginIsolated !== true) {
    page.status = 'not-isolated';
    notify({ kind: 'warn', titleKey: 'not_isolated_title', textKey: 'not_isolated_text' });
    $('loading').hidden = true;
    return;
  }
  page.canvas = new Canvas($('canvas'), fail);
  await page.canvas.load();
  $('loading').hidden = true;
  const waitForFrames = () => {
    if (page.status !== 'loading') return;
    if (page.canvas.state().ready) { page.status = 'ready'; emit('ready', window.interleave.state()); } else requestAnimationFrame(waitForFrames);
  };
  waitForFrames();
}

start().catch((e) => fail(e?.message ?? e));
