// The one catalogue of what users read (assets/i18n/index.json lists its files), shared with the server's error
// messages.
// Load once with `await loadCatalogue()`, then `t('matter.status.draft')`, `t('error.invalid', {field: ...})`,
// `label('matter.status', code)` (the code itself, never English, is shown only when the catalogue lacks it).

let catalogue = {};

async function fetchJson(file) {
  const r = await fetch(`/assets/i18n/${file}`, { credentials: 'same-origin' });
  if (!r.ok) throw new Error(`catalogue ${file}: HTTP ${r.status}`);
  return r.json();
}

/** Loads every file the catalogue's index lists (one per area; a key is in one file only). */
export async function loadCatalogue() {
  const index = await fetchJson('index.json');
  const parts = await Promise.all(index.files.map(fetchJson));
  catalogue = Object.assign({}, ...parts);
  return catalogue;
}

/** The text of a key with {name} parameters filled; the key itself when missing (a test finds those). */
export function t(key, params = {}) {
  const s = catalogue[key];
  if (s === undefined) return key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (params[k] === undefined || params[k] === null ? '' : String(params[k])));
}

/** Whether the catalogue has a key. */
export function has(key) {
  return Object.prototype.hasOwnProperty.call(catalogue, key);
}

/** The Chinese label of an enum code (`label('matter.status', 'draft')` is 草稿); '—' for none. */
export function label(kind, code) {
  if (code === undefined || code === null || code === '') return '—';
  return has(`${kind}.${code}`) ? catalogue[`${kind}.${code}`] : String(code);
}

/** The message an error answer of the server carries (already Chinese), or a generic one for its status. */
export function errorText(e) {
  if (e && e.message && /[\u4e00-\u9fff]/.test(e.message)) return e.message;
  if (e && e.status === 401) return t('error.unauthenticated');
  if (e && e.status === 403) return t('error.forbidden');
  if (e && e.status === 404) return t('error.not_found');
  if (e && e.status === 409) return t('error.conflict');
  if (e && e.status === 429) return t('error.too_many_requests');
  return t('error.internal');
}

/**
 * Fills a page's static texts from the catalogue: {@code data-t} the element's text, {@code data-t-placeholder} its
 * placeholder, {@code data-t-title} its tooltip (the HTML holds keys, never words).
 */
export function translate(root = document) {
  root.querySelectorAll('[data-t]').forEach((e) => { e.textContent = t(e.dataset.t); });
  root.querySelectorAll('[data-t-placeholder]').forEach((e) => { e.placeholder = t(e.dataset.tPlaceholder); });
  root.querySelectorAll('[data-t-title]').forEach((e) => { e.title = t(e.dataset.tTitle); });
}
