// Lesson parameters in the page: parsing text the way the CLI does (src/lesson/params.cpp),
// validation messages that name the parameter and its range, and the generated controls.
import { t, pick } from './i18n.js';
import { clip } from './text.js';

function numberText(v) { return String(Number(v)); }

function rangeText(p) {
  if (p.min !== undefined && p.max !== undefined) return `from ${numberText(p.min)} to ${numberText(p.max)}`;
  if (p.min !== undefined) return `of at least ${numberText(p.min)}`;
  if (p.max !== undefined) return `of at most ${numberText(p.max)}`;
  return '';
}

const inRange = (p, v) => (p.min === undefined || v >= p.min) && (p.max === undefined || v <= p.max);

function expectation(p) {
  const range = rangeText(p);
  const r = range ? ` ${range}` : '';
  switch (p.type) {
    case 'int': return `${p.name} must be a whole number${r}`;
    case 'float': return `${p.name} must be a number${r}`;
    case 'bool': return `${p.name} must be true or false`;
    case 'choice': return `${p.name} must be one of ${p.choices.join(', ')}`;
    case 'int_list':
    case 'float_list':
      return `${p.name} must be a list of ${p.min_items} to ${p.max_items} ` +
        `${p.type === 'int_list' ? 'whole numbers' : 'numbers'}${r}, written like 1,2,3`;
    default: return `${p.name} must be a Python literal`;
  }
}

const INT = /^\s*[+-]?\d+\s*$/;
const FLOAT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

// Parses `text` as a value of `p`: { value } or { error } (the same wording as the CLI).
export function parseParam(p, text) {
  const s = String(text).trim();
  let value;
  switch (p.type) {
    case 'int': if (INT.test(s)) value = Number(s); break;
    case 'float': if (FLOAT.test(s)) value = Number(s); break;
    case 'bool':
      if (s === 'true' || s === 'True') value = true;
      else if (s === 'false' || s === 'False') value = false;
      break;
    case 'choice': if (p.choices.includes(s)) value = s; break;
    case 'int_list':
    case 'float_list': {
      const re = p.type === 'int_list' ? INT : FLOAT;
      const parts = s === '' ? [] : s.split(',');
      if (parts.every((x) => re.test(x))) value = parts.map(Number);
      break;
    }
    default: if (s !== '') value = s;
  }
  const ok = value !== undefined && validParamValue(p, value);
  return ok ? { value } : { error: `${expectation(p)}, got '${clip(text)}'` };
}

export function validParamValue(p, v) {
  switch (p.type) {
    case 'int': return Number.isInteger(v) && inRange(p, v);
    case 'float': return Number.isFinite(v) && inRange(p, v);
    case 'bool': return typeof v === 'boolean';
    case 'choice': return p.choices.includes(v);
    case 'int_list':
    case 'float_list':
      return Array.isArray(v) && v.length >= p.min_items && v.length <= p.max_items &&
        v.every((x) => (p.type === 'int_list' ? Number.isInteger(x) : Number.isFinite(x)) && inRange(p, x));
    default: return typeof v === 'string' && v.trim() !== '';
  }
}

export function paramText(p, v) {
  return Array.isArray(v) ? v.join(',') : String(v);
}

// Builds one control per parameter inside `root`; `onChange(name, value)` fires on valid input.
export function renderParamControls(root, lesson, values, onChange) {
  root.replaceChildren();
  if (!lesson.params.length) {
    const p = document.createElement('p');
    p.className = 'muted';
    p.textContent = t('no_params');
    root.append(p);
    return;
  }
  for (const p of lesson.params) root.append(paramControl(p, values[p.name], onChange));
}

function paramControl(p, value, onChange) {
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
    const parsed = parseParam(p, p.type === 'bool' ? String(input.checked) : input.value);
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
