// Lesson prose: Markdown rendered with markdown-it (raw HTML off: lessons are data, not code).
// "Predict, then see" (docs/lesson-format.md): lines `<!-- predict -->`, `<!-- answer -->`
// and `<!-- /answer -->` split the prose into the prediction question and its answer; the
// answer is folded until the learner has run the lesson once or asks to see it.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const MARKER = /^<!--\s*(predict|answer|\/answer)\s*-->\s*$/;

// The prose's parts in order: [{ kind: 'text' | 'predict' | 'answer', markdown }]. A marker
// line starts the part it names; `<!-- /answer -->` goes back to plain text.
export function splitProse(markdown) {
  const parts = [{ kind: 'text', lines: [] }];
  for (const line of (markdown ?? '').split('\n')) {
    const m = MARKER.exec(line.trim());
    if (m) parts.push({ kind: m[1] === '/answer' ? 'text' : m[1], lines: [] });
    else parts[parts.length - 1].lines.push(line);
  }
  return parts.map((p) => ({ kind: p.kind, markdown: p.lines.join('\n') })).filter((p) => p.markdown.trim());
}

function renderPart(part, { folded, showLabel, onShow }) {
  const box = document.createElement(part.kind === 'text' ? 'div' : 'section');
  box.innerHTML = md.render(part.markdown);
  if (part.kind === 'text') return box;
  box.className = `prose-${part.kind}`;
  if (part.kind !== 'answer' || !folded) return box;
  box.hidden = true;
  const show = document.createElement('button');
  show.type = 'button';
  show.className = 'show-answer';
  show.textContent = showLabel;
  show.addEventListener('click', onShow);
  const wrap = document.createElement('div');
  wrap.append(show, box);
  return wrap;
}

// Renders `markdown` into `element`. options: folded (the answer stays hidden behind a
// button labelled showLabel, which calls onShow), showLabel, onShow.
export function renderProse(element, markdown, options = { folded: false }) {
  element.replaceChildren(...splitProse(markdown).map((p) => renderPart(p, options)));
  for (const a of element.querySelectorAll('a')) { a.target = '_blank'; a.rel = 'noopener'; }
}
