// Challenges (lesson.toml [[challenges]]): the goal the learner plays for on the current
// lesson. Every run of the lesson that ends with a report is an attempt; the report says
// whether the challenge's success expression held (judged natively, report.challenges).
// An attempt counts only if it kept to what the challenge allows (no edit unless "edit",
// default parameters unless "params"). Each attempt emits `score` {challenge, lesson,
// solved, steps, attempts}; the embed API passes it to the named origin only (embed.js).
import { page, on, emit, changed, currentLesson } from '../store.js';
import { defaultParams } from '../validate.js';
import { paramText } from '../params.js';

// The current lesson's challenges ({id, title, goal, allowed, success}).
export function challenges() {
  return (currentLesson()?.challenges ?? []).map((c) => ({ ...c }));
}

// Plays challenge `id` of the current lesson (its attempts start at 0); '' or null: none.
export function selectChallenge(id) {
  const list = challenges();
  if (id && !list.some((c) => c.id === id))
    throw new Error(`challenge '${id}' is not one of lesson ${page.lessonId}'s (valid: ${list.map((c) => c.id).join(', ') || 'none'})`);
  page.challenge = id ? { lesson: page.lessonId, id, attempts: 0, solved: false, steps: null, broke: null } : null;
  changed('challenge');
  return page.challenge ? { ...page.challenge } : null;
}

// What the attempt did that the challenge does not allow ('edit' | 'params'), or null.
function rulesBroken(c) {
  if (!c.allowed.includes('edit') && page.editor.edited()) return 'edit';
  if (!c.allowed.includes('params')) {
    const lesson = currentLesson();
    const dflt = defaultParams(lesson);
    if (lesson.params.some((p) => paramText(p, page.values[p.name]) !== paramText(p, dflt[p.name]))) return 'params';
  }
  return null;
}

function onEnd(state) {
  const ch = page.challenge;
  const report = state?.report;
  if (!ch || ch.lesson !== page.lessonId || !report || report.lesson !== ch.lesson) return;
  const c = challenges().find((x) => x.id === ch.id);
  const verdict = (report.challenges ?? []).find((x) => x.id === ch.id);
  if (!c || !verdict) return;
  ch.attempts += 1;
  ch.broke = rulesBroken(c);
  const solved = verdict.solved && !ch.broke;
  if (solved && !ch.solved) { ch.solved = true; ch.steps = report.steps; }
  changed('challenge');
  emit('score', { challenge: ch.id, lesson: ch.lesson, solved, steps: report.steps, attempts: ch.attempts,
    ...(ch.broke ? { not_allowed: ch.broke } : {}) });
}

// A new lesson shows its first challenge.
export function startChallenges() {
  on('end', onEnd);
  on('select', () => { selectChallenge(challenges()[0]?.id ?? null); });
}
