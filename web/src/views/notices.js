// The notices over the canvas (load failures, links with invalid values, no isolation), in
// the page's language. Repaints on 'notices' and 'lang'.
import { page, subscribe } from '../store.js';
import { t } from '../i18n.js';
import { fill } from '../text.js';
import { dismiss } from '../actions/notices.js';

// A notice lists at most MAX_NOTICE_ITEMS items, then how many more there are.
const MAX_NOTICE_ITEMS = 5;

function renderNotices() {
  const box = document.getElementById('notices');
  box.replaceChildren(...page.notices.map(noticeBox));
  box.hidden = page.notices.length === 0;
}

function noticeBox(n) {
  const div = document.createElement('div');
  div.className = `notice ${n.kind}`;
  div.setAttribute('role', 'alert');
  const h = document.createElement('strong');
  h.textContent = n.titleKey ? t(n.titleKey) : '';
  const p = document.createElement('p');
  p.textContent = n.textKey ? fill(t(n.textKey), n.vars) : '';
  div.append(h, p);
  if (n.items?.length) div.append(noticeItems(n.items));
  if (n.dismissable) {
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'notice-close';
    close.textContent = '×';
    close.setAttribute('aria-label', 'close');
    close.addEventListener('click', () => dismiss(n));
    div.append(close);
  }
  return div;
}

function noticeItems(items) {
  const ul = document.createElement('ul');
  for (const item of items.slice(0, MAX_NOTICE_ITEMS)) {
    const li = document.createElement('li');
    li.textContent = item;
    ul.append(li);
  }
  if (items.length > MAX_NOTICE_ITEMS) {
    const li = document.createElement('li');
    li.className = 'notice-more';
    li.textContent = fill(t('notice_more'), { n: items.length - MAX_NOTICE_ITEMS });
    ul.append(li);
  }
  return ul;
}

export function startNoticesView() {
  subscribe(['notices', 'lang'], renderNotices);
}
