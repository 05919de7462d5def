// The lesson side of the page: the list grouped by part, prose and program of a lesson,
// parameter controls with their ranges, the URL contract and share links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
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
    // select() shows the title, prose, program and parameters before state().lesson and the
    // 'select' event name the new lesson, so nothing needs to be waited for after it.
    const selected = page.evaluate(() => new Promise((resolve) => {
      const off = window.interleave.on('select', (e) => { off(); resolve(e.id); });
    }));
    await page.click(`.lesson-link[data-lesson="${lesson.id}"]`);
    assert.equal(await selected, lesson.id);
    assert.equal(await page.evaluate(() => window.interleave.state().lesson), lesson.id);
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
  assert.ok(lesson, 'no lesson has a bounded int parameter: this test needs one');
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

test('a parameter typed into its control is read by the CLI\'s reader: its error shows beside it, a good value is taken', async () => {
  const { page, errors } = await openPage(browser.context, `${site.url}?lesson=race-condition&lang=en`);
  await waitForState(page, loaded);
  const lesson = (await page.evaluate(() => window.interleave.lessons())).find((l) => l.id === 'race-condition');
  const p = lesson.params.find((x) => x.type === 'int' && x.max !== undefined && x.max - x.min > 1000);
  assert.ok(p, 'race-condition has no int parameter typed as text: this test needs one');
  const row = page.locator(`#params [data-param="${p.name}"]`);
  await row.locator('input').fill(String(p.max + 1));
  assert.equal(await row.locator('.param-error').innerText(),
    `${p.name} must be a whole number from ${p.min} to ${p.max}, got '${p.max + 1}'`);
  assert.equal(await row.getAttribute('class'), 'param invalid');
  assert.equal(await page.evaluate((n) => window.interleave.state().params[n], p.name), p.default);
  await row.locator('input').fill(' 1e3 ');   // the CLI's --set takes whole numbers only
  assert.match(await row.locator('.param-error').innerText(), /got ' 1e3 '/);
  await row.locator('input').fill(` ${p.min} `);
  assert.equal(await row.locator('.param-error').innerText(), '');
  assert.equal(await page.evaluate((n) => window.interleave.state().params[n], p.name), p.min);
  assert.deepEqual(errors, []);
});

test('hostile URL values: each echo is cut to 40 characters, a notice lists 5 and counts the rest', async () => {
  // Node's server takes 16 KB of headers: 600 values and two of 2000 characters fit.
  const long = 'A'.repeat(2000);
  const sets = Array.from({ length: 600 }, (_, i) => `set.p${i}=${'x'.repeat(5)}`).join('&');
  const { page, errors } = await openPage(browser.context,
    `${site.url}?lesson=scratch&lang=en&mode=${long}&seed=${long}&${sets}`);
  const state = await waitForState(page, loaded);
  assert.equal(state.mode, 'det');
  const notices = state.notices;
  assert.ok(notices.length >= 602, `${notices.length} problems`);
  assert.ok(notices.includes(`mode must be det or free, got '${'A'.repeat(40)}…'`), notices[0]);
  for (const n of notices) assert.ok(n.length < 400, `a notice of ${n.length} characters: ${n.slice(0, 80)}`);
  const box = page.locator('#notices');
  assert.equal(await box.locator('li').count(), 6);
  assert.equal(await box.locator('li.notice-more').innerText(), `and ${notices.length - 5} more`);
  const height = await box.evaluate((el) => el.getBoundingClientRect().height);
  const stage = await page.locator('#stage').evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(height <= stage, `the notices are ${height} px tall in a ${stage} px stage`);
  await page.evaluate(() => window.interleave.setLanguage('zh'));
  assert.match(await box.locator('li.notice-more').innerText(), new RegExp(`另有 ${notices.length - 5} 条`));
  await page.screenshot({ path: artifactPath('page-url-hostile.png') });
  assert.deepEqual(errors, []);
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

// Both languages: zh runs each lesson's Chinese listing (main.py), en its English one.
for (const lang of ['en', 'zh']) {
  test(`every lesson runs in det mode in ${lang} and its checks pass (one screenshot each)`, async () => {
    const { page, errors } = await openPage(browser.context, `${site.url}?lang=${lang}`);
    await waitForState(page, () => window.interleave?.state().ready === true);
    const lessons = await page.evaluate(() => window.interleave.lessons());
    const failures = [];
    for (const lesson of lessons) {
      await page.evaluate((id) => window.interleave.select(id), lesson.id);
      const state = await page.evaluate(() => window.interleave.run({ mode: 'det' }));
      const bad = state.checks.filter((c) => c.verdict === 'fail' || c.verdict === 'error');
      if (!['finished', 'deadlock'].includes(state.status)) failures.push(`${lesson.id}: status ${state.status}: ${state.stderr}`);
      if (bad.length) failures.push(`${lesson.id}: ${bad.map((c) => `${c.name} ${c.verdict} ${c.detail}`).join('; ')}`);
      if (state.checks.length !== lesson.checks.length) failures.push(`${lesson.id}: ${state.checks.length} checks reported, ${lesson.checks.length} declared`);
      await page.waitForTimeout(100);   // the canvas shows the report from its next frame
      await page.screenshot({ path: artifactPath(`lesson-${lesson.id}-${lang}.png`) });
    }
    assert.deepEqual(failures, [], failures.join('\n'));
    assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
  });
}

test('embedded: the API by postMessage, only from the origin the embedder names', async () => {
  // The course page: another origin (another port), cross-origin isolated itself.
  const course = createServer((req, res) => {
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp',
    });
    res.end(coursePage);
  });
  await new Promise((ok) => course.listen(0, '127.0.0.1', ok));
  const EMBEDDER = `http://127.0.0.1:${course.address().port}`;
  const frameUrl = `${site.url}?lesson=race-condition&lang=en&embed=1&origin=${encodeURIComponent(EMBEDDER)}`;
  const coursePage = `<!doctype html><meta charset="utf-8"><title>course</title><body style="margin:0">
<iframe id="lesson" src="${frameUrl}" width="800" height="600" style="border:0" allow="cross-origin-isolated"></iframe>
<script>
  window.events = []; window.replies = {};
  addEventListener('message', (e) => {
    if (e.origin !== '${new URL(site.url).origin}') return;
    if (e.data.event) window.events.push(e.data); else window.replies[e.data.id] = e.data;
  });
  let next = 1;
  window.call = (call, ...args) => new Promise((resolve) => {
    const id = next++;
    document.getElementById('lesson').contentWindow.postMessage({ id, call, args }, '*');
    const wait = () => (window.replies[id] ? resolve(window.replies[id]) : setTimeout(wait, 20));
    wait();
  });
</script>`;
  const host = await browser.context.newPage();
  const errors = [];
  host.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  host.on('pageerror', (err) => errors.push(String(err)));
  await host.goto(`${EMBEDDER}/course/lesson.html`);
  await host.waitForFunction(() => window.events.some((e) => e.event === 'ready'), null, { timeout: 20000 });
  const frame = host.frames().find((f) => f.url().startsWith(site.url));
  assert.equal(await frame.evaluate(() => self.crossOriginIsolated), true);
  assert.equal(await frame.locator('.sidebar').isVisible(), false);
  assert.equal(await frame.locator('#canvas').isVisible(), true);
  assert.equal(await frame.locator('#run').isVisible(), true);

  const lessons = await host.evaluate(() => window.call('lessons'));
  assert.ok(lessons.result.some((l) => l.id === 'race-condition'));
  const reply = await host.evaluate(() => window.call('run', { mode: 'det', params: { iterations: 2000 } }));
  assert.equal(reply.error, undefined);
  assert.equal(reply.result.status, 'finished');
  // The reply carries the run's own results: 2 threads x 2000 unlocked updates lose some (det).
  const { expected, final, lost_updates: lost } = reply.result.results;
  assert.equal(expected, 4000);
  assert.ok(Number.isInteger(final) && final < expected, `final ${final}`);
  assert.equal(lost, expected - final);
  const kinds = await host.evaluate(() => window.events.map((e) => e.event));
  assert.ok(kinds.includes('run') && kinds.includes('end'), kinds.join(','));
  const bad = await host.evaluate(() => window.call('nosuch'));
  assert.match(bad.error, /unknown call 'nosuch'/);
  await host.waitForTimeout(150);
  await host.screenshot({ path: artifactPath('page-embed-800x600.png') });

  // A message from any other origin (here the frame's own) is ignored.
  const ignored = await frame.evaluate(() => new Promise((resolve) => {
    const before = window.interleave.state().session;
    window.postMessage({ id: 99, call: 'reset', args: [] }, '*');   // origin: the frame itself
    setTimeout(() => resolve({ before, after: window.interleave.state().session }), 300);
  }));
  assert.equal(ignored.after, ignored.before, 'a message from another origin must not be obeyed');
  assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
  await host.close();
  course.closeAllConnections();
  await new Promise((ok) => course.close(ok));
});
