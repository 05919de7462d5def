// window.interleave, the page's public API (DESIGN.md), on top of the actions; the embed
// bridge (embed.js) carries the same calls and events by postMessage.
import { page, on } from './store.js';
import { select, setLanguage } from './actions/lesson.js';
import { run, pause, step, chooseCoroutine, stepCoroutine, reset, outcomes, exportTrace } from './actions/run.js';
import { shareLink } from './actions/share.js';
import { snapshot } from './actions/snapshot.js';
import { stepBack, seek, explore, stopExplore } from './actions/explore.js';
import { challenges, selectChallenge } from './actions/challenge.js';

export const api = {
  lessons: () => page.lessons.map((l) => ({ ...l })),
  select: (id, params = {}) => select(id, params),
  run,
  pause,
  step,
  chooseCoroutine,
  stepCoroutine,
  reset,
  outcomes,
  exportTrace,
  state: snapshot,
  on,
  setLanguage,
  shareUrl: shareLink,
  stepBack,
  seek,
  explore,
  stopExplore,
  challenges,
  selectChallenge,
};
