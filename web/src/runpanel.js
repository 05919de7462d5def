// The run as HTML beside the canvas, for reading: status line, results, checks (in the
// lesson's words), the deadlock cycle, output and errors. Also the thread colours.
import { t, pick } from './i18n.js';
import { resultDisplay } from './format.js';
import { RUNTIME_SCHEDULER } from './scheduler.js';

// The canvas's thread palette (src/ui/view_common.cpp thread_color), by creation order.
export const THREAD_COLORS = ['#1f77b4', '#d66014', '#2c962c', '#c8282a', '#805ab4',
  '#8c564b', '#cf5aaa', '#646464', '#a0a014', '#14a0af'];
export const threadColor = (index) => THREAD_COLORS[((index % THREAD_COLORS.length) + THREAD_COLORS.length) % THREAD_COLORS.length];

const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

function seconds(v) {
  if (typeof v !== 'number') return '';
  if (v === 0) return '0 s';
  if (v < 0.001) return `${(v * 1e6).toFixed(1)} µs`;
  if (v < 1) return `${(v * 1000).toFixed(1)} ms`;
  return `${v.toFixed(v < 10 ? 3 : 1)} s`;
}

// A result's cell: its value in Python's notation, or a table for a list of records; the
// full value (as the JSON has it) in the tooltip.
function resultCell(value) {
  const td = el('td');
  td.title = JSON.stringify(value);
  const shown = resultDisplay(value);
  if (shown.text !== undefined) { td.textContent = shown.text; return td; }
  const table = el('table', 'result-table');
  if (shown.table.head.length) {
    const tr = el('tr');
    for (const h of shown.table.head) tr.append(el('th', null, h));
    table.append(tr);
  }
  for (const row of shown.table.rows) {
    const tr = el('tr');
    for (const c of row) tr.append(el('td', null, c));
    table.append(tr);
  }
  td.append(table);
  return td;
}

// Host statuses of a run that is over ('failed': the host caught an internal failure).
export const ENDED = new Set(['finished', 'deadlock', 'cancelled', 'failed']);

// Why a run ended: the report's end.reason (finished, exception, exit, syntax-error, deadlock,
// memory-limit, time-limit, instruction-limit, stopped, internal-error), else what the status
// and exit code say. null while the run goes on.
export function endReason(status, report) {
  if (!ENDED.has(status)) return null;
  if (report?.end?.reason) return report.end.reason;
  if (status === 'failed') return 'internal-error';
  if (status === 'deadlock') return 'deadlock';
  if (status === 'cancelled') return 'stopped';
  return typeof report?.exit_code === 'number' && report.exit_code !== 0 ? 'exception' : 'finished';
}

// status: the run's status; live/report from il_state's run; error: a start error.
export function renderRunStatus(root, { status, live, report, error, mode, compact = false }) {
  root.replaceChildren();
  root.dataset.status = status;
  if (error) {
    root.append(el('span', 'run-error', `${t('run_failed')}${error}`));
    return;
  }
  const reason = endReason(status, report);
  root.dataset.reason = reason ?? '';
  const label = reason ? t(`end_${reason}`) : t(status === 'idle' ? 'status_idle_short' : `status_${status}`);
  const badge = el('span', `status-badge status-${status}${reason ? ` end-${reason}` : ''}`, label);
  root.append(badge);
  const facts = [];
  const source = report ?? live;
  const ran = reason !== 'syntax-error';   // a program that never started has no steps or times
  if (source && status !== 'idle' && ran) {
    if ((mode ?? source.mode) === 'det' && typeof live?.steps === 'number') facts.push(`${live.steps.toLocaleString('en')} ${t('status_steps')}`);
    if (typeof source.virtual_time_s === 'number' && (source.mode ?? mode) === 'det') facts.push(compact ? seconds(source.virtual_time_s) : `${t('virtual_time')} ${seconds(source.virtual_time_s)}`);
    if (typeof source.wall_time_s === 'number' && (!compact || (source.mode ?? mode) !== 'det')) facts.push(`${t('wall_time')} ${seconds(source.wall_time_s)}`);
    if (!compact && report && typeof report.exit_code === 'number' && ENDED.has(status)) facts.push(`${t('exit_code')} ${report.exit_code}`);
  }
  if (facts.length) root.append(el('span', 'run-facts', facts.join(' · ')));
}

// A det run's scheduler settings in a line: "GIL off · 4 cores · any · 4 ns/bytecode";
// `full` false leaves out the switch points and speed when they are the runtime's usual.
export function schedulerText(s, full = true) {
  const parts = [`GIL ${t(s.gil === 'on' || s.gil === true ? 'gil_on' : 'gil_off')}`, `${s.cores} ${t('sched_cores')}`];
  if (full || s.switch_points !== 'any') parts.push(s.switch_points);
  if (full) parts.push(`${s.instruction_ns} ${t('ns_per_op')}`);
  else if (s.instruction_ns !== RUNTIME_SCHEDULER.instruction_ns) parts.push(`${s.instruction_ns} ns`);
  return parts.join(' · ');
}

export function renderReport(root, report, lesson, status = 'finished') {
  root.replaceChildren();
  if (report?.scheduler) {
    const line = el('p', 'run-scheduler muted', `${t('sched_used')}: ${schedulerText(report.scheduler)}`);
    line.dataset.gil = report.scheduler.gil ? 'on' : 'off';
    line.dataset.cores = String(report.scheduler.cores);
    root.append(line);
  }
  const reason = endReason(status, report);
  if (reason && reason !== 'finished') {
    // What the reason means, in the page's language (the status line above names it); the
    // host's own one-line message under it.
    const box = el('div', `end-box end-${reason}`);
    box.dataset.reason = reason;
    const explain = t(`end_${reason}_text`);
    if (explain !== `end_${reason}_text`) box.append(el('div', null, explain));
    if (report?.end?.message) box.append(el('div', 'muted end-message', report.end.message));
    if (box.childNodes.length) root.append(box);
  }
  if (!report) return;
  if (report.deadlock) {
    const box = el('div', 'deadlock-box');
    box.append(el('strong', null, t('deadlock_cycle')));
    const cycle = el('span', 'cycle');
    (report.deadlock.cycle ?? []).forEach((name, i) => {
      if (i) cycle.append(' → ');
      cycle.append(el('code', null, name));
    });
    if ((report.deadlock.cycle ?? []).length) cycle.append(' → ', el('code', null, report.deadlock.cycle[0]));
    box.append(cycle);
    if (report.deadlock.description) box.append(el('div', 'muted', report.deadlock.description));
    root.append(box);
  }
  const results = Object.entries(report.results ?? {});
  if (results.length) {
    root.append(el('h3', null, t('results')));
    const table = el('table', 'results');
    for (const [name, value] of results) {
      const decl = lesson?.results?.find((r) => r.name === name);
      const tr = el('tr');
      tr.dataset.result = name;
      const th = el('th', null, pick(decl?.label) || name);
      th.title = name;
      tr.append(th, resultCell(value));
      table.append(tr);
    }
    root.append(table);
  }
  const checks = report.checks ?? [];
  if (checks.length) {
    root.append(el('h3', null, t('checks')));
    const list = el('ul', 'checks');
    for (const c of checks) {
      const decl = lesson?.checks?.find((x) => x.name === c.name);
      const li = el('li', `check verdict-${c.verdict.replace('/', '')}`);
      li.dataset.check = c.name;
      li.dataset.verdict = c.verdict;
      const mark = { pass: '✓', fail: '✗', error: '!', 'n/a': '–' }[c.verdict] ?? '?';
      li.append(el('span', 'mark', mark), el('span', 'verdict', t(`verdict_${c.verdict}`)));
      const text = el('span', 'check-text', pick(decl?.text) || c.name);
      text.title = decl?.expect ? `${c.name}: ${decl.expect}` : c.name;
      li.append(text);
      if ((c.verdict === 'error' || c.verdict === 'fail') && c.detail) li.append(el('div', 'detail', c.detail));
      list.append(li);
    }
    root.append(list);
  }
  if (report.stderr) {
    root.append(el('h3', null, t('errors_out')));
    root.append(el('pre', 'stderr', report.stderr));
  }
  if (report.stdout) {
    const details = el('details', 'stdout');
    details.open = !results.length && !checks.length;
    details.append(el('summary', null, t('output')), el('pre', null, report.stdout));
    root.append(details);
  }
}

// The "next step by" chips: any thread, or one of those that can run now.
export function renderThreadPicker(root, { threads, runnable, picked, colorOf, onPick }) {
  root.replaceChildren();
  root.append(el('span', 'picker-label', t('next_thread')));
  const chip = (tid, label, color, enabled) => {
    const b = el('button', 'thread-chip', label);
    b.type = 'button';
    b.dataset.tid = String(tid);
    b.setAttribute('aria-pressed', String(picked === tid));
    if (color) b.style.setProperty('--thread', color);
    b.disabled = !enabled;
    b.addEventListener('click', () => onPick(tid));
    return b;
  };
  root.append(chip(0, t('any_thread'), null, true));
  const can = new Set(runnable ?? []);
  for (const th of threads) {
    if (th.state === 'done') continue;
    const enabled = can.size ? can.has(th.tid) : true;
    const b = chip(th.tid, th.name, colorOf(th.tid), enabled);
    b.title = `${th.name} · ${th.state}${th.line ? ` · line ${th.line}` : ''}`;
    root.append(b);
  }
}

// Step mode within threads: per thread whose event loop (asyncio) or gevent hub has coroutines
// ready, one row - its ready coroutines in the order the loop takes them (the first, its next
// pick, pressed; a click makes another one next), the coroutine it runs now, and a button that
// runs one coroutine's turn. Empty when no thread has one.
export function renderCoroutinePicker(root, { threads, colorOf, onChoose, onStep }) {
  root.replaceChildren();
  for (const th of threads) {
    if (th.state === 'done' || !th.ready) continue;
    const row = el('div', 'row');
    row.dataset.tid = String(th.tid);
    row.title = t('next_coroutine_title');
    row.append(el('span', 'picker-label', t('next_coroutine').replace('{thread}', th.name)));
    th.ready.forEach((c, i) => {
      const b = el('button', 'thread-chip coroutine-chip', c.name);
      b.type = 'button';
      b.dataset.tid = String(th.tid);
      b.dataset.index = String(c.index);
      b.setAttribute('aria-pressed', String(i === 0));
      b.style.setProperty('--thread', colorOf(th.tid));
      b.addEventListener('click', () => onChoose(th.tid, c.index));
      row.append(b);
    });
    if (th.coroutine_name) row.append(el('span', 'coroutine-running', t('running_coroutine').replace('{name}', th.coroutine_name)));
    const step = el('button', 'step-coroutine', t('step_coroutine'));
    step.type = 'button';
    step.dataset.tid = String(th.tid);
    step.title = t('step_coroutine_title');
    step.addEventListener('click', () => onStep(th.tid));
    row.append(step);
    root.append(row);
  }
}
