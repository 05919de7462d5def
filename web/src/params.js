// Lesson parameters in the page: the generated controls. Text is read into values by the
// wasm (validate.js parseLessonParams), with the CLI's own reader and messages.
import { t, pick } from './i18n.js';

function numberText(v) { return String(Number(v)); }

export function paramText(p, v) {
  return Array.isArray(v) ? v.join(',') : String(v);
}

// Builds one control per parameter inside `root`; `onChange(name, value)` fires on valid input.
// `read(name, text)` gives { value } or { error } (the error shown beside the control).
export function renderParamControls(root, lesson, values, onChange, read) {
  root.replaceChildren();
  if (!lesson.params.length) {
    const p = document.createElement('p');
    p.className = 'muted';
    p.textContent = t('no_params');
    root.append(p);
    return;
  }
  for (const p of lesson.params) root.append(paramControl(p, values[p.name], onChange, read));
}

function readSafely(read, name, text) {
  try { return read(name, text); } catch (e) { return { error: e.message }; }
}

function paramControl(p, value, onChange, read) {
  const row = document.createElement('label');
  row.className = 'param';
  row.dataset.param = p.name;
  const name = document.createElement('span');
  name.className = 'param-name';
  name.textContent = pick(p.label) || p.name;
  name.title = p.name;
  const hint = document.createElement('span');
  hint.className = 'param-range';
  hint.textContent = rangeHint(p);
  const error = document.createElement('span');
  error.className = 'param-error';
  const input = inputFor(p, value);
  input.name = p.name;
  if (input.type === 'range') hint.textContent = `${input.value} · ${rangeHint(p)}`;
  input.addEventListener(p.type === 'bool' || p.type === 'choice' ? 'change' : 'input', () => {
    const parsed = readSafely(read, p.name, p.type === 'bool' ? String(input.checked) : input.value);
    error.textContent = parsed.error ?? '';
    row.classList.toggle('invalid', Boolean(parsed.error));
    if (!parsed.error) {
      if (input.type === 'range') hint.textContent = `${input.value} · ${rangeHint(p)}`;
      onChange(p.name, parsed.value);
    }
  });
  row.append(name, input, hint, error);
  return row;
}

function rangeHint(p) {
  if (p.type === 'choice' || p.type === 'bool') return '';
  if (p.type === 'int_list' || p.type === 'float_list') {
    const items = p.min !== undefined ? `${numberText(p.min)}..${numberText(p.max ?? '')}` : '';
    return `${t('list_hint')}${items ? ` · ${items}` : ''}`;
  }
  if (p.type === 'literal') return '';
  if (p.min === undefined && p.max === undefined) return '';
  return `${t('range')} ${numberText(p.min ?? '')}..${numberText(p.max ?? '')}`;
}

function inputFor(p, value) {
  if (p.type === 'bool') {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = Boolean(value);
    return box;
  }
  if (p.type === 'choice') {
    const select = document.createElement('select');
    for (const c of p.choices) select.add(new Option(c, c, false, c === value));
    return select;
  }
  const input = document.createElement('input');
  // A slider where the range is small enough to pick from; a text field otherwise.
  const slider = p.type === 'int' && p.min !== undefined && p.max !== undefined && p.max - p.min <= 1000;
  input.type = slider ? 'range' : 'text';
  if (slider) { input.min = p.min; input.max = p.max; input.step = 1; }
  input.value = paramText(p, value);
  return input;
}
