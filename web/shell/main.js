// Page bootstrap: language, the isolation check, loading the wasm, and window.interleave.
// The browser main thread only renders and forwards input; work runs on Web Workers.
'use strict';

const TEXT = {
  zh: {
    tagline: '看见并发：在浏览器里运行真正的线程',
    lessons: '课程',
    lessons_soon: '课程列表即将上线。',
    about: '关于',
    about_text: 'Interleave 用真正的线程运行课程里的 Python 程序，并在右侧画布上实时显示每个线程的输出、状态、锁和队列。',
    loading: '正在加载…',
    not_isolated_title: '此页面没有跨源隔离',
    not_isolated_text: '浏览器只在跨源隔离的页面里提供 SharedArrayBuffer，而真正的线程需要它。请用 scripts/play.sh 启动的服务器打开本页（它会发送 Cross-Origin-Opener-Policy 和 Cross-Origin-Embedder-Policy 响应头）。确定性模式（det）将在不隔离的页面中继续可用。',
    load_failed_title: '画布加载失败',
  },
  en: {
    tagline: 'See concurrency: real threads in your browser',
    lessons: 'Lessons',
    lessons_soon: 'The lesson list is coming soon.',
    about: 'About',
    about_text: 'Interleave runs the lessons\u2019 Python programs on real threads and shows every thread\u2019s output, state, locks and queues live on the canvas.',
    loading: 'Loading\u2026',
    not_isolated_title: 'This page is not cross-origin isolated',
    not_isolated_text: 'Browsers only offer SharedArrayBuffer, which real threads need, to cross-origin isolated pages. Open this page from the server that scripts/play.sh starts (it sends the Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy headers). Deterministic (det) mode will keep working on pages that are not isolated.',
    load_failed_title: 'The canvas failed to load',
  },
};

const page = {
  lang: 'zh',
  status: 'loading',   // loading | ready | not-isolated | error
  error: null,
  module: null,
  listeners: {},
};

function t(key) { return TEXT[page.lang][key] ?? TEXT.en[key] ?? key; }

function setLanguage(lang) {
  if (!TEXT[lang]) return;
  page.lang = lang;
  document.documentElement.lang = lang === 'zh' ? 'zh-Hans' : 'en';
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const b of document.querySelectorAll('.lang-switch button'))
    b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  if (page.notice) showNotice(page.notice.title, page.notice.text);
}

function showNotice(titleKey, textKeyOrText) {
  page.notice = { title: titleKey, text: textKeyOrText };
  document.getElementById('notice-title').textContent = t(titleKey);
  document.getElementById('notice-text').textContent = TEXT.en[textKeyOrText] ? t(textKeyOrText) : textKeyOrText;
  document.getElementById('notice').hidden = false;
  document.getElementById('loading').hidden = true;
}

function fail(message) {
  page.status = 'error';
  page.error = String(message);
  showNotice('load_failed_title', page.error);
}

function loadCanvas() {
  const canvas = document.getElementById('canvas');
  canvas.addEventListener('webglcontextlost', (e) => { e.preventDefault(); fail('WebGL context lost'); });
  window.Module = {
    canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    onAbort: (what) => fail(what),
    onRuntimeInitialized() {
      page.module = window.Module;
      document.getElementById('loading').hidden = true;
    },
  };
  const script = document.createElement('script');
  script.src = 'interleave_web.js';
  script.onerror = () => fail('could not load interleave_web.js');
  document.body.appendChild(script);
}

function nativeState() {
  if (!page.module) return { ready: false };
  const ptr = page.module._interleave_state_json();
  return JSON.parse(page.module.UTF8ToString(ptr));
}

window.interleave = {
  // The page's state as JSON-ready data; later issues add the run's state (DESIGN.md).
  state() {
    const isolated = self.crossOriginIsolated === true;
    const native = nativeState();
    if (native.ready && page.status === 'loading') page.status = 'ready';
    return {
      ...native,
      ready: page.status === 'ready',
      status: page.status,
      isolated,
      threads_supported: Boolean(native.threads_supported),
      lang: page.lang,
      error: page.error,
    };
  },
  setLanguage,
};

document.querySelectorAll('.lang-switch button').forEach((b) =>
  b.addEventListener('click', () => setLanguage(b.dataset.lang)));
setLanguage(new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh');

if (self.crossOriginIsolated === true) {
  loadCanvas();
} else {
  page.status = 'not-isolated';
  showNotice('not_isolated_title', 'not_isolated_text');
}
