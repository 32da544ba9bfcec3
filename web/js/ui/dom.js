// Tiny DOM helpers: element creation without innerHTML (text is never parsed as HTML), and toasts.

/// h('td', {class: 'num', dataset: {testid: 'x'}, onclick}, 'text', child) -> element.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'style' && typeof value === 'object') Object.assign(el.style, value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/// Replaces an element's children.
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/// A titled panel; returns {panel, body}.
export function panel(title, testid) {
  const body = h('div');
  const el = h('section', { class: 'panel mb-3', dataset: { testid } }, h('h2', {}, title), body);
  return { panel: el, body };
}

/// A short message at the bottom right; kind is a Bootstrap colour (success, danger, …).
export function toast(message, kind = 'secondary') {
  const box = document.getElementById('toasts');
  if (!box) return;
  const el = h('div', { class: `toast show text-bg-${kind} mb-2`, role: 'alert', dataset: { testid: 'toast' } },
    h('div', { class: 'toast-body' }, message));
  box.append(el);
  setTimeout(() => el.remove(), 6000);
}

/// A table with a header row; rows are arrays of cells (strings or nodes or {text, class}).
export function table(headers, rows, { testid, empty = 'Nothing yet.' } = {}) {
  const head = h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col', class: x.class }, x.text ?? x))));
  const body = h('tbody');
  for (const row of rows) body.append(row instanceof Node ? row : h('tr', {}, row.map(cell)));
  if (!rows.length) body.append(h('tr', {}, h('td', { colspan: headers.length, class: 'text-body-secondary' }, empty)));
  return h('div', { class: 'table-responsive' }, h('table', { class: 'table table-sm align-middle mb-0', dataset: { testid } }, head, body));
}

/// One table cell from a string, node or {text, class}.
export function cell(value) {
  if (value instanceof Node) return h('td', {}, value);
  if (value && typeof value === 'object') return h('td', { class: value.class, dataset: value.dataset }, value.text);
  return h('td', {}, value);
}
