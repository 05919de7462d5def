// The run as HTML: the status line under the toolbar, the report in the Run tab, the tab's
// badge and the results Run x100 can collect. Repaints from the store on 'run', 'lesson',
// 'outcome' and 'lang'.
import { page, subscribe, currentLesson, runEnded, runExists, outcomeChoices, selectedOutcome, runMode } from '../store.js';
import { t, pick, lang } from '../i18n.js';
import { renderRunStatus, renderReport, endReason } from '../runpanel.js';
import { setOutcomeResult } from '../actions/settings.js';

const $ = (id) => document.getElementById(id);

let lastRender = '';

// The status line and the report change rarely: repaint only when they did.
function renderRunReport() {
  const r = page.run;
  const key = JSON.stringify([lang(), r.session, r.status, r.error, r.live?.steps, r.live?.virtual_time_s,
    r.live?.wall_time_s !== undefined ? Math.floor(r.live.wall_time_s * 10) : null, Boolean(r.report), page.status]);
  if (key === lastRender) return;
  lastRender = key;
  const exists = runExists(r);
  const ended = runEnded(r);
  const liveMode = runMode(r);
  const readyNow = page.status === 'ready';
  const status = readyNow ? r.status : page.status === 'loading' ? 'starting' : 'idle';
  renderRunStatus($('run-status'), { status, live: r.live, report: r.report, error: r.error, mode: liveMode, compact: !page.embed });
  $('run-status').title = $('run-status').textContent;
  if (ended || !exists) {
    renderReport($('run-report'), ended ? r.report : null, currentLesson(), r.status);
    if (ended) {
      const head = document.createElement('div');
      head.className = 'run-status report-status';
      renderRunStatus(head, { status: r.status, live: r.live, report: r.report, mode: liveMode });
      $('run-report').prepend(head);
    } else {
      const hint = document.createElement('p');
      hint.className = 'run-hint';
      hint.textContent = t('status_idle');
      $('run-report').append(hint);
    }
    renderOutcomeChoices();
  }
  renderBadge(r, ended);
}

// The Run tab's badge: checks passed of all that applied, or the run's state.
function renderBadge(r, ended) {
  const badge = $('tab-run-badge');
  badge.className = 'tab-badge';
  if (!ended) { badge.textContent = runExists(r) ? '…' : ''; return; }
  const checks = (r.report?.checks ?? []).filter((c) => c.verdict !== 'n/a');
  const passed = checks.filter((c) => c.verdict === 'pass').length;
  const reason = endReason(r.status, r.report);
  if (reason !== 'finished') { badge.textContent = '⚠'; badge.classList.add('fail'); return; }
  if (!checks.length) { badge.textContent = '✓'; return; }
  badge.textContent = `${passed}/${checks.length}`;
  badge.classList.add(passed === checks.length ? 'pass' : 'fail');
}

// The results Run x100 can collect, in the lesson's words.
function renderOutcomeChoices() {
  if (!currentLesson()) return;
  const select = $('outcome-result');
  const names = outcomeChoices();
  select.replaceChildren(...names.map((r) => new Option(pick(r.label) || r.name, r.name)));
  select.value = selectedOutcome();
  select.disabled = names.length === 0;
}

export function startReportView() {
  $('outcome-result').addEventListener('change', (e) => setOutcomeResult(e.target.value));
  subscribe(['lesson', 'outcome'], renderOutcomeChoices);
  subscribe(['run', 'lesson', 'lang', 'settings'], renderRunReport);
}
