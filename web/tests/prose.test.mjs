// "Predict, then see" without a browser: the prose splits at its marker lines into the
// question and the answer the page folds (docs/lesson-format.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { splitProse } from '../src/prose.js';

const LESSONS = new URL('../../lessons', import.meta.url).pathname;

test('the markers split the prose into text, the question, the answer and text again', () => {
  const parts = splitProse('## Look\nx\n<!-- predict -->\n## Predict\nHow long?\n  <!--answer-->  \n3 s.\n<!-- /answer -->\n## Try\ny\n');
  assert.deepEqual(parts.map((p) => p.kind), ['text', 'predict', 'answer', 'text']);
  assert.match(parts[1].markdown, /How long\?/);
  assert.equal(parts[2].markdown.trim(), '3 s.');
  assert.match(parts[3].markdown, /## Try/);
});

test('prose without markers is one text part, and a comment that is not a marker stays text', () => {
  assert.deepEqual(splitProse('## A\nb\n').map((p) => p.kind), ['text']);
  const parts = splitProse('a <!-- answer --> b\n');
  assert.deepEqual(parts.map((p) => p.kind), ['text']);
  assert.match(parts[0].markdown, /<!-- answer -->/);
});

test('every lesson folds the answer to its prediction, in both languages', () => {
  for (const id of readdirSync(LESSONS)) {
    for (const lang of ['zh', 'en']) {
      const file = join(LESSONS, id, `${lang}.md`);
      if (!existsSync(file)) continue;
      const kinds = splitProse(readFileSync(file, 'utf8')).map((p) => p.kind);
      assert.ok(kinds.includes('predict') && kinds.includes('answer'), `${id}/${lang}.md: ${kinds}`);
    }
  }
});
