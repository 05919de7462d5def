// The lesson side of the page: the lesson list (sidebar), the selected lesson's title,
// summary, prose and parameter controls, and the Lesson/Run tabs.
import { page, subscribe, SCRATCH, currentLesson } from '../store.js';
import { t, pick, lang } from '../i18n.js';
import { renderProse } from '../prose.js';
import { renderParamControls } from '../params.js';
import { parseLessonParams } from '../validate.js';
import { SCRATCH_ID } from '../url.js';
import { select } from '../actions/lesson.js';
import { setParam, showTab } from '../actions/settings.js';

const $ = (id) => document.getElementById(id);

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

function renderLesson() {
  const lesson = currentLesson();
  if (!lesson) return;
  $('lesson-title').textContent = pick(lesson.title);
  $('lesson-summary').textContent = lesson.id === SCRATCH_ID ? t('scratch_summary') : pick(lesson.summary);
  renderLessonProse();
  renderParams();
  renderProgramNote();
  $('seed').placeholder = String(lesson.run?.seed ?? 1);
  $('seed').title = `${t('seed')}: ${t('seed_default')} ${lesson.run?.seed ?? 1}`;
}

// The answer to the prose's prediction question stays folded until the lesson ran once
// (page.answered) or the learner opens it.
function renderLessonProse() {
  const id = page.lessonId;
  renderProse($('prose'), page.prose, {
    folded: !page.answered.has(id),
    showLabel: t('show_answer'),
    onShow: () => { page.answered.add(id); renderLessonProse(); },
  });
}

// Said while the edit that survived a language switch is still there.
function renderProgramNote() {
  const note = $('program-note');
  note.hidden = !(page.programKept && page.editor?.edited());
  note.textContent = note.hidden ? '' : t('program_kept');
}

function renderParams() {
  const lesson = currentLesson();
  const read = (name, text) => {
    const r = parseLessonParams(page.canvas, lesson, { [name]: text }, {});
    return r.problems.length ? { error: r.problems[0] } : { value: r.values[name] };
  };
  renderParamControls($('params'), lesson, page.values, setParam, read);
}

function renderTabs() {
  for (const tab of ['lesson', 'run']) {
    $(`tab-${tab}`).setAttribute('aria-selected', String(tab === page.tab));
    $(`panel-${tab}`).hidden = tab !== page.tab;
  }
}

export function startLessonViews() {
  $('tab-lesson').addEventListener('click', () => showTab('lesson'));
  $('tab-run').addEventListener('click', () => showTab('run'));
  $('reset-code').addEventListener('click', () => {
    page.editor.resetToOriginal();
    page.programKept = false;
    renderProgramNote();
  });
  subscribe(['lessons'], renderLessonList);
  subscribe(['lesson'], renderLesson);
  subscribe(['lang'], renderProgramNote);
  subscribe(['answered'], renderLessonProse);
  subscribe(['params'], renderParams);
  subscribe(['tab'], renderTabs);
}
