// Choosing what the page shows: the lesson (with parameter values and perhaps an edited
// program) and the language. Everything is fetched first, then the page switches in one
// go, so that state().lesson never names a lesson whose title, prose and program are not
// shown yet.
import { page, changed, emit, SCRATCH, currentLesson, lessonById } from '../store.js';
import { setLang, lang } from '../i18n.js';
import { SCRATCH_ID } from '../url.js';
import { LANGS, choiceError, defaultParams, parseLessonParams } from '../validate.js';
import { showTab } from './settings.js';
import { stopRun } from './run.js';

// A lesson's file (its program, its prose), fetched once; null when it has none.
async function lessonFile(id, name) {
  const key = `${id}/${name}`;
  if (!page.files.has(key)) {
    const response = await fetch(`lessons/${id}/${name}`);
    page.files.set(key, response.ok ? await response.text() : null);
  }
  return page.files.get(key);
}

// The listing in the page's language: main.py (Chinese) or main.en.py (English), as the
// catalogue names it; a lesson without an English listing shows main.py in both.
const programOf = async (lesson) =>
  (lesson.id === SCRATCH_ID ? '' : (await lessonFile(lesson.id, lesson.programs?.[lang()] ?? 'main.py')) ?? '');

const proseOf = async (lesson) => (lesson.id === SCRATCH_ID ? '' : (await lessonFile(lesson.id, `${lang()}.md`)) ?? '');

let selecting = 0;   // the newest select() call; an older one that finishes later gives way

// Selects lesson `id` with `params` ({ name: value }) over its defaults, showing `code` (or
// its own program). Returns the problems with `params` (each value that was not taken).
export async function select(id, params = {}, { code = null } = {}) {
  const lesson = id === SCRATCH_ID ? SCRATCH : lessonById(id);
  if (!lesson) throw new Error(`lesson '${id}' does not exist (valid: ${page.lessons.map((l) => l.id).join(', ')}, ${SCRATCH_ID})`);
  const token = ++selecting;
  if (Object.keys(params ?? {}).length) await page.canvas.loaded;   // the wasm reads the values
  const { values, problems } = parseLessonParams(page.canvas, lesson, params, defaultParams(lesson));
  const original = await programOf(lesson);
  const prose = await proseOf(lesson);
  if (token !== selecting) return problems;   // a newer selection won
  if (page.run.session && page.canvas?.module) stopRun();
  page.lessonId = id;
  page.values = values;
  page.scheduler = {};   // another lesson: its own scheduler settings until the learner changes one
  page.prose = prose;
  page.editor.load(code ?? original, original);
  page.programKept = false;
  changed('lesson');
  showTab('lesson');
  changed('lessons', 'run', 'settings');
  emit('select', { id, params: { ...page.values } });
  return problems;
}

// The listing follows the language unless the learner edited the program: an edit is never
// lost; it stays, "Reset to original" now restores the new language's listing, and a note
// says so (page.programKept).
function switchListing(listing) {
  if (currentLesson()?.id === SCRATCH_ID || listing === page.editor.original) return;
  if (page.editor.edited()) {
    page.editor.setOriginal(listing);
    page.programKept = true;
  } else {
    page.editor.load(listing);
    page.programKept = false;
  }
}

// Switches the page's words, the canvas's and the lesson's prose to `next` (zh or en).
export async function setLanguage(next) {
  const error = choiceError('lang', next, LANGS);
  if (error) throw new Error(error);
  setLang(next);
  changed('lang', 'notices', 'settings');
  if (page.canvas?.module) page.canvas.setLang(lang());
  if (page.lessons.length || page.lessonId) {
    changed('lessons');
    if (page.lessonId) {
      const lesson = currentLesson();
      const [prose, listing] = await Promise.all([proseOf(lesson), programOf(lesson)]);
      if (lesson === currentLesson()) {
        page.prose = prose;
        switchListing(listing);
        changed('lesson');
      }
      changed('run');
    }
  }
  emit('lang', lang());
  return lang();
}
