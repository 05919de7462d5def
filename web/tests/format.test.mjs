// Pure page functions without a browser: results in Python's notation (expected texts are
// CPython 3.11's repr, floats rounded by the page's display rule), result tables, and the det
// scheduler settings read from a URL, validated and written back into share links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numberText, strRepr, valueText, resultDisplay } from '../src/format.js';
import { schedulerValue, lessonScheduler, effectiveScheduler, schedulerRequest } from '../src/scheduler.js';
import { readUrl, shareUrl } from '../src/url.js';

const tuple = (...items) => ({ $tuple: items });

test('values read as Python writes them (CPython 3.11 repr)', () => {
  // repr((3, 'write')), repr(('w',)), repr(()), repr([1, None, True]), repr({'a': (1, 2)})
  assert.equal(valueText(tuple(3, 'write')), "(3, 'write')");
  assert.equal(valueText(tuple('w')), "('w',)");
  assert.equal(valueText(tuple()), '()');
  assert.equal(valueText([1, null, true]), '[1, None, True]');
  assert.equal(valueText({ a: tuple(1, 2) }), "{'a': (1, 2)}");
  assert.equal(valueText([tuple(3, 'write'), tuple(4, 'read')]), "[(3, 'write'), (4, 'read')]");
  // repr("it's"), repr('a"b'), repr('a\'b"c'), repr('x\ny')
  assert.equal(strRepr("it's"), '"it\'s"');
  assert.equal(strRepr('a"b'), '\'a"b\'');
  assert.equal(strRepr('a\'b"c'), '\'a\\\'b"c\'');
  assert.equal(strRepr('x\ny'), "'x\\ny'");
  assert.equal(valueText('plain text'), 'plain text', 'a text result is not quoted');
  assert.equal(valueText(false), 'False');
  assert.equal(valueText(null), 'None');
  assert.equal(valueText({ $tuple: [1], other: 2 }), "{'$tuple': [1], 'other': 2}", 'only the exact encoding is a tuple');
});

test('floats are rounded for display; whole numbers are not', () => {
  assert.equal(numberText(0.30000000000000004), '0.3');
  assert.equal(numberText(3.14159), '3.142');
  assert.equal(numberText(0.0000534), '0.0000534');
  assert.equal(numberText(0.00005343219), '0.00005343');
  assert.equal(numberText(12345.678), '12345.7');
  assert.equal(numberText(2.5), '2.5');
  assert.equal(numberText(5.34e-7), '5.34e-7');
  assert.equal(numberText(200000), '200000');
  assert.equal(numberText(-1.23456), '-1.235');
  // Exact ties round to the even digit, as Python ('%.3f' % 1.0625) and the canvas do.
  assert.equal(numberText(1.0625), '1.062');
  assert.equal(numberText(1.1875), '1.188');
  assert.equal(numberText(-1.0625), '-1.062');
  assert.equal(numberText(1000.25), '1000.2');
  assert.equal(numberText(1000.75), '1000.8');
  assert.equal(numberText(0.15625), '0.1562');
  assert.equal(numberText(2 ** -21 * 1.0625), '5.066e-7');
  assert.equal(numberText(Infinity), 'inf');
  assert.equal(valueText([0.1 + 0.2, 1 / 3]), '[0.3, 0.3333]');
});

test('lists of records and dicts of sequences show as tables', () => {
  // thread-states' transitions: name -> the states it went through
  assert.deepEqual(resultDisplay({ MainThread: ['running', 'dead'], 'worker-1': ['new', 'runnable', 'dead'] }), {
    table: { head: [], rows: [['MainThread', 'running → dead'], ['worker-1', 'new → runnable → dead']] },
  });
  assert.deepEqual(resultDisplay([tuple(3, 'write'), tuple(4, 'read')]), {
    table: { head: [], rows: [['3', 'write'], ['4', 'read']] },
  });
  assert.deepEqual(resultDisplay([{ t: 0.5, who: 'a' }, { t: 1, who: 'b', late: true }]), {
    table: { head: ['t', 'who', 'late'], rows: [['0.5', 'a', 'None'], ['1', 'b', 'True']] },
  });
  assert.deepEqual(resultDisplay({ a: { n: 1 }, b: { n: 2.25 } }), { table: { head: ['', 'n'], rows: [['a', '1'], ['b', '2.25']] } });
  assert.deepEqual(resultDisplay([tuple(1, 2), tuple(1)]), { text: '[(1, 2), (1,)]' }, 'tuples of different lengths are no table');
  assert.deepEqual(resultDisplay([3, 3, 2, 1]), { text: '[3, 3, 2, 1]' });
  assert.deepEqual(resultDisplay([]), { text: '[]' });
  assert.deepEqual(resultDisplay({ a: tuple(1, 2) }), { text: "{'a': (1, 2)}" }, 'a dict of tuples stays a dict');
  assert.deepEqual(resultDisplay(0.0000534), { text: '0.0000534' });
});

test('scheduler settings take the CLI ranges and name them when refused', () => {
  assert.deepEqual(schedulerValue('gil', 'off'), { value: 'off' });
  assert.deepEqual(schedulerValue('gil', false), { value: 'off' });
  assert.deepEqual(schedulerValue('cores', '4'), { value: 4 });
  assert.deepEqual(schedulerValue('cores', 64), { value: 64 });
  assert.deepEqual(schedulerValue('instruction_ns', '0'), { value: 0 });
  assert.deepEqual(schedulerValue('instruction_ns', '2.5'), { value: 2.5 });
  assert.deepEqual(schedulerValue('switch_points', 'cpython'), { value: 'cpython' });
  assert.equal(schedulerValue('cores', '0').error, "cores must be a whole number from 1 to 64, got '0'");
  assert.equal(schedulerValue('cores', '65').error, "cores must be a whole number from 1 to 64, got '65'");
  assert.equal(schedulerValue('cores', '2.5').error, "cores must be a whole number from 1 to 64, got '2.5'");
  assert.equal(schedulerValue('cores', '').error, "cores must be a whole number from 1 to 64, got ''");
  assert.equal(schedulerValue('instruction_ns', '1000001').error, "instruction_ns must be a number from 0 to 1000000, got '1000001'");
  assert.equal(schedulerValue('gil', 'maybe').error, "gil must be on or off, got 'maybe'");
  assert.equal(schedulerValue('switch_points', 'all').error, "switch_points must be any or cpython, got 'all'");
  assert.match(schedulerValue('speed', 1).error, /unknown scheduler setting 'speed' \(valid: switch_points, gil, cores, instruction_ns\)/);
});

test("a lesson's run settings are the controls' defaults; the learner's choices go over them", () => {
  const lesson = { run: { cores: 2, gil: false, switch_points: 'cpython', instruction_ns: 50 } };
  assert.deepEqual(lessonScheduler(lesson), { switch_points: 'cpython', gil: 'off', cores: 2, instruction_ns: 50 });
  assert.deepEqual(lessonScheduler({ run: {} }), { switch_points: 'any', gil: 'on', cores: 4, instruction_ns: 4 });
  assert.deepEqual(effectiveScheduler(lesson, { gil: 'on' }).gil, 'on');
  assert.deepEqual(schedulerRequest({ gil: 'off', cores: 4 }), { gil: 'off', cores: 4 });
  assert.deepEqual(schedulerRequest({}), {});
});

test('the URL carries the scheduler settings; a bad one is named and the rest kept', () => {
  const url = readUrl({ search: '?lesson=race-condition&gil=off&cores=4&instruction_ns=250&switch_points=cpython', hash: '' }, ['race-condition']);
  assert.deepEqual(url.scheduler, { gil: 'off', cores: 4, instruction_ns: 250, switch_points: 'cpython' });
  assert.deepEqual(url.problems, []);
  const bad = readUrl({ search: '?lesson=race-condition&gil=off&cores=99&seed=7', hash: '' }, ['race-condition']);
  assert.deepEqual(bad.scheduler, { gil: 'off' });
  assert.equal(bad.seed, '7');
  assert.equal(bad.lesson, 'race-condition');
  assert.deepEqual(bad.problems, ["cores must be a whole number from 1 to 64, got '99'"]);

  const link = shareUrl('http://x/index.html', { lesson: 'race-condition', lang: 'en', mode: 'det', seed: null, sets: {}, scheduler: { gil: 'off', cores: 4 } });
  const back = readUrl(new URL(link), ['race-condition']);
  assert.deepEqual(back.scheduler, { gil: 'off', cores: 4 });
  assert.ok(!new URL(shareUrl('http://x/', { lesson: 'a', lang: 'zh', mode: 'det', seed: null, sets: {} })).search.includes('gil'),
    'nothing chosen: nothing in the link');
});
