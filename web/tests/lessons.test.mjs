// The lesson side of the page: the list grouped by part, prose and program of a lesson,
// parameter controls with their ranges, the URL contract and share links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveSite, launchBrowser, openPage, waitForState, artifactPath } from './harness.mjs';

let browser, site;
before(async () => { browser = await launchBrowser(); site = await serveSite(); });
after(async () => { await browser?.close(); await site?.close(); });

const loaded = () => window.interleave?.state().lesson !== null && window.interleave?.state().lesson !== undefined;

test('every lesson of the catalogue is listed and opens with its prose and program', async () => {
  const { page, errors } = await openPage(browser.context, site.url);
  await waitForState(page, loaded);
  const lessons = await page.evaluate(() => window.interleave.lessons());
  const links = await page.locator('.lesson-link').evaluateAll((as) => as.map((a) => a.dataset.lesson));
  assert.deepEqual(links, ['scratch', ...lessons.map((l) => l.id)]);
  for (const lesson of lessons) {
    await page.click(`.lesson-link[data-lesson="${lesson.id}"]`);
    await page.waitForFunction((id) => window.interleave.state().lesson === id, lesson.id);
    assert.equal(await page.locator('#lesson-title').innerText(), lesson.title.zh);
    const editorText = await page.locator('.cm-content').innerText();
    assert.ok(editorText.trim().length > 0, `${lesson.id}: the program is empty`);
    assert.ok((await page.locator('#prose').innerText()).trim().length > 0, `${lesson.id}: no prose`);
    assert.equal(await page.locator('.param').count(), lesson.params.length);
  }
  assert.deepEqual(errors, []);
});

test('URL values select the lesson, language and parameters; invalid ones are named', async () => {
  const lessons = await (await fetch(new URL('lessons.json', site.url))).json();
  const lesson = lessons.find((l) => l.params.some((p) => p.type === 'int' && p.max !== undefined));
  if (!lesson) return;  // no lesson with a bounded int parameter yet
  const p = lesson.params.find((x) => x.type === 'int' && x.max !== undefined);
  const { page } = await openPage(browser.context,
    `${site.url}?lesson=${lesson.id}&lang=en&set.${p.name}=${p.max + 1}&set.nosuch=1&seed=x&mode=fast`);
  const state = await waitForState(page, loaded);
  assert.equal(state.lesson, lesson.id);
  assert.equal(state.lang, 'en');
  assert.equal(state.mode, 'det');
  assert.equal(state.params[p.name], p.default);
  const notices = state.notices.join('\n');
  assert.match(notices, new RegExp(`${p.name} must be a whole number from ${p.min} to ${p.max}, got '${p.max + 1}'`));
  assert.match(notices, /unknown parameter 'nosuch'/);
  assert.match(notices, /seed must be a whole number/);
  assert.match(notices, /mode must be det or free, got 'fast'/);
  assert.equal(await page.locator('#notices').isVisible(), true);
  await page.screenshot({ path: artifactPath('page-url-problems-en.png') });

  const { page: bad } = await openPage(browser.context, `${site.url}?lesson=nope`);
  const fallback = await waitForState(bad, loaded);
  assert.equal(fallback.lesson, lessons[0].id);
  assert.match(fallback.notices.join('\n'), /lesson 'nope' does not exist/);
});

test('a share link carries the edited program and parameters', async () => {
  const { page } = await openPage(browser.context, `${site.url}?lesson=scratch`);
  await waitForState(page, loaded);
  await page.locator('.cm-content').click();
  await page.keyboard.type('print("shared 分享")');
  const url = await page.evaluate(() => window.interleave.shareUrl());
  assert.match(url, /#code=/);
  const { page: other } = await openPage(browser.context, url);
  await waitForState(other, loaded);
  assert.match(await other.locator('.cm-content').innerText(), /print\("shared 分享"\)/);
});

test('screenshots of a lesson in both languages', async () => {
  const lessons = await (await fetch(new URL('lessons.json', site.url))).json();
  const id = lessons.find((l) => l.id === 'race-condition')?.id ?? lessons[0]?.id ?? 'scratch';
  for (const lang of ['zh', 'en']) {
    const { page } = await openPage(browser.context, `${site.url}?lesson=${id}&lang=${lang}`);
    await waitForState(page, () => window.interleave?.state().ready === true);
    await page.screenshot({ path: artifactPath(`page-lesson-${lang}.png`) });
  }
});
