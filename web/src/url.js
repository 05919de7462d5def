// The page's URL contract (DESIGN.md): ?lesson=ID&lang=zh|en&mode=det|free&seed=N&set.NAME=V
// &switch_points=any|cpython&gil=on|off&cores=1..64&instruction_ns=0..1000000 (det scheduler)
// &embed=1&origin=O (the embedder allowed to drive the page by postMessage), and #code=... (a compressed program) for shared scratch programs
// and &stdin=... (the compressed standard input) after it.
import lzString from 'lz-string';   // CommonJS: a default import works in esbuild and node
import { clip } from './text.js';
import { MAX_CODE_LINK_CHARS, MAX_PROGRAM_BYTES, MAX_STDIN_BYTES, utf8Bytes } from './limits.js';
import { LANGS, MODES, choiceError, seedValid, seedError } from './validate.js';
import { SCHEDULER_NAMES, schedulerValue } from './scheduler.js';

const { compressToEncodedURIComponent } = lzString;

export const SCRATCH_ID = 'scratch';

// Reads the URL; every invalid value is dropped with a message in `problems`.
export function readUrl(location, lessonIds) {
  const q = new URLSearchParams(location.search);
  const out = { lesson: null, lang: null, mode: null, seed: null, sets: {}, scheduler: {}, embed: false, origin: null,
    code: null, codeRefused: null, stdin: null, problems: [] };
  const lesson = q.get('lesson');
  if (lesson !== null) {
    if (lesson === SCRATCH_ID || lessonIds.includes(lesson)) out.lesson = lesson;
    else out.problems.push(`lesson '${clip(lesson)}' does not exist (valid: ${lessonIds.join(', ')}, ${SCRATCH_ID})`);
  }
  for (const [name, choices] of [['lang', LANGS], ['mode', MODES]]) {
    const value = q.get(name);
    if (value === null) continue;
    const error = choiceError(name, value, choices);
    if (error) out.problems.push(error); else out[name] = value;
  }
  const seed = q.get('seed');
  if (seed !== null) {
    if (seedValid(seed)) out.seed = seed;
    else out.problems.push(seedError(seed));
  }
  for (const name of SCHEDULER_NAMES) {
    const value = q.get(name);
    if (value === null) continue;
    const read = schedulerValue(name, value);
    if (read.error) out.problems.push(read.error); else out.scheduler[name] = read.value;
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
    // Refused unread when the link is too long, and read with a cap: a few KB of lz-string
    // can expand to gigabytes.
    const packed = hash.get('code');
    const read = packed.length > MAX_CODE_LINK_CHARS ? { error: 'too-long' } : decompressLink(packed, MAX_PROGRAM_BYTES);
    if (read.text !== undefined && utf8Bytes(read.text) > MAX_PROGRAM_BYTES) read.error = 'too-big';
    if (read.error === 'too-long' || read.error === 'too-big') out.codeRefused = { reason: read.error, link_chars: packed.length };
    else if (read.text) out.code = read.text;
    else out.problems.push('the shared program in the link (#code=...) could not be read');
  }
  if (hash.has('stdin')) {
    const packed = hash.get('stdin');
    const read = packed.length > MAX_CODE_LINK_CHARS ? { error: 'too-big' } : decompressLink(packed, MAX_STDIN_BYTES);
    if (read.text !== undefined && utf8Bytes(read.text) > MAX_STDIN_BYTES) read.error = 'too-big';
    if (read.error === 'too-big') out.problems.push(`the standard input in the link (#stdin=...) is over 1 MB (${MAX_STDIN_BYTES} bytes): left out`);
    else if (read.text !== undefined) out.stdin = read.text;
    else out.problems.push('the standard input in the link (#stdin=...) could not be read');
  }
  return out;
}

// A link that reproduces the current view: lesson, language, mode, seed, the scheduler settings
// the learner chose, the parameters that differ from their defaults, the program when it
// was edited, and the standard input when there is one.
export function shareUrl(base, { lesson, lang, mode, seed, sets, scheduler = {}, code, stdin = '', embed = false }) {
  const q = new URLSearchParams();
  q.set('lesson', lesson);
  q.set('lang', lang);
  q.set('mode', mode);
  if (seed !== null && seed !== undefined) q.set('seed', String(seed));
  for (const name of SCHEDULER_NAMES) if (scheduler[name] !== undefined) q.set(name, String(scheduler[name]));
  for (const [name, text] of Object.entries(sets)) q.set(`set.${name}`, text);
  if (embed) q.set('embed', '1');
  const url = new URL(base);
  url.search = q.toString();
  const hash = [];
  if (code) hash.push(`code=${compressToEncodedURIComponent(code)}`);
  if (stdin) hash.push(`stdin=${compressToEncodedURIComponent(stdin)}`);
  url.hash = hash.join('&');
  return url.toString();
}

const URI_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const URI_VALUE = new Map([...URI_ALPHABET].map((c, i) => [c, i]));

// lz-string's decompressFromEncodedURIComponent (the same bit format), stopping once the
// output passes `maxChars` UTF-16 units. Returns { text }, or { error: 'too-big' | 'unreadable' }.
export function decompressLink(input, maxChars) {
  input = input.replace(/ /g, '+');   // URLSearchParams reads '+' as a space
  const values = new Uint8Array(input.length);
  for (let i = 0; i < input.length; ++i) {
    const v = URI_VALUE.get(input[i]);
    if (v === undefined) return { error: 'unreadable' };
    values[i] = v;
  }
  if (!values.length) return { error: 'unreadable' };
  let val = values[0], position = 32, index = 1;
  const read = (numBits) => {
    let bits = 0;
    for (let power = 1, max = 2 ** numBits; power !== max; power *= 2) {
      const bit = val & position;
      position >>= 1;
      if (position === 0) { position = 32; val = values[index++] ?? 0; }
      if (bit) bits += power;
    }
    return bits;
  };
  const dictionary = [0, 1, 2];
  let enlargeIn = 4, dictSize = 4, numBits = 3;
  const first = read(2);
  if (first === 2) return { text: '' };
  let w = String.fromCharCode(read(first === 0 ? 8 : 16));
  dictionary[3] = w;
  const result = [w];
  let total = w.length;
  for (;;) {
    if (index > values.length) return { error: 'unreadable' };
    let c = read(numBits);
    if (c === 2) return { text: result.join('') };
    if (c === 0 || c === 1) {
      dictionary[dictSize++] = String.fromCharCode(read(c === 0 ? 8 : 16));
      c = dictSize - 1;
      if (--enlargeIn === 0) { enlargeIn = 2 ** numBits; numBits++; }
    }
    let entry;
    if (c < dictSize && typeof dictionary[c] === 'string') entry = dictionary[c];
    else if (c === dictSize) entry = w + w.charAt(0);
    else return { error: 'unreadable' };
    total += entry.length;
    if (total > maxChars) return { error: 'too-big' };
    result.push(entry);
    dictionary[dictSize++] = w + entry.charAt(0);
    w = entry;
    if (--enlargeIn === 0) { enlargeIn = 2 ** numBits; numBits++; }
  }
}
