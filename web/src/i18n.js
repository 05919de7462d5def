// The page's own words in the course's two languages. Lesson text comes from the lessons.
export const TEXT = {
  zh: {
    tagline: '看见并发：在浏览器里运行真正的线程',
    lessons: '课程',
    scratch: '草稿（空白程序）',
    scratch_summary: '写你自己的程序，运行它，分享链接。',
    parts: ['', '第一部分 · 多任务', '第二部分 · 进程', '第三部分 · 线程', '第四部分 · 同步',
      '第五部分 · 队列、进程间通信与池', '第六部分 · GIL', '第七部分 · 同步与异步、协程与服务器'],
    loading: '正在加载…',
    program: '程序',
    parameters: '参数',
    no_params: '这个课程没有参数。',
    reset_code: '恢复原始代码',
    run: '运行', pause: '暂停', step: '单步', reset: '重置', share: '分享链接',
    seed: '种子', mode: '模式',
    runtime_pending: '运行时（解释器与调度器）正在接入，暂时还不能运行。',
    not_isolated_title: '此页面没有跨源隔离',
    not_isolated_text: '浏览器只在跨源隔离的页面里提供 SharedArrayBuffer，而真正的线程需要它。请用 scripts/play.sh 启动的服务器打开本页（它会发送 Cross-Origin-Opener-Policy 和 Cross-Origin-Embedder-Policy 响应头）。确定性模式（det）将在不隔离的页面中继续可用。',
    load_failed_title: '画布加载失败',
    url_problems: '链接中的一些参数无效，已改用默认值：',
    range: '范围',
    list_hint: '用逗号分隔，如 1,2,3',
    share_copied: '链接已复制',
  },
  en: {
    tagline: 'See concurrency: real threads in your browser',
    lessons: 'Lessons',
    scratch: 'Scratch (empty program)',
    scratch_summary: 'Write your own program, run it, share a link.',
    parts: ['', 'Part 1 · Multitasking', 'Part 2 · Processes', 'Part 3 · Threads',
      'Part 4 · Synchronisation', 'Part 5 · Queues, IPC and pools', 'Part 6 · The GIL',
      'Part 7 · Sync and async, coroutines, servers'],
    loading: 'Loading\u2026',
    program: 'Program',
    parameters: 'Parameters',
    no_params: 'This lesson has no parameters.',
    reset_code: 'Reset to original',
    run: 'Run', pause: 'Pause', step: 'Step', reset: 'Reset', share: 'Share link',
    seed: 'seed', mode: 'mode',
    runtime_pending: 'The runtime (interpreter and scheduler) is being connected; runs are not available yet.',
    not_isolated_title: 'This page is not cross-origin isolated',
    not_isolated_text: 'Browsers only offer SharedArrayBuffer, which real threads need, to cross-origin isolated pages. Open this page from the server that scripts/play.sh starts (it sends the Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy headers). Deterministic (det) mode will keep working on pages that are not isolated.',
    load_failed_title: 'The canvas failed to load',
    url_problems: 'Some values in the link were not valid; the defaults are used instead:',
    range: 'range',
    list_hint: 'comma-separated, e.g. 1,2,3',
    share_copied: 'Link copied',
  },
};

export const LANGS = ['zh', 'en'];

let current = 'zh';

export function setLang(lang) { current = LANGS.includes(lang) ? lang : 'zh'; }
export function lang() { return current; }
export function t(key) { return TEXT[current][key] ?? TEXT.en[key] ?? key; }

// A lesson's { zh, en } text in the current language (falling back to the other one).
export function pick(text) {
  if (!text) return '';
  return text[current] || text.zh || text.en || '';
}

// Fills every [data-i18n] element of `root` with its text.
export function translate(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  document.documentElement.lang = current === 'zh' ? 'zh-Hans' : 'en';
}
