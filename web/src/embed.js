// The embed API: in an iframe, window.interleave's calls and events travel by postMessage,
// accepted only from the origin the embedder names in the URL (&origin=https://course.example).
//   embedder -> page:  { id, call: 'run', args: [{ mode: 'det' }] }
//   page -> embedder:  { id, result } or { id, error }      (replies, same id)
//                      { event: 'end', data: {...} }          (events: ready, select, lang, run, step, end,
//                                                              outcomes, explore-progress, explore-end, score)
export const EMBED_CALLS = ['lessons', 'select', 'run', 'pause', 'step', 'chooseCoroutine', 'stepCoroutine', 'reset', 'state', 'exportTrace',
  'setLanguage', 'shareUrl', 'outcomes', 'stepBack', 'seek', 'explore', 'stopExplore',
  'challenges', 'selectChallenge'];
export const EMBED_EVENTS = ['ready', 'select', 'lang', 'run', 'step', 'end', 'outcomes', 'explore-progress', 'explore-end',
  'score'];

// Structured clone would carry most values, but JSON keeps replies plain data everywhere.
const plain = (v) => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

// Starts answering the parent; returns false when there is no parent or no allowed origin.
export function startEmbedBridge(api, origin) {
  if (window.parent === window || !origin) return false;
  const parent = window.parent;
  window.addEventListener('message', async (e) => {
    if (e.origin !== origin || e.source !== parent) return;
    const msg = e.data;
    if (!msg || typeof msg !== 'object' || typeof msg.call !== 'string') return;
    const { id = null, call, args = [] } = msg;
    try {
      if (!EMBED_CALLS.includes(call)) throw new Error(`unknown call '${call}' (valid: ${EMBED_CALLS.join(', ')})`);
      const result = await api[call](...(Array.isArray(args) ? args : [args]));
      parent.postMessage({ id, result: plain(result) }, origin);
    } catch (err) {
      parent.postMessage({ id, error: String(err?.message ?? err) }, origin);
    }
  });
  for (const event of EMBED_EVENTS) api.on(event, (data) => parent.postMessage({ event, data: plain(data) }, origin));
  return true;
}
