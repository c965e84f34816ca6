// What the screens of issue 24 (unit portal, supervisor, reports, engineer, wallboard) share: the catalogue, the
// login form, the header with the user and the way out, the links to the other screens of the same role, and small
// formatting helpers. Every text comes from the catalogue (assets/i18n/*.json); data is written with textContent.

import { $, el, clear, show } from '/assets/dom.js';
import { api, me, login, logout } from '/assets/session.js';
import { loadCatalogue, t, label, errorText, has } from '/assets/i18n.js';

export { api, t, label, errorText, has };

/** The screens, the roles that may open each, and their catalogue titles. */
const SCREENS = [
  { path: '/supervisor/', roles: ['supervisor'], key: 'screens.nav.supervisor' },
  { path: '/reports/', roles: ['supervisor', 'admin'], key: 'screens.nav.reports' },
  { path: '/wallboard/', roles: ['supervisor', 'engineer', 'admin'], key: 'screens.nav.wallboard' },
  { path: '/engineer/', roles: ['engineer', 'admin'], key: 'screens.nav.engineer' },
  { path: '/unit/', roles: ['unit'], key: 'screens.nav.unit' },
];

/** Fills every [data-t] element's text, [data-t-title] title and [data-t-placeholder] placeholder from the catalogue. */
export function translate(root = document) {
  root.querySelectorAll('[data-t]').forEach((n) => { n.textContent = t(n.dataset.t); });
  root.querySelectorAll('[data-t-title]').forEach((n) => { n.title = t(n.dataset.tTitle); });
  root.querySelectorAll('[data-t-placeholder]').forEach((n) => { n.placeholder = t(n.dataset.tPlaceholder); });
  if (document.body.dataset.title) document.title = t(document.body.dataset.title);
}

/**
 * Starts a screen: the catalogue, then the logged-in user (or the login form). {@code roles} may open it; anyone else
 * reads {@code deniedKey}. {@code onStart(user)} runs once a permitted user is in.
 */
export async function startScreen({ roles, deniedKey, onStart }) {
  await loadCatalogue();
  translate();
  const begin = (user) => {
    show('login-view', false);
    show('screen', true);
    $('screen-user').textContent = user.displayName;
    const nav = clear($('screen-nav'));
    SCREENS.filter((s) => s.roles.includes(user.role)).forEach((s) => nav.append(el('a', {
      href: s.path, class: location.pathname.startsWith(s.path) ? 'current' : '', text: t(s.key) })));
    onStart(user);
  };
  $('login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('login-error').textContent = '';
    try {
      const user = await login($('username').value.trim(), $('password').value);
      $('password').value = '';
      if (!roles.includes(user.role)) {
        $('login-error').textContent = t(deniedKey);
        await logout().catch(() => {});
        return;
      }
      begin(user);
    } catch (e) {
      $('login-error').textContent = e.status === 429 ? t('error.too_many_attempts') : t('error.bad_credentials');
    }
  });
  $('btn-logout').addEventListener('click', async () => { await logout().catch(() => {}); location.reload(); });
  try {
    const user = await me();
    if (user && roles.includes(user.role)) begin(user);
    else show('login-view', true);
  } catch (e) {
    show('login-view', true);
  }
}

/** Shows a short result line (an error in red) in the element with this id. */
export function say(id, text, isError) {
  const p = $(id);
  p.textContent = text || '';
  p.className = isError ? 'result error' : 'result ok';
}

const TZ = 'Asia/Shanghai';

/** "2026-03-05 14:02" in Beijing time. */
export function dateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (isNaN(d)) return '—';
  const p = Object.fromEntries(new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "2026-03-05" in Beijing time. */
export function day(iso) {
  return iso ? dateTime(iso).slice(0, 10) : '—';
}

/** Today (or n days from today) in Beijing time as yyyy-MM-dd. */
export function today(offsetDays = 0) {
  const d = new Date(Date.now() + offsetDays * 86400000);
  return dateTime(d.toISOString()).slice(0, 10);
}

/** "m:ss" or "h:mm:ss" of milliseconds. */
export function clockOf(ms) {
  const s = Math.max(0, Math.floor((Number(ms) || 0) / 1000));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const two = (n) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(r)}` : `${m}:${two(r)}`;
}

/** The time since an ISO instant as "m:ss" (the server's clock and the browser's agree closely enough for this). */
export function since(iso) {
  return iso ? clockOf(Date.now() - new Date(iso).getTime()) : '—';
}

/** 0.0023 → "0.2%" (one decimal, as the server's alarms write it). */
export function pct(x) {
  return `${((Number(x) || 0) * 100).toFixed(1)}%`;
}

/** A button that runs an action, shows "…" while it runs and is disabled meanwhile. */
export function button(key, onClick, cls) {
  const b = el('button', { type: 'button', class: cls || '', text: t(key) });
  b.addEventListener('click', async () => {
    b.disabled = true;
    try { await onClick(b); } finally { b.disabled = false; }
  });
  return b;
}

/** A table body row of cells (text or nodes). */
export function row(cells, attrs = {}) {
  return el('tr', attrs, ...cells.map((c) => (c instanceof Node && c.tagName === 'TD' ? c : el('td', {}, c))));
}

/** A cell showing an identifier of the system (channel, configuration key) exactly as it is. */
export function verbatim(text) {
  return el('code', { class: 'verbatim', text: text === null || text === undefined ? '—' : String(text) });
}

/**
 * Sends a file as the request body (the unit portal's attachments): its name percent-encoded in X-File-Name, the
 * session's CSRF token read fresh from /api/auth/me. Rejects like api() with {status, error, message}.
 */
export async function upload(url, file) {
  const who = await api('GET', '/api/auth/me');
  const res = await fetch(url, {
    method: 'POST', credentials: 'same-origin', body: file,
    headers: { 'Accept': 'application/json', 'Content-Type': 'application/octet-stream',
      'X-File-Name': encodeURIComponent(file.name), 'X-CSRF-Token': who.csrfToken },
  });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
  if (!res.ok) throw { status: res.status, error: data && data.error, message: data && data.message };
  return data;
}

/** "1.2 MB", "35 KB". */
export function size(bytes) {
  const n = Number(bytes) || 0;
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}
