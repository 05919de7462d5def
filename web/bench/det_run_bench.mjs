// Det speed where learners are (on demand, not part of scripts/test.sh):
//   node web/bench/det_run_bench.mjs [--runs N] [--lessons race-condition,mutex,...]
// For each lesson: its default det run, Run to finished, timed in the page (headless
// Chromium, best and median of N after one warm-up run), with the run's steps and
// virtual time. Issue #15's goal for race-condition: under 0.5 s.
import { launchBrowser, openPage, serveSite, waitForState } from '../tests/harness.mjs';

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 5;
const LESSONS = (args.includes('--lessons') ? args[args.indexOf('--lessons') + 1]
  : 'race-condition,mutex,producer-consumer,gil,echo-server').split(',');

const site = await serveSite();
const browser = await launchBrowser();
try {
  const { page, errors } = await openPage(browser.context, `${site.url}?lesson=race-condition&lang=en`);
  await waitForState(page, () => window.interleave?.state().ready === true, 60000);
  console.log('lesson                  best s  median s      steps  virtual s');
  for (const id of LESSONS) {
    await page.evaluate((lesson) => window.interleave.select(lesson), id);
    const times = [];
    let last = null;
    for (let i = 0; i <= RUNS; i += 1) {
      const { ms, state } = await page.evaluate(async () => {
        const t0 = performance.now();
        const s = await window.interleave.run({ mode: 'det' });
        return { ms: performance.now() - t0, state: s };
      });
      if (i > 0) times.push(ms / 1000);   // the first run warms the worker up
      last = state;
    }
    times.sort((a, b) => a - b);
    const steps = last.report?.steps ?? last.steps ?? '?';
    const vt = last.report?.virtual_time_s ?? last.virtual_time_s;
    console.log(`${id.padEnd(22)} ${times[0].toFixed(3).padStart(7)} ${times[Math.floor(times.length / 2)].toFixed(3).padStart(9)} ` +
      `${String(steps).padStart(10)} ${typeof vt === 'number' ? vt.toFixed(3).padStart(10) : '?'}  (${last.status})`);
  }
  if (errors.length) console.log(`console errors: ${errors.join('\n')}`);
} finally {
  await browser.close();
  await site.close();
}
