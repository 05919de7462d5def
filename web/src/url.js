// The page's URL contract (DESIGN.md): ?lesson=ID&lang=zh|en&mode=det|free&seed=N&set.NAME=V
// &embed=1&origin=O (the embedder allowed to drive the page by postMessage), and #code=... (a compressed program) for shared scratch programs.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { clip } from './text.js';

export const SCRATCH_ID = 'scratch';
const MAX_SEED = 2n ** 64n - 1n;

// Reads the URL; every invalid value is dropped with a message in `problems`.
export function readUrl(location, lessonIds) {
  const q = new URLSearchParams(location.search);
  const out = { lesson: null, lang: null, mode: null, seed: null, sets: {}, embed: false, origin: null, code: null, problems: [] };
  const lesson = q.get('lesson');
  if (lesson !== null) {
    if (lesson === SCRATCH_ID || lessonIds.includes(lesson)) out.lesson = lesson;
    else out.problems.push(`lesson '${clip(lesson)}' does not exist (valid: ${lessonIds.join(', ')}, ${SCRATCH_ID})`);
  }
  const lang = q.get('lang');
  if (lang !== null) {
    if (lang === 'zh' || lang === 'en') out.lang = lang;
    else out.problems.push(`lang must be zh or en, got '${clip(lang)}'`);
  }
  const mode = q.get('mode');
  if (mode !== null) {
    if (mode === 'det' || mode === 'free') out.mode = mode;
    else out.problems.push(`mode must be det or free, got '${clip(mode)}'`);
  }
  const seed = q.get('seed');
  if (seed !== null) {
    if (/^\d{1,20}$/.test(seed) && BigInt(seed) <= MAX_SEED) out.seed = seed;
    else out.problems.push(`seed must be a whole number from 0 to ${MAX_SEED}, got '${clip(seed)}'`);
  }
  for (const [key, value] of q) if (key.startsWith('set.')) out.sets[key.slice(4)] = value;
  const embed = q.get('embed');
  if (embed !== null) {
    if (embed === '1' || embed === '0') out.embed = embed === '1';
    else out.problems.push(`embed must be 1 or 0, got '${clip(embed)}'`);
  }
  const origin = q.get('origin');
  if (origin !== null) {
    let parsed = null;
    try { parsed = new URL(origin).origin; } catch { parsed = null; }
    if (parsed && parsed !== 'null' && parsed === origin.replace(/\/$/, '')) out.origin = parsed;
    else out.problems.push(`origin must be the embedding page's origin, like https://course.example, got '${clip(origin)}'`);
  }
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  if (hash.has('code')) {
    const code = decompressFromEncodedURIComponent(hash.get('code'));
    if (typeof code === 'string' && code.length) out.code = code;
    else out.problems.push('the shared program in the link (#code=...) could not be read');
  }
  return out;
}

// A link that reproduces the current view: lesson, language, mode, seed, the parameters that
// differ from their defaults, and the program when it was edited.
export function shareUrl(base, { lesson, lang, mode, seed, sets, code, embed = false }) {
  const q = new URLSearchParams();
  q.set('lesson', lesson);
  q.set('lang', lang);
  q.set('mode', mode);
  if (seed !== null && seed !== undefined) q.set('seed', String(seed));
  for (const [name, text] of Object.entries(sets)) q.set(`set.${name}`, text);
  if (embed) q.set('embed', '1');
  const url = new URL(base);
  url.search = q.toString();
  url.hash = code ? `code=${compressToEncodedURIComponent(code)}` : '';
  return url.toString();
}
