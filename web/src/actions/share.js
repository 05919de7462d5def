// The share link: a URL that reproduces the current view (DESIGN.md's URL contract).
import { page, currentLesson } from '../store.js';
import { t, lang } from '../i18n.js';
import { paramText } from '../params.js';
import { shareUrl, SCRATCH_ID } from '../url.js';
import { sizeText, utf8Bytes, MAX_PROGRAM_BYTES, MAX_CODE_LINK_CHARS } from '../limits.js';
import { fill } from '../text.js';

// The link for the current lesson, language, mode, seed, the parameters that differ from
// their defaults and the program when edited. Throws (in the page's language) when the
// program is too big for a link.
export function shareLink() {
  const url = currentShareUrl();
  const packed = new URL(url).hash.length;
  if (packed > MAX_CODE_LINK_CHARS)
    throw new Error(fill(t('share_too_big'), { size: sizeText(packed), limit: sizeText(MAX_CODE_LINK_CHARS) }));
  return url;
}

function currentShareUrl() {
  const lesson = currentLesson();
  const code = page.editor.edited() || page.lessonId === SCRATCH_ID ? page.editor.text() : null;
  const bytes = code === null ? 0 : utf8Bytes(code);
  if (bytes > MAX_PROGRAM_BYTES) throw new Error(fill(t('share_too_big'), { size: sizeText(bytes), limit: sizeText(MAX_PROGRAM_BYTES) }));
  const sets = {};
  for (const p of lesson.params)
    if (JSON.stringify(page.values[p.name]) !== JSON.stringify(p.default)) sets[p.name] = paramText(p, page.values[p.name]);
  return shareUrl(location.href, {
    lesson: page.lessonId, lang: lang(), mode: page.mode, seed: page.seed, sets, scheduler: page.scheduler,
    code, stdin: page.stdin, embed: page.embed,
  });
}
