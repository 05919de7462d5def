// Results as a learner reads them: Python's notation for the JSON the host reports
// (tuples arrive as {"$tuple": [...]}, None as null), floats rounded for display, and lists of
// records as a table. Display only: JSON, exports and state() keep the full values. Pure
// functions, no DOM (tested by web/tests/format.test.mjs).

const isTuple = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) &&
  Object.keys(v).length === 1 && Array.isArray(v.$tuple);
const isDict = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !isTuple(v);

// A float with 4 significant digits (1 decimal from 1000 up), trailing zeros dropped:
// 0.30000000000000004 -> 0.3, 3.14159 -> 3.142, 0.0000534 -> 0.0000534, 12345.678 -> 12345.7.
// Whole numbers print as they are.
export function numberText(v) {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  if (Number.isInteger(v)) return String(v);
  const big = Math.abs(v) >= 1000;
  const keep = (x) => (big ? x.toFixed(1) : x.toPrecision(4));
  const kept = big ? String(Math.trunc(Math.abs(v))).length + 1 : 4;  // significant digits kept
  const text = tieToEven(v, kept) ? keep(towardZero(v)) : keep(v);
  if (text.includes('e')) return text.replace(/\.?0+e/, 'e');
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

// toFixed and toPrecision round an exact tie away from zero ("pick the larger n"); Python and
// C (the canvas's value_text.cpp) round it to the even digit: 1.0625 -> 1.062, 1000.25 -> 1000.2.
// The digits of |v| exactly (a double shown here has fewer than 100 significant ones).
const exactDigits = (v) => Math.abs(v).toPrecision(100).replace(/e.*$/, '').replace('.', '').replace(/^0+/, '');
// Whether keeping the first `n` significant digits of v cuts exactly half a unit off (...5000)
// after an even digit: the case JavaScript rounds up and Python down.
function tieToEven(v, n) {
  const digits = exactDigits(v);
  return /^50*$/.test(digits.slice(n)) && Number(digits[n - 1]) % 2 === 0;
}
// The double next to v toward zero: below a tie, so it rounds down, and no other digit moves.
function towardZero(v) {
  const bits = new BigInt64Array(new Float64Array([v]).buffer);
  bits[0] -= 1n;
  return new Float64Array(bits.buffer)[0];
}

// Python's repr of a str: single quotes unless the text has one and no double quote.
export function strRepr(s) {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
  return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
}

// `v` in Python's notation (nested strings quoted, floats rounded). A string at the top level
// is shown as it is: a result that is text reads as text.
export function valueText(v, top = true) {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'string') {
    if (top) return v;
    // The host sends inf and nan as text (JSON has no such numbers).
    return ['inf', '-inf', 'nan'].includes(v) ? v : strRepr(v);
  }
  if (isTuple(v)) {
    const items = v.$tuple.map((x) => valueText(x, false));
    return `(${items.join(', ')}${items.length === 1 ? ',' : ''})`;
  }
  if (Array.isArray(v)) return `[${v.map((x) => valueText(x, false)).join(', ')}]`;
  return `{${Object.entries(v).map(([k, x]) => `${strRepr(k)}: ${valueText(x, false)}`).join(', ')}}`;
}

const items = (v) => (isTuple(v) ? v.$tuple : v);
const isSequence = (v) => Array.isArray(v) || isTuple(v);

// A row's cells: a record's fields by `columns`, a tuple's items, else the value itself.
const cellsOf = (row, columns) => (isDict(row) ? columns.map((c) => cell(row[c])) : isSequence(row) ? items(row).map(cell) : [cell(row)]);

// One cell: a list of plain strings reads as a sequence ("new → runnable → done").
function cell(v) {
  if (isSequence(v) && items(v).length && items(v).every((x) => typeof x === 'string')) return items(v).join(' → ');
  return valueText(v);
}

const unionKeys = (records) => [...new Set(records.flatMap((r) => Object.keys(r)))];

// How to show a result: { table: { head, rows } } for a list of records (dicts, or tuples of
// one length of at least 2) or a dict of lists / records (one row per key), else
// { text }. Cells are strings.
export function resultDisplay(v) {
  if (Array.isArray(v) && v.length) {
    if (v.every(isDict)) {
      const head = unionKeys(v);
      return { table: { head, rows: v.map((r) => cellsOf(r, head)) } };
    }
    const n = isTuple(v[0]) ? v[0].$tuple.length : -1;
    if (n >= 2 && v.every((r) => isTuple(r) && r.$tuple.length === n))
      return { table: { head: [], rows: v.map((r) => cellsOf(r)) } };
  }
  if (isDict(v)) {
    const values = Object.values(v);
    if (values.length && values.every(isDict)) {
      const head = unionKeys(values);
      return { table: { head: ['', ...head], rows: Object.entries(v).map(([k, r]) => [k, ...cellsOf(r, head)]) } };
    }
    if (values.length && values.every(Array.isArray))   // a dict of tuples stays a dict
      return { table: { head: [], rows: Object.entries(v).map(([k, s]) => [k, cell(s)]) } };
  }
  return { text: valueText(v) };
}
