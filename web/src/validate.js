// The checks every way into the page shares (the URL, window.interleave, the embed bridge and
// the controls): each error names the value's name, its valid range and what was given.
import { clip } from './text.js';
import { LANGS } from './i18n.js';

export { LANGS };

export const MAX_SEED = 2n ** 64n - 1n;
export const MODES = ['det', 'free'];
// Run limits il_start takes: [min, max, whole numbers only] (the host's ranges).
export const RUN_LIMITS = { memory_mb: [16, 1024, true], time_limit_s: [1, 3600, false] };

// A seed is a whole number that fits 64 bits, written in decimal.
export const seedValid = (text) => /^\d{1,20}$/.test(text) && BigInt(text) <= MAX_SEED;
export const seedRange = () => `seed must be a whole number from 0 to ${MAX_SEED}`;
export const seedError = (text) => `${seedRange()}, got '${clip(text)}'`;

// null when `value` is one of `choices`, else the error naming them.
export function choiceError(name, value, choices) {
  return choices.includes(value) ? null : `${name} must be ${choices.join(' or ')}, got '${clip(value)}'`;
}

// A run limit from `value` (a number or its text): { value } or { error }.
export function runLimit(name, value) {
  const [lo, hi, whole] = RUN_LIMITS[name];
  const v = typeof value === 'number' || typeof value === 'string' ? Number(value) : NaN;
  if ((whole ? Number.isInteger(v) : Number.isFinite(v)) && v >= lo && v <= hi) return { value: v };
  return { error: `${name} must be a ${whole ? 'whole number' : 'number'} from ${lo} to ${hi}, got '${clip(value)}'` };
}

// `given` ({ name: text, number or list }) read onto a copy of `values` for `lesson` by the
// wasm (`canvas`, loaded), whose reader is the CLI's (src/lesson/params.cpp): { values,
// problems }, a problem for each unknown name or invalid value, in the given order.
export function parseLessonParams(canvas, lesson, given, values) {
  const texts = Object.fromEntries(Object.entries(given ?? {}).map(([name, v]) => [name, Array.isArray(v) ? v.join(',') : String(v)]));
  if (!Object.keys(texts).length) return { values: { ...values }, problems: [] };
  const read = canvas.readParams(lesson.id, texts);
  return { values: { ...values, ...read.values }, problems: read.problems };
}

// The lesson's default parameter values.
export const defaultParams = (lesson) => Object.fromEntries(lesson.params.map((p) => [p.name, p.default]));
