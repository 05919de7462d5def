// Runs in the page: the conformance corpus through interleave.run, a race, a deadlock and
// Reset, step mode, share links that reproduce a run, Run x100, the trace export, free mode,
// the keyboard, and screenshots of the page at rest, mid-run, deadlocked, in zh and en.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import lzString from 'lz-string';
import { ROOT, serveSite, launchBrowser, openPage, waitForState, artifactPath } from './harness.mjs';

let browser, site;
before(async () => { browser = await launchBrowser(); site = await serveSite(); });
after(async () => { await browser?.close(); await site?.close(); });

const ready = () => window.interleave?.state().ready === true;
const CORPUS = join(ROOT, '../shared/conformance');
const { compressToEncodedURIComponent } = lzString;
const TWO_THREADS = `import threading

counter = 0

def work():
    global counter
    for _ in range(50):
        counter += 1

workers = [threading.Thread(target=work) for _ in range(2)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(counter)
`;

async function openReady(query = '') {
  const opened = await openPage(browser.context, `${site.url}${query}`);
  await waitForState(opened.page, ready);
  return opened;
}
const run = (page, opts = {}) => page.evaluate((o) => window.interleave.run(o), opts);
const noErrors = (errors) => assert.deepEqual(errors, [], `console errors:\n${errors.join('\n')}`);

test('the conformance programs run in the page with CPython\'s output (det)', { skip: !existsSync(CORPUS) && 'no ../shared/conformance' }, async () => {
  const names = readdirSync(CORPUS).filter((f) => /^(lang|thread|sync|queue)_.*\.py$/.test(f)).map((f) => f.slice(0, -3)).sort();
  const programs = names.filter((n) => {
    const code = join(CORPUS, `${n}.code`);
    return !existsSync(code) || readFileSync(code, 'utf8').trim() === '0';
  });
  assert.ok(programs.length >= 20, `only ${programs.length} programs found`);
  const { page, errors } = await openReady('?lesson=scratch');
  const failures = [];
  for (const name of programs) {
    const code = readFileSync(join(CORPUS, `${name}.py`), 'utf8');
    const expected = readFileSync(join(CORPUS, `${name}.out`), 'utf8');
    const state = await run(page, { code, mode: 'det' });
    if (state.status !== 'finished') failures.push(`${name}: status ${state.status}\n${state.stderr ?? ''}`);
    else if (state.stdout !== expected) failures.push(`${name}: stdout differs\n--- got\n${state.stdout}\n--- expected\n${expected}`);
  }
  assert.deepEqual(failures, [], failures.join('\n\n'));
  noErrors(errors);
});

test('a race loses updates in det mode; the HTML report shows results and checks', async () => {
  const { page, errors } = await openReady('?lesson=race-condition&lang=en');
  const state = await run(page, { mode: 'det', params: { iterations: 20000 } });
  assert.equal(state.status, 'finished');
  assert.equal(state.lesson, 'race-condition');
  assert.ok(state.results.lost_updates > 0, `no lost updates: ${JSON.stringify(state.results)}`);
  assert.equal(state.params.iterations, 20000);
  assert.equal(await page.locator('.run-report tr[data-result="lost_updates"] td').innerText(), String(state.results.lost_updates));
  const verdicts = await page.locator('.run-report li.check').evaluateAll((lis) => lis.map((li) => li.dataset.verdict));
  assert.deepEqual(verdicts, state.checks.map((c) => c.verdict));
  assert.match(await page.locator('.run-report').innerText(), /lost updates|lost/i);
  await page.screenshot({ path: artifactPath('page-finished-en.png') });
  noErrors(errors);
});

test('two locks deadlock: the cycle names two threads; Reset works and a new run runs', async () => {
  const { page, errors } = await openReady('?lesson=deadlock&lang=en');
  const state = await run(page, { mode: 'det' });
  assert.equal(state.status, 'deadlock');
  const cycle = state.deadlock.cycle;
  assert.equal(cycle.length, 4, JSON.stringify(state.deadlock));
  const threads = new Set(state.threads.map((t) => t.name));
  assert.equal(cycle.filter((n) => threads.has(n)).length, 2, `threads in the cycle: ${cycle}`);
  assert.ok(!threads.has(cycle[1]) && !threads.has(cycle[3]), 'locks alternate with threads');
  assert.match(await page.locator('.deadlock-box').innerText(), new RegExp(cycle[0]));
  await page.waitForTimeout(150);   // the canvas draws the report from the next frame
  await page.screenshot({ path: artifactPath('page-deadlock.png') });

  const idle = await page.evaluate(() => window.interleave.reset());
  assert.equal(idle.status, 'idle');
  assert.equal(idle.report, null);
  assert.equal(await page.locator('.deadlock-box').count(), 0);
  const again = await run(page, { params: { fix: 'ordering' } });
  assert.equal(again.status, 'finished');
  assert.equal(again.deadlock, null);
  assert.ok(again.checks.every((c) => c.verdict === 'pass' || c.verdict === 'n/a'), JSON.stringify(again.checks));
  assert.ok(again.checks.some((c) => c.verdict === 'pass'), JSON.stringify(again.checks));
  noErrors(errors);
});

test('step mode: ten steps are ten yield points; lines marked in thread colours; keys', async () => {
  const { page, errors } = await openReady(`?lesson=scratch&lang=en#code=${compressToEncodedURIComponent(TWO_THREADS)}`);
  const first = await page.evaluate(() => window.interleave.step(1));
  assert.equal(first.status, 'paused');
  // Step until both workers are at a line of their own, so that several lines are marked.
  for (let i = 0; i < 40; ++i) {
    const s = await page.evaluate(() => window.interleave.step(25));
    if (s.live.threads.filter((t) => t.line > 0 && t.state !== 'done').length >= 3) break;
  }
  const before = await page.evaluate(() => window.interleave.state());
  const after = await page.evaluate(() => window.interleave.step(10));
  assert.equal(after.live.steps - before.live.steps, 10);
  assert.equal(after.status, 'paused');
  const marked = await page.locator('.cm-thread-line').count();
  assert.ok(marked >= 1, 'no line marked in the editor');
  const colours = await page.locator('.cm-thread-tag').evaluateAll((tags) => tags.map((t) => getComputedStyle(t).backgroundColor));
  assert.ok(colours.length >= 3, `thread tags: ${colours}`);
  for (const c of ['rgb(31, 119, 180)', 'rgb(214, 96, 20)', 'rgb(44, 150, 44)'])   // the canvas's palette
    assert.ok(colours.includes(c), `thread colour ${c} missing: ${colours}`);
  const chips = await page.locator('#thread-picker .thread-chip').count();
  assert.ok(chips >= 2, 'thread picker lists the threads');
  await page.screenshot({ path: artifactPath('page-step-mode.png') });

  // Step a chosen thread: the chip's thread is the one that moves when it can run.
  const runnable = after.live.runnable.length ? after.live.runnable : after.live.threads.map((t) => t.tid);
  const tid = runnable[runnable.length - 1];
  await page.click(`#thread-picker .thread-chip[data-tid="${tid}"]`);
  assert.equal(await page.locator(`#thread-picker .thread-chip[data-tid="${tid}"]`).getAttribute('aria-pressed'), 'true');

  // Space steps once (not while typing in the editor), Esc stops.
  await page.locator('#lesson-title').click();
  const s0 = (await page.evaluate(() => window.interleave.state())).live.steps;
  await page.keyboard.press('Space');
  await page.waitForFunction((s) => window.interleave.state().live?.steps === s + 1, s0, { timeout: 5000 });
  await page.locator('.cm-content').click();
  await page.keyboard.press('Space');
  await page.waitForTimeout(200);
  assert.equal((await page.evaluate(() => window.interleave.state())).live.steps, s0 + 1, 'Space in the editor must not step');
  await page.locator('#lesson-title').click();
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => window.interleave.state().status === 'idle', null, { timeout: 5000 });
  assert.equal(await page.locator('.cm-thread-line').count(), 0, 'marks cleared after stop');
  // R runs.
  await page.keyboard.press('r');
  await page.waitForFunction(() => window.interleave.state().status === 'finished', null, { timeout: 10000 });
  assert.match((await page.evaluate(() => window.interleave.state())).stdout, /^\d+\n$/);
  noErrors(errors);
});

test('a share link reproduces a det run of an edited program with a non-default parameter', async () => {
  const { page, errors } = await openReady('?lesson=race-condition&lang=en');
  const original = await (await fetch(new URL('lessons/race-condition/main.py', site.url))).text();
  const edited = `${original.trimEnd()}\nprint("edited:", counter * 2)\n`;
  const first = await run(page, { code: edited, params: { iterations: 3000 }, seed: 7 });
  assert.equal(first.status, 'finished');
  assert.match(first.stdout, /edited: \d+/);
  const url = await page.evaluate(() => window.interleave.shareUrl());
  assert.match(url, /set\.iterations=3000/);
  assert.match(url, /seed=7/);
  assert.match(url, /#code=/);
  const { page: other, errors: otherErrors } = await openPage(browser.context, url);
  await waitForState(other, ready);
  const second = await run(other);
  assert.equal(second.stdout, first.stdout);
  assert.deepEqual(second.results, first.results);
  assert.equal(second.schedule, first.schedule);
  noErrors(errors);
  noErrors(otherErrors);
});

test('mid-run (slow playback), Run x100, the trace export and free mode', async () => {
  const { page, errors } = await openReady('?lesson=producer-consumer&lang=en');
  const started = page.evaluate(() => window.interleave.run({ mode: 'det', steps_per_s: 400 }));
  await page.waitForFunction(() => (window.interleave.state().live?.steps ?? 0) > 300, null, { timeout: 10000 });
  const mid = await page.evaluate(() => window.interleave.state());
  assert.equal(mid.status, 'running');
  assert.ok(await page.locator('.cm-thread-line').count() >= 1, 'slow playback marks lines');
  await page.screenshot({ path: artifactPath('page-mid-run.png') });
  const paused = await page.evaluate(() => window.interleave.pause());
  assert.equal(paused.status, 'paused');
  assert.equal(await page.locator('#run').innerText(), 'Continue');
  await page.click('#run');   // continues the paused run at full speed
  await page.selectOption('#speed', '0');
  const final = await started;
  assert.equal(final.status, 'finished');

  const trace = JSON.parse(await page.evaluate(() => window.interleave.exportTrace()));
  assert.ok(Array.isArray(trace.traceEvents ?? trace) && (trace.traceEvents ?? trace).length > 10);
  const download = page.waitForEvent('download');
  await page.click('#export-trace');
  assert.match((await download).suggestedFilename(), /^interleave-producer-consumer-trace\.json$/);

  await page.evaluate(() => window.interleave.select('race-condition', { iterations: 200 }));
  const outcomes = await page.evaluate(() => window.interleave.outcomes(100, 'lost_updates'));
  assert.equal(outcomes.values.length, 100, JSON.stringify(outcomes).slice(0, 300));
  assert.equal(outcomes.result, 'lost_updates');
  await page.waitForTimeout(150);
  await page.screenshot({ path: artifactPath('page-outcomes.png') });

  await page.evaluate(() => window.interleave.select('thread-basics'));
  const free = await run(page, { mode: 'free', time_scale: 0.1 });
  assert.equal(free.status, 'finished');
  assert.equal(free.mode, 'free');
  assert.ok(free.checks.every((c) => c.verdict === 'pass' || c.verdict === 'n/a'), JSON.stringify(free.checks));
  assert.ok(free.checks.some((c) => c.verdict === 'pass'), JSON.stringify(free.checks));
  assert.equal(await page.locator('#pause').isDisabled(), true);
  assert.equal(await page.locator('#step').isDisabled(), true);
  await assert.rejects(page.evaluate(() => window.interleave.step(1)), /free mode|Free mode/i);
  noErrors(errors);
});

// A program that starts eight threads which wait for each other: each start must find a thread.
const EIGHT_WAITING = `import threading
go = threading.Barrier(9)
def worker():
    go.wait()
threads = [threading.Thread(target=worker) for _ in range(8)]
for t in threads:
    t.start()
go.wait()
for t in threads:
    t.join()
print(threading.active_count())
`;

test('free mode chosen: threads wait parked for the run, which starts on them and gives them back', async () => {
  const { page, errors } = await openReady('?lesson=scratch&lang=en&mode=free');
  const parked = () => page.evaluate(() => window.interleave.state().workers?.parked ?? -1);
  await page.waitForFunction(() => (window.interleave.state().workers?.parked ?? 0) >= 8, null, { timeout: 10000 });
  const state = await run(page, { code: EIGHT_WAITING, mode: 'free' });
  assert.equal(state.status, 'finished', state.stderr);
  assert.equal(state.stdout, '1\n');
  // The run's threads went back to the pool: at least as many parked as before it.
  await page.waitForFunction(() => (window.interleave.state().workers?.parked ?? 0) >= 8, null, { timeout: 10000 });
  assert.ok(await parked() >= 8);
  noErrors(errors);
});

test('screenshots: the page at rest and after a run, in zh and en', async () => {
  for (const lang of ['zh', 'en']) {
    const { page, errors } = await openReady(`?lesson=race-condition&lang=${lang}`);
    await page.screenshot({ path: artifactPath(`page-rest-${lang}.png`) });
    const state = await run(page, { params: { iterations: 20000 } });
    assert.equal(state.lang, lang);
    await page.waitForTimeout(150);
    await page.screenshot({ path: artifactPath(`page-run-${lang}.png`) });
    if (lang === 'zh') assert.match(await page.locator('.run-report').innerText(), /结果/);
    noErrors(errors);
  }
});

test('run({code}) on a lesson with parameters: those still constants of the code apply, the others are left out', async () => {
  const { page, errors } = await openReady('?lesson=race-condition&lang=en');
  const events = page.evaluate(() => new Promise((resolve) => {
    const off = window.interleave.on('run', (e) => { off(); resolve(e); });
  }));
  const names = await page.evaluate(() => window.interleave.lessons().find((l) => l.id === 'race-condition').params.map((p) => p.name).sort());
  assert.ok(names.includes('threads') && names.includes('iterations'), names.join());
  const plain = await run(page, { code: 'print("no parameters here")\n', mode: 'det' });
  assert.equal(plain.status, 'finished', plain.stderr);
  assert.equal(plain.stdout, 'no parameters here\n');
  assert.deepEqual(plain.dropped_params.sort(), names);
  assert.deepEqual((await events).dropped_params.sort(), names);

  // Two of the lesson's constants kept: the page's values for them apply.
  const some = await run(page, { code: 'threads = 2\niterations = 10\nprint(threads * iterations)\n', params: { iterations: 7 } });
  assert.equal(some.status, 'finished', some.stderr);
  assert.equal(some.stdout, '14\n');
  assert.deepEqual(some.dropped_params.sort(), names.filter((n) => n !== 'threads' && n !== 'iterations'));

  // Asking for a parameter the code does not have is an error that names it.
  await assert.rejects(run(page, { code: 'print(1)\n', params: { threads: 3 } }),
    /parameter threads is not a constant of the program \(expected a line 'threads = \.\.\.' at the top level\)/);
  // The learner's edit in the editor goes the same way.
  await page.evaluate(() => window.interleave.select('race-condition'));
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('print("edited")\n');
  await page.click('#run');
  await page.waitForFunction(() => window.interleave.state().stdout === 'edited\n', null, { timeout: 10000 });
  noErrors(errors);
});

test('input() reads the Standard input box, typed or set by run({stdin}); too much is refused with the limit', async () => {
  const { page, errors } = await openReady('?lesson=scratch&lang=en');
  const code = "name = input('name? ')\nprint('hello,', name)\nprint(input().upper())\ntry:\n    input()\nexcept EOFError as e:\n    print('EOFError:', e)\n";
  let state = await run(page, { code, mode: 'det', stdin: 'Ada\nlovelace\n' });
  assert.equal(state.status, 'finished');
  assert.equal(state.stdout, 'name? hello, Ada\nLOVELACE\nEOFError: EOF when reading a line\n');
  assert.equal(await page.inputValue('#stdin'), 'Ada\nlovelace\n');
  assert.equal(await page.$eval('#stdin-box', (d) => d.open), true);
  assert.equal(await page.textContent('#stdin-summary'), '(2 lines)');

  await page.fill('#stdin', 'Grace\nhopper');  // typed: the next Run reads it
  state = await run(page, {});
  assert.equal(state.stdout, 'name? hello, Grace\nHOPPER\nEOFError: EOF when reading a line\n');

  const tooMuch = await page.evaluate(() => window.interleave.run({ stdin: 'x'.repeat((1 << 20) + 1) }).then(() => 'ran', (e) => e.message));
  assert.equal(tooMuch, 'Standard input must be at most 1 MB (1048576 bytes), got 1048577 bytes.');
  assert.equal(await page.inputValue('#stdin'), 'Grace\nhopper', 'a refused stdin loses nothing');
  await page.screenshot({ path: artifactPath('stdin-box-1280x720-en.png') });
  noErrors(errors);
});
