// Every way a run can end, in the page: the reason run() resolves with (and the 'end' event
// carries), what the status line and the report then show, and that the next Run works.
// Also programs and share links too big to take. Expected Python behaviour is CPython 3.11's.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import lzString from 'lz-string';
import { serveSite, launchBrowser, openPage, waitForState, artifactPath } from './harness.mjs';

let browser, site;
before(async () => { browser = await launchBrowser(); site = await serveSite(); });
after(async () => { await browser?.close(); await site?.close(); });
// A run that did not end (a failed test) must not keep the next tests' CPU busy.
const pages = [];
afterEach(async () => { for (const p of pages.splice(0)) await p.close().catch(() => {}); });

const { compressToEncodedURIComponent: pack } = lzString;
const ready = () => window.interleave?.state().ready === true;
const noErrors = (errors) => assert.deepEqual(errors, [], `console errors:\n${errors.join('\n')}`);

// Opens the page and records every 'end' event in window.__ends.
async function openReady(query = '?lesson=scratch&lang=en') {
  const opened = await openPage(browser.context, `${site.url}${query}`);
  pages.push(opened.page);
  await waitForState(opened.page, ready);
  await opened.page.evaluate(() => {
    window.__ends = [];
    window.interleave.on('end', (e) => window.__ends.push({ reason: e.reason, session: e.session, status: e.status }));
  });
  return opened;
}

// run(opts), failing (not hanging) when it does not resolve in time.
async function run(page, opts, ms = 30000) {
  let timer;
  const late = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`run() did not resolve within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([page.evaluate((o) => window.interleave.run(o), opts), late]);
  } finally { clearTimeout(timer); }
}

const ends = (page) => page.evaluate(() => window.__ends);
const statusLine = (page) => page.locator('#run-status').evaluate((el) => ({ reason: el.dataset.reason, text: el.innerText }));

// The next Run works and ends normally.
async function nextRunWorks(page) {
  const state = await run(page, { code: 'print("next", 6 * 7)\n', mode: 'det' });
  assert.equal(state.status, 'finished');
  assert.equal(state.reason, 'finished');
  assert.equal(state.stdout, 'next 42\n');
  return state;
}

// Runs `code` and checks the reason, the 'end' event, the status line and the report.
async function endsWith(page, code, reason, { opts = {}, label, ms } = {}) {
  const before = (await ends(page)).length;
  const state = await run(page, { code, mode: 'det', ...opts }, ms);
  assert.equal(state.reason, reason, `status ${state.status}, end ${JSON.stringify(state.end)}\n${state.stderr ?? ''}`);
  assert.equal(state.end?.reason, reason, 'the report names the reason');
  assert.equal(typeof state.end?.message, 'string');
  const fired = (await ends(page)).slice(before);
  assert.deepEqual(fired.map((e) => e.reason), [reason], 'one end event with the reason');
  const line = await statusLine(page);
  assert.equal(line.reason, reason);
  if (label) assert.match(line.text, label);
  if (reason !== 'finished') assert.equal(await page.locator(`.run-report .end-box[data-reason="${reason}"]`).count(), 1);
  return state;
}

test('a syntax error ends the run: reason, end event, status line in en and zh; the next run works', async () => {
  const { page, errors } = await openReady();
  const state = await endsWith(page, 'print("unclosed"\n', 'syntax-error', { label: /Syntax error/ });
  assert.equal(state.status, 'finished');
  assert.match(state.stderr, /SyntaxError/);
  assert.doesNotMatch((await statusLine(page)).text, /steps/, 'a program that never started shows no steps');
  await page.evaluate(() => window.interleave.setLanguage('zh'));
  assert.match((await statusLine(page)).text, /语法错误/);
  assert.match(await page.locator('.run-report').innerText(), /语法错误/);
  await page.screenshot({ path: artifactPath('reliability-syntax-error-zh.png') });
  await page.evaluate(() => window.interleave.setLanguage('en'));
  await nextRunWorks(page);
  noErrors(errors);
});

test('an indentation error is a syntax error', async () => {
  const { page, errors } = await openReady();
  const state = await endsWith(page, 'if True:\nprint("x")\n', 'syntax-error');
  assert.match(state.stderr, /IndentationError: expected an indented block/);
  await nextRunWorks(page);
  noErrors(errors);
});

test('a syntax error points where CPython points: the caret range and its hint', async () => {
  const { page, errors } = await openReady();
  const state = await endsWith(page, 'names = ["ana" "bo" 3]\nprint(names)\n', 'syntax-error');
  assert.match(state.stderr, /line 1\n    names = \["ana" "bo" 3\]\n {13}\^{12}\nSyntaxError: invalid syntax\. Perhaps you forgot a comma\?/);
  assert.deepEqual([state.end.line, state.end.col, state.end.end_col], [1, 10, 22], 'the report says where');
  const marked = page.locator('.cm-error-range');
  await marked.first().waitFor();
  assert.equal(await marked.innerText(), '"ana" "bo" 3', 'the editor underlines what CPython marks');
  assert.equal(await page.locator('.cm-error-line').getAttribute('data-error-line'), '1');
  await page.screenshot({ path: artifactPath('reliability-syntax-caret-en.png') });
  await page.locator('.cm-content').click();
  await page.keyboard.type(',');
  assert.equal(await page.locator('.cm-error-range').count(), 0, 'an edit clears the mark');
  noErrors(errors);
});

test('an uncaught exception: exit code 1, the traceback, reason exception; SystemExit(3) is exit', async () => {
  const { page, errors } = await openReady();
  const state = await endsWith(page, 'print("before")\nx = 1 / 0\n', 'exception', { label: /Uncaught exception/ });
  assert.equal(state.exit_code, 1);
  assert.equal(state.stdout, 'before\n');
  assert.match(state.stderr, /ZeroDivisionError: division by zero/);
  const exited = await endsWith(page, 'import sys\nsys.exit(3)\n', 'exit');
  assert.equal(exited.exit_code, 3);
  const clean = await endsWith(page, 'import sys\nsys.exit(0)\n', 'finished');
  assert.equal(clean.exit_code, 0);
  await nextRunWorks(page);
  noErrors(errors);
});

test('while True: pass, then Reset: run() resolves, end says stopped, the page is idle', async () => {
  const { page, errors } = await openReady();
  const running = page.evaluate(() => window.interleave.run({ code: 'while True:\n    pass\n', mode: 'det' }));
  await page.waitForFunction(() => (window.interleave.state().live?.steps ?? 0) > 1000, null, { timeout: 10000 });
  const idle = await page.evaluate(() => window.interleave.reset());
  assert.equal(idle.status, 'idle');
  const resolved = await running;
  assert.equal(resolved.status, 'idle');
  assert.deepEqual((await ends(page)).map((e) => e.reason), ['stopped']);
  assert.equal(await page.locator('#reset').isDisabled(), true);
  await nextRunWorks(page);

  // The same in free mode, on real threads.
  const free = page.evaluate(() => window.interleave.run({ code: 'while True:\n    pass\n', mode: 'free' }));
  await page.waitForFunction(() => window.interleave.state().status === 'running', null, { timeout: 10000 });
  await page.waitForTimeout(300);
  await page.evaluate(() => window.interleave.reset());
  assert.equal((await free).status, 'idle');
  assert.deepEqual((await ends(page)).map((e) => e.reason).slice(-1), ['stopped']);
  await nextRunWorks(page);
  noErrors(errors);
});

test('printing without end hits a limit, not the page', async () => {
  const { page, errors } = await openReady();
  const state = await run(page, { code: 'while True:\n    print("x" * 1000)\n', mode: 'det', memory_mb: 32, time_limit_s: 10 }, 60000);
  assert.ok(['memory-limit', 'time-limit'].includes(state.reason), `reason ${state.reason}: ${JSON.stringify(state.end)}`);
  assert.equal(state.selected.memory_mb, 32);
  assert.equal(state.selected.time_limit_s, 10);
  await page.screenshot({ path: artifactPath('reliability-output-limit.png') });
  await page.evaluate(() => window.interleave.run({ code: 'print(1)', memory_mb: null, time_limit_s: null }));
  await nextRunWorks(page);
  noErrors(errors);
});

test('a list that doubles hits the memory limit', async () => {
  const { page, errors } = await openReady();
  const state = await endsWith(page, 'a = [0]\nwhile True:\n    a = a + a\n', 'memory-limit',
    { opts: { memory_mb: 32 }, label: /Memory limit/, ms: 60000 });
  assert.ok(state.wall_time_s < 60);
  await page.evaluate(() => window.interleave.run({ code: 'print(1)', memory_mb: null }));
  await nextRunWorks(page);
  noErrors(errors);
});

test('run options are checked: memory_mb 16..1024, time_limit_s 1..3600', async () => {
  const { page } = await openReady();
  for (const [opts, message] of [[{ memory_mb: 8 }, /memory_mb must be a whole number from 16 to 1024, got '8'/],
    [{ memory_mb: 2048 }, /memory_mb must be a whole number from 16 to 1024/],
    [{ memory_mb: 64.5 }, /memory_mb must be a whole number/],
    [{ time_limit_s: 0 }, /time_limit_s must be a number from 1 to 3600, got '0'/],
    [{ time_limit_s: 4000 }, /time_limit_s must be a number from 1 to 3600/],
    [{ time_limit_s: [5] }, /time_limit_s must be a number/],
    [{ time_limit_s: 'x'.repeat(500) }, new RegExp(`got '${'x'.repeat(40)}…'`)]])
    await assert.rejects(run(page, { code: 'print(1)', ...opts }), message);
  await nextRunWorks(page);
});

test('a deadlock ends with reason deadlock', async () => {
  const { page, errors } = await openReady();
  const code = `import threading
a = threading.Lock()
b = threading.Lock()
ready = threading.Barrier(2)

def one():
    with a:
        ready.wait()
        with b:
            pass

def two():
    with b:
        ready.wait()
        with a:
            pass

ts = [threading.Thread(target=one), threading.Thread(target=two)]
for t in ts:
    t.start()
for t in ts:
    t.join()
`;
  const state = await endsWith(page, code, 'deadlock', { label: /Deadlock/ });
  assert.equal(state.status, 'deadlock');
  assert.ok(state.deadlock.cycle.length >= 4, JSON.stringify(state.deadlock));
  await nextRunWorks(page);
  noErrors(errors);
});

test('a 1.3 M-character program is refused before the wasm, in en and zh; the editor keeps it', async () => {
  const { page, errors } = await openReady();
  const big = `# ${'x'.repeat(1_300_000)}\nprint("too big")\n`;
  await assert.rejects(run(page, { code: big }), /The program is too big: 1\.3 MB of UTF-8, and the limit is 1 MB/);
  let state = await page.evaluate(() => window.interleave.state());
  assert.equal(state.status, 'idle');
  assert.equal(state.session, 0, 'nothing was started');
  assert.match(state.run_error, /too big/);
  assert.match(await page.locator('#run-status').innerText(), /^Cannot run: The program is too big: 1\.3 MB/);
  // run() without code runs the editor's program: the same refusal shows the editor kept it.
  await page.evaluate(() => window.interleave.setLanguage('zh'));
  await assert.rejects(page.evaluate(() => window.interleave.run()), /程序太大：它有 1\.3 MB/);
  await page.click('#run');
  await page.waitForFunction(() => /程序太大/.test(document.querySelector('#toolbar-error').textContent));
  await assert.rejects(page.evaluate(() => window.interleave.shareUrl()), /程序太大，无法放进分享链接/);
  await page.screenshot({ path: artifactPath('reliability-too-big-zh.png') });
  await page.evaluate(() => window.interleave.setLanguage('en'));

  // Just under the limit: passed on the heap, it runs (through ccall's stack it corrupted memory).
  const near = `# ${'y'.repeat(990_000)}\nprint("big ok")\n`;
  state = await run(page, { code: near, mode: 'det' }, 60000);
  assert.equal(state.status, 'finished', state.stderr);
  assert.equal(state.stdout, 'big ok\n');
  await nextRunWorks(page);
  noErrors(errors);
});

test('a 25 KB share link opens and runs; a link that unpacks past 1 MB is refused with a notice', async () => {
  let code = 'total = 0\n';
  for (let i = 0; i < 3400; ++i) code += `total += ${i * 7919 % 1000}  # line ${i} of a long shared program\n`;
  code += 'print("total", total)\n';
  const link = pack(code);
  assert.ok(link.length >= 25000, `${link.length}`);
  let expected = 0;
  for (let i = 0; i < 3400; ++i) expected += i * 7919 % 1000;
  const { page, errors } = await openReady(`?lesson=scratch&lang=en#code=${link}`);
  const state = await run(page, { mode: 'det' });
  assert.equal(state.status, 'finished', state.stderr);
  assert.equal(state.stdout, `total ${expected}\n`);
  await nextRunWorks(page);
  noErrors(errors);

  const bomb = pack(`# ${'z'.repeat(1_100_000)}\n`);
  const { page: other, errors: otherErrors } = await openReady(`?lesson=race-condition&lang=en&seed=5#code=${bomb}`);
  const opened = await other.evaluate(() => window.interleave.state());
  assert.equal(opened.lesson, 'race-condition', 'the rest of the link applies');
  assert.equal(opened.seed, '5');
  assert.equal(opened.edited, false);
  assert.match(opened.notices.join('\n'), /larger than 1000000 bytes/);
  assert.match(await other.locator('#notices').innerText(), /The program shared in the link was not opened/);
  assert.match(await other.evaluate(() => location.hash), /^#code=/, 'the address bar keeps the link');
  await other.screenshot({ path: artifactPath('reliability-link-refused.png') });
  await nextRunWorks(other);
  noErrors(otherErrors);
});

// The host's side of the end contract, mocked over the real one: il_state/il_poll answers
// pass through `window.__mock(run)` when it is set.
async function mockHost(page) {
  await page.evaluate(() => {
    const m = window.Module;
    const real = m.ccall;
    window.__mock = null;
    m.ccall = function ccall(name, returns, types, args) {
      const out = real.call(this, name, returns, types, args);
      if ((name !== 'il_poll' && name !== 'il_state') || !window.__mock) return out;
      const j = JSON.parse(out);
      if (j.run) j.run = window.__mock(j.run);
      return JSON.stringify(j);
    };
  });
}

test('mocked host: the report\'s end reason and message are shown; status failed ends the run', async () => {
  const { page, errors } = await openReady();
  await mockHost(page);
  await page.evaluate(() => {
    window.__mock = (run) => (run.report ? { ...run, report: { ...run.report, end: { reason: run.report.exit_code ? 'exception' : 'finished', message: 'mock: ZeroDivisionError at line 1' } } } : run);
  });
  const state = await run(page, { code: 'x = 1 / 0\n', mode: 'det' });
  assert.equal(state.reason, 'exception');
  assert.deepEqual((await ends(page)).map((e) => e.reason), ['exception']);
  assert.match((await statusLine(page)).text, /Uncaught exception/);
  assert.match(await page.locator('.end-box').innerText(), /mock: ZeroDivisionError at line 1/);
  await page.evaluate(() => window.interleave.setLanguage('zh'));
  assert.match((await statusLine(page)).text, /未捕获的异常/);
  assert.match(await page.locator('.end-box').innerText(), /没有被捕获的异常/);
  assert.equal(await page.locator('#tab-run-badge').innerText(), '⚠');
  await page.evaluate(() => window.interleave.setLanguage('en'));

  // The host caught a failure: status 'failed' (perhaps without a report) ends the run.
  const running = page.evaluate(() => window.interleave.run({ code: 'while True:\n    pass\n', mode: 'det' }));
  await page.waitForFunction(() => window.interleave.state().status === 'running', null, { timeout: 10000 });
  await page.evaluate(() => { window.__mock = (run) => (run.session ? { ...run, status: 'failed', report: null } : run); });
  const failed = await running;
  assert.equal(failed.status, 'failed');
  assert.equal(failed.reason, 'internal-error');
  assert.deepEqual((await ends(page)).map((e) => e.reason), ['exception', 'internal-error']);
  assert.match((await statusLine(page)).text, /Internal error/);
  assert.match(await page.locator('.run-report').innerText(), /Interleave itself failed/);
  await page.screenshot({ path: artifactPath('reliability-internal-error.png') });
  await page.evaluate(() => { window.__mock = null; });
  await page.evaluate(() => window.interleave.reset());
  await nextRunWorks(page);
  noErrors(errors);
});
