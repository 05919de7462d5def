// The det scheduler's settings a learner may change (the CLI's --switch-points, --gil, --cores,
// --instruction-ns, with the same ranges): their checks, shared by the URL, run(opts) and the
// controls, and what the lesson sets when the learner sets nothing. Pure functions: no DOM.
import { clip } from './text.js';

// name -> the CLI's range. Order is the controls' order.
export const SCHEDULER = {
  switch_points: { kind: 'choice', choices: ['any', 'cpython'] },
  gil: { kind: 'choice', choices: ['on', 'off'] },
  cores: { kind: 'int', min: 1, max: 64 },
  instruction_ns: { kind: 'number', min: 0, max: 1000000 },
};
export const SCHEDULER_NAMES = Object.keys(SCHEDULER);

// The runtime's own settings, what a program without a lesson runs with (src/py/runtime/
// program.h: ProgramConfig, kDefaultInstructionNs); web/tests/controls.test.mjs checks that a
// scratch run reports these.
export const RUNTIME_SCHEDULER = { switch_points: 'any', gil: 'on', cores: 4, instruction_ns: 4 };

// The valid range of `name`, in the words every error uses.
export function schedulerRange(name) {
  const s = SCHEDULER[name];
  if (s.kind === 'choice') return `${name} must be ${s.choices.join(' or ')}`;
  return `${name} must be a ${s.kind === 'int' ? 'whole number' : 'number'} from ${s.min} to ${s.max}`;
}

// `value` (text from a URL or a field, a number, or for gil a boolean) as `name`'s value:
// { value } (choices as text, numbers as numbers) or { error } naming the range and the value.
export function schedulerValue(name, value) {
  const s = SCHEDULER[name];
  if (!s) return { error: `unknown scheduler setting '${clip(name)}' (valid: ${SCHEDULER_NAMES.join(', ')})` };
  const bad = { error: `${schedulerRange(name)}, got '${clip(value)}'` };
  if (s.kind === 'choice') {
    const text = name === 'gil' && typeof value === 'boolean' ? (value ? 'on' : 'off') : value;
    return s.choices.includes(text) ? { value: text } : bad;
  }
  if (typeof value === 'string' && !/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) return bad;
  if (typeof value !== 'string' && typeof value !== 'number') return bad;
  const v = Number(value);
  const ok = (s.kind === 'int' ? Number.isInteger(v) : Number.isFinite(v)) && v >= s.min && v <= s.max;
  return ok ? { value: v } : bad;
}

// Settings a lesson parameter sets (binds = "run.cores" in lesson.toml): setting -> parameter.
// The parameter is then the one control of that setting; the scheduler group shows its value.
const BOUND = { 'run.cores': 'cores', 'run.gil': 'gil' };
export function boundSettings(lesson) {
  const out = {};
  for (const p of lesson?.params ?? []) if (BOUND[p.binds]) out[BOUND[p.binds]] = p.name;
  return out;
}

// Why `name` cannot be chosen for `lesson`, or '' when it can.
export function boundError(lesson, name) {
  const param = boundSettings(lesson)[name];
  return param ? `${name} is set by this lesson's parameter '${param}': change that parameter instead` : '';
}

// The lesson's own settings (lessons.json's `run`, with what its bound parameters' `values`
// set), as the controls show them; a scratch program gets the runtime's defaults.
export function lessonScheduler(lesson, values = {}) {
  const run = lesson?.run ?? {};
  const own = {
    switch_points: run.switch_points ?? RUNTIME_SCHEDULER.switch_points,
    gil: run.gil === undefined ? RUNTIME_SCHEDULER.gil : run.gil ? 'on' : 'off',
    cores: run.cores ?? RUNTIME_SCHEDULER.cores,
    instruction_ns: run.instruction_ns ?? RUNTIME_SCHEDULER.instruction_ns,
  };
  for (const [setting, param] of Object.entries(boundSettings(lesson))) {
    const v = values[param] ?? lesson.params.find((p) => p.name === param).default;
    own[setting] = setting === 'gil' ? (v ? 'on' : 'off') : v;
  }
  return own;
}

// What a run uses: the lesson's settings with the learner's `chosen` ones over them, except
// those a parameter sets.
export function effectiveScheduler(lesson, chosen, values = {}) {
  const bound = boundSettings(lesson);
  const own = lessonScheduler(lesson, values);
  const out = { ...own, ...chosen };
  for (const name of Object.keys(bound)) out[name] = own[name];
  return out;
}

// The request fields il_start takes for `chosen` (only what the learner set: the host applies
// the lesson's own settings, including those its parameters move, for the rest).
export function schedulerRequest(chosen, lesson) {
  const bound = boundSettings(lesson);
  const out = {};
  for (const name of SCHEDULER_NAMES) if (chosen[name] !== undefined && !bound[name]) out[name] = chosen[name];
  return out;
}
