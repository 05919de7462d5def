// The playground page: lesson list, prose, editor, parameters, run controls, the run as HTML,
// the URL, window.interleave and (in an iframe) the same API by postMessage.
// The browser main thread only renders and forwards input; runs happen in the wasm's workers.
// Here the page starts: the views subscribe to the store, the wasm loads while the lessons
// are fetched and the first one (from the URL) is shown. The data flow is in store.js.
import { page, changed, emit, markReady } from './store.js';
import { lang } from './i18n.js';
import './explore_text.js';
import { ProgramEditor } from './editor.js';
import { readUrl, SCRATCH_ID } from './url.js';
import { Canvas } from './canvas.js';
import { sizeText, MAX_PROGRAM_BYTES, MAX_CODE_LINK_CHARS } from './limits.js';
import { startEmbedBridge } from './embed.js';
import { api } from './api.js';
import { select, setLanguage } from './actions/lesson.js';
import { setMode, setScheduler, setStdin } from './actions/settings.js';
import { notify, fail } from './actions/notices.js';
import { pollNow, watchWorkers } from './actions/poll.js';
import { startLanguageView, startToolbarView } from './views/toolbar.js';
import { startLessonViews } from './views/lessons.js';
import { startNoticesView } from './views/notices.js';
import { startReportView } from './views/report.js';
import { startSteppingView } from './views/stepping.js';
import { startSourceErrorView } from './views/source_error.js';
import { startControlsView } from './views/controls.js';
import { startSplit } from './views/split.js';
import { startExploreView } from './views/explore.js';
import { startChallengeView } from './views/challenge.js';
import { startStdinView } from './views/stdin.js';
import { startChallenges } from './actions/challenge.js';

const $ = (id) => document.getElementById(id);

window.interleave = api;

function startViews() {
  startLanguageView();
  startLessonViews();
  startNoticesView();
  startToolbarView();
  startControlsView();
  startReportView();
  startSteppingView();
  startSourceErrorView();
  startExploreView();
  startChallengeView();
  startStdinView();
  startChallenges();
}

// An 800x600 iframe: the controls go into the side column so the canvas keeps its height.
function layoutEmbed() {
  document.body.classList.toggle('embed', page.embed);
  if (page.embed) {
    const toolbar = document.querySelector('.toolbar');
    toolbar.querySelector('.row').prepend(document.querySelector('.topbar .mode'));
    toolbar.querySelector('.row').append(document.getElementById('scheduler'));
    document.querySelector('.workbench').prepend(toolbar);
  }
  if (window.parent !== window) document.body.classList.add('framed');
}

// The link's #code= was not opened: why, with the sizes.
function codeRefusedNotice(refused) {
  const tooLong = refused.reason === 'too-long';
  notify({ kind: 'warn', titleKey: 'code_link_refused_title', textKey: tooLong ? 'code_link_too_long' : 'code_link_too_big',
    vars: { size: sizeText(refused.link_chars), limit: sizeText(MAX_PROGRAM_BYTES) }, dismissable: true,
    items: [tooLong ? `the link's #code= has ${refused.link_chars} characters (at most ${MAX_CODE_LINK_CHARS} are read)`
      : `the link's program is larger than ${MAX_PROGRAM_BYTES} bytes of UTF-8 when unpacked`] });
}

// Each frame until the canvas has drawn twice; then the page is ready.
function whenCanvasDraws(url) {
  if (page.status !== 'loading') return;
  if (!page.canvas.state().ready) { requestAnimationFrame(() => whenCanvasDraws(url)); return; }
  page.status = 'ready';
  changed('settings');
  if (url.mode === 'free' && !page.canvas.state().threads_supported) setMode('det');
  pollNow();
  changed('run');
  markReady();
  watchWorkers();
  emit('ready', api.state());
}

async function start() {
  page.editor = new ProgramEditor($('editor'));
  startViews();

  // The wasm loads while the lessons are fetched and the first one is shown.
  const isolated = self.crossOriginIsolated === true;
  const canvasLoaded = (page.canvas = new Canvas($('canvas'), fail)).load(isolated);

  const response = await fetch('lessons.json');
  page.lessons = response.ok ? await response.json() : [];
  const url = readUrl(location, page.lessons.map((l) => l.id));
  page.embed = url.embed;
  layoutEmbed();
  startSplit(page.embed);
  startEmbedBridge(api, url.origin);
  setMode(url.mode ?? 'det');
  page.seed = url.seed;
  changed('seed');
  await setLanguage(url.lang ?? 'zh');
  const first = url.lesson ?? (url.code || url.codeRefused ? SCRATCH_ID : page.lessons[0]?.id ?? SCRATCH_ID);
  if (url.codeRefused) codeRefusedNotice(url.codeRefused);
  const problems = [...url.problems, ...(await select(first, url.sets, { code: url.code }))];
  if (url.stdin !== null) setStdin(url.stdin);
  for (const [name, value] of Object.entries(url.scheduler)) {
    try { setScheduler(name, value); } catch (e) { problems.push(e.message); }
  }
  if (problems.length) notify({ kind: 'warn', titleKey: 'url_problems', items: problems, dismissable: true });

  // Not isolated: the build without threads runs det mode on this thread; free mode is off.
  if (!isolated) notify({ kind: 'warn', titleKey: 'not_isolated_title', textKey: 'not_isolated_text' });
  await canvasLoaded;
  page.canvas.setLang(lang());
  $('loading').hidden = true;
  whenCanvasDraws(url);
}

start().catch((e) => fail(e?.message ?? e));
