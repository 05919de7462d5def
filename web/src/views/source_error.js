// The editor underlines where the SyntaxError that ended a run points (the report's end:
// line, col, end_col), once per run; a new run or an edit clears it.
import { page, subscribe } from '../store.js';

let shownSession = -1;

function renderSourceError() {
  const r = page.run;
  const end = r.report?.end;
  const key = end?.reason === 'syntax-error' && end.line > 0 ? r.session : 0;
  if (key === shownSession) return;
  shownSession = key;
  page.editor.markError(key ? { line: end.line, col: end.col ?? 0, end_col: end.end_col ?? 0, message: end.message } : null);
}

export function startSourceErrorView() {
  subscribe(['run'], renderSourceError);
}
