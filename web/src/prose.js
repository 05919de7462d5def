// Lesson prose: Markdown rendered with markdown-it (raw HTML off: lessons are data, not code).
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

export function renderProse(element, markdown) {
  element.innerHTML = md.render(markdown ?? '');
  for (const a of element.querySelectorAll('a')) { a.target = '_blank'; a.rel = 'noopener'; }
}
