// Echoing values the page did not choose (URL parameters, shared links) back to the learner.

// Characters of a foreign value shown in a message; the rest is cut (a link can carry
// megabytes, and one notice must not grow taller than the page).
export const ECHO_CHARS = 40;

// `value` as text, cut to `max` characters (whole code points) with '…' when longer.
export function clip(value, max = ECHO_CHARS) {
  const text = String(value);
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}

// A translated text with its "{name}" placeholders filled from `vars`.
export const fill = (text, vars = {}) => Object.entries(vars).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), text);
