// The challenge panel under the toolbar: the current lesson's challenge (a picker when it has
// several), its goal and what it allows in the page's language, and whether it is solved.
// Repaints on 'challenge', 'lesson' and 'lang'.
import { page, subscribe } from '../store.js';
import { t, pick } from '../i18n.js';
import { fill } from '../explore_text.js';
import { challenges, selectChallenge } from '../actions/challenge.js';

const $ = (id) => document.getElementById(id);

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function render() {
  const box = $('challenge');
  const list = challenges();
  const ch = page.challenge;
  const c = ch && list.find((x) => x.id === ch.id);
  if (!c) { box.hidden = true; box.replaceChildren(); return; }
  box.hidden = false;
  box.dataset.solved = String(ch.solved);
  const head = el('div', 'challenge-head');
  head.append(el('span', 'challenge-tag', t('challenge')));
  if (list.length > 1) {
    const select = el('select', 'challenge-pick');
    select.setAttribute('aria-label', t('challenge'));
    for (const x of list) select.add(new Option(pick(x.title), x.id));
    select.value = c.id;
    select.addEventListener('change', (e) => selectChallenge(e.target.value));
    head.append(select);
  } else {
    head.append(el('strong', 'challenge-title', pick(c.title)));
  }
  const status = ch.solved ? fill(t('challenge_solved'), { steps: ch.steps ?? '?', attempts: ch.attempts })
    : fill(t('challenge_open'), { attempts: ch.attempts });
  head.append(el('span', `challenge-status ${ch.solved ? 'solved' : ''}`, status));
  const allowed = c.allowed.map((a) => t(`allowed_${a}`)).join(' · ');
  box.replaceChildren(head, el('div', 'challenge-goal', pick(c.goal)),
    el('div', 'challenge-allowed', `${t('challenge_allowed')} ${allowed}`));
}

export function startChallengeView() {
  const box = el('div', 'challenge');
  box.id = 'challenge';
  box.setAttribute('aria-live', 'polite');
  box.hidden = true;
  $('toolbar-error').after(box);
  subscribe(['challenge', 'lesson', 'lang'], render);
}
