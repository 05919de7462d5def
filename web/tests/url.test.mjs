// The URL contract's reader without a browser: share links (#code=...) decompress exactly as
// lz-string's own reader does, and are refused when too long or too big, with the cap
// applied while decompressing (a short link can expand to gigabytes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import lzString from 'lz-string';
import { readUrl, decompressLink, shareUrl } from '../src/url.js';
import { MAX_CODE_LINK_CHARS, MAX_PROGRAM_BYTES, utf8Bytes } from '../src/limits.js';
import { clip } from '../src/text.js';

const { compressToEncodedURIComponent: pack, decompressFromEncodedURIComponent: unpack } = lzString;
const at = (search, hash = '') => ({ search, hash });

// Deterministic pseudo-random program-like text (xorshift): lz-string compresses a long run
// of one character very slowly, so the big inputs are made of words.
const WORDS = ['import', 'threading', 'lock', '线程', 'print(', ')', '\n', '    ', 'x', '=', '1', '🧵', ':', 'for', 'in', 'range(10)'];
function noise(n, seed = 7, words = WORDS) {
  let s = seed, out = '';
  while (out.length < n) { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; out += words[(s >>> 0) % words.length]; }
  return out.slice(0, n);
}
const ascii = (n) => noise(n, 11, WORDS.filter((w) => /^[\x00-\x7f]+$/.test(w)));

test('decompressLink reads what lz-string wrote, exactly as lz-string reads it', () => {
  for (const text of ['x', 'print("hi")\n', '中文 and 🧵 threads\n', noise(1000), noise(60000, 3), 'ab'.repeat(40000)]) {
    const link = pack(text);
    assert.equal(unpack(link), text);
    assert.deepEqual(decompressLink(link, MAX_PROGRAM_BYTES), { text });
    assert.deepEqual(decompressLink(link.replace(/\+/g, ' '), MAX_PROGRAM_BYTES), { text }, 'a + read as a space');
  }
  assert.deepEqual(decompressLink('', 100), { error: 'unreadable' });
  assert.deepEqual(decompressLink('not/valid', 100), { error: 'unreadable' });
  assert.deepEqual(decompressLink(pack(noise(500)).slice(0, 40), 1e6), { error: 'unreadable' }, 'a cut link');
});

test('a 25 KB share link opens the program it carries', () => {
  let code = '';
  for (let i = 0; i < 4200; ++i) code += `print("line ${i}", ${i * 7919 % 1000})\n`;
  const link = pack(code);
  assert.ok(link.length >= 25000, `${link.length}`);
  const url = readUrl(at('?lesson=scratch', `#code=${link}`), []);
  assert.equal(url.code, code);
  assert.equal(url.codeRefused, null);
  assert.deepEqual(url.problems, []);
});

test('a link that expands past the program limit is refused while expanding', () => {
  const bomb = pack('a'.repeat(200_000));
  assert.ok(bomb.length < 1000, `${bomb.length}`);
  assert.equal(unpack(bomb).length, 200_000);
  assert.deepEqual(decompressLink(bomb, 1000), { error: 'too-big' });
  const over = ascii(MAX_PROGRAM_BYTES + 1);
  const url = readUrl(at('?lesson=scratch&lang=en', `#code=${pack(over)}`), []);
  assert.equal(url.code, null);
  assert.equal(url.codeRefused.reason, 'too-big');
  assert.equal(url.lang, 'en', 'the rest of the link still applies');
  // Over the limit in UTF-8 although under it in UTF-16 units.
  const wide = noise(600_000, 5, ['线程', '锁', '队列', ' ', '\n']);
  assert.ok(wide.length < MAX_PROGRAM_BYTES && utf8Bytes(wide) > MAX_PROGRAM_BYTES);
  assert.equal(readUrl(at('', `#code=${pack(wide)}`), []).codeRefused.reason, 'too-big');
  const fits = ascii(MAX_PROGRAM_BYTES);
  assert.equal(readUrl(at('', `#code=${pack(fits)}`), []).code, fits);
});

test('a link longer than the limit is refused unread', () => {
  const url = readUrl(at('?mode=det', `#code=${'A'.repeat(MAX_CODE_LINK_CHARS + 1)}`), []);
  assert.equal(url.code, null);
  assert.deepEqual(url.codeRefused, { reason: 'too-long', link_chars: MAX_CODE_LINK_CHARS + 1 });
  assert.equal(url.mode, 'det');
});

test('utf8Bytes counts as TextEncoder does', () => {
  for (const s of ['', 'abc', 'é', '中文', '🧵x', noise(5000), '\ud800 lone'])
    assert.equal(utf8Bytes(s), new TextEncoder().encode(s).length, JSON.stringify(s.slice(0, 20)));
});

test('echoed values are cut to 40 characters', () => {
  assert.equal(clip('abc'), 'abc');
  assert.equal(clip('x'.repeat(40)), 'x'.repeat(40));
  assert.equal(clip('x'.repeat(41)), `${'x'.repeat(40)}…`);
  assert.equal(clip('🧵'.repeat(50)), `${'🧵'.repeat(40)}…`, 'whole code points');
  const url = readUrl(at(`?mode=${'m'.repeat(1000)}&lesson=${'l'.repeat(1000)}`), ['a']);
  for (const p of url.problems) assert.ok(p.length < 200, p);
  assert.ok(url.problems.some((p) => p.includes(`got '${'m'.repeat(40)}…'`)));
  assert.match(shareUrl('http://x/', { lesson: 'scratch', lang: 'en', mode: 'det', seed: null, sets: {}, code: 'print(1)' }), /#code=/);
});

test('a share link carries the standard input beside the program; too much is left out with a problem', () => {
  const stdin = 'Ada\n3\n中文 行\n  spaced + plus  \n';
  const link = new URL(shareUrl('http://x/', { lesson: 'scratch', lang: 'en', mode: 'det', seed: null, sets: {}, code: 'print(input())\n', stdin }));
  const url = readUrl(at(link.search, link.hash), []);
  assert.equal(url.code, 'print(input())\n');
  assert.equal(url.stdin, stdin);
  assert.deepEqual(url.problems, []);
  const bare = new URL(shareUrl('http://x/', { lesson: 'scratch', lang: 'en', mode: 'det', seed: null, sets: {}, code: null }));
  assert.equal(bare.hash, '');
  const big = readUrl(at('?lesson=scratch', `#stdin=${pack(noise((1 << 20) + 10))}`), []);
  assert.equal(big.stdin, null);
  assert.match(big.problems[0], /standard input in the link \(#stdin=\.\.\.\) is over 1 MB \(1048576 bytes\)/);
});
