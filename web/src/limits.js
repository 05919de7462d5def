// Sizes the page refuses before anything reaches the wasm: a program's UTF-8 bytes and a
// share link's compressed program. Errors name the size and the limit, in the page's language.
import { t } from './i18n.js';
import { fill } from './text.js';

export const MAX_PROGRAM_BYTES = 1_000_000;       // 1 MB of UTF-8
// #code=... longer than this is refused unread (a program of 1 MB compresses well below it).
export const MAX_CODE_LINK_CHARS = 1_500_000;

// The standard input a run may have (the host refuses more: lesson::kMaxStdinBytes).
export const MAX_STDIN_BYTES = 1 << 20;

// UTF-8 length of a JS string without encoding it (lone surrogates count as U+FFFD's 3 bytes).
export function utf8Bytes(text) {
  let n = 0;
  for (let i = 0; i < text.length; ++i) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; ++i; }
    else n += 3;
  }
  return n;
}

// "1.3 MB" / "870 KB".
export function sizeText(bytes) {
  return bytes >= 1e6 ? `${Number((bytes / 1e6).toFixed(1))} MB` : `${Math.ceil(bytes / 1e3)} KB`;
}

// null when `code` may run, else the error in the current language.
export function programTooBig(code) {
  const bytes = utf8Bytes(code);
  if (bytes <= MAX_PROGRAM_BYTES) return null;
  return t('program_too_big').replace('{size}', sizeText(bytes)).replace('{limit}', sizeText(MAX_PROGRAM_BYTES));
}

// null when `text` may be a run's standard input, else the error in the current language.
export function stdinTooBig(text) {
  const bytes = utf8Bytes(text);
  if (bytes <= MAX_STDIN_BYTES) return null;
  return fill(t('stdin_too_big'), { limit: MAX_STDIN_BYTES, bytes });
}
