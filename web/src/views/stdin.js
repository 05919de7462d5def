// The Standard input box under the editor: what input() reads, one line per call. Typing goes
// to setStdin; the box repaints on 'stdin' (run({stdin}) from the API) and 'lang'. It opens by
// itself when it holds text or when the program calls input().
import { page, subscribe } from '../store.js';
import { t } from '../i18n.js';
import { fill } from '../text.js';
import { stdinTooBig } from '../limits.js';
import { setStdin } from '../actions/settings.js';

const USES_INPUT = /\binput\s*\(/;

function lineCount(text) {
  if (!text) return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function renderStdin() {
  const box = document.getElementById('stdin');
  if (box.value !== page.stdin) box.value = page.stdin;
  const n = lineCount(page.stdin);
  document.getElementById('stdin-summary').textContent = n ? fill(t('stdin_lines'), { n }) : '';
  const error = stdinTooBig(page.stdin);
  const p = document.getElementById('stdin-error');
  p.textContent = error || '';
  p.hidden = !error;
  if (page.stdin) document.getElementById('stdin-box').open = true;
}

// A program that calls input() shows the box, so the learner sees where its lines come from.
function openForProgram() {
  if (page.editor && USES_INPUT.test(page.editor.text())) document.getElementById('stdin-box').open = true;
}

export function startStdinView() {
  document.getElementById('stdin').addEventListener('input', (e) => setStdin(e.target.value));
  subscribe(['stdin', 'lang'], renderStdin);
  subscribe(['lesson', 'run'], openForProgram);
  renderStdin();
}
