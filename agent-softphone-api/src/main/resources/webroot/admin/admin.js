// The administrator's working-day calendar (issue 22 item 4): which years are the State Council's arrangement,
// the alarm banner, the holiday-cn import and the confirmation. Everything is written as text (dom.js).

import { $, el, clear, setText, show, dateTime } from '/assets/dom.js';
import { me, login, logout, api } from '/assets/session.js';
import { loadCatalogue, t, errorText, translate } from '/assets/i18n.js';
import { mountCalendarBanner, renderCalendarBanner } from '/assets/calendar-banner.js';
import { mountDictionary } from '/admin/dictionary.js';

let selectedYear = null;

function labels() {
  document.title = t('calendar.page.title');
  const text = {
    'login-title': 'calendar.page.login', 'username-label': 'calendar.page.username',
    'password-label': 'calendar.page.password', 'login-btn': 'calendar.page.login_button',
    'admin-title': 'calendar.page.title', 'user-label': 'calendar.page.user', 'btn-logout': 'calendar.page.logout',
    'years-title': 'calendar.page.years', 'th-year': 'calendar.page.year', 'th-state': 'calendar.page.state',
    'th-days': 'calendar.page.days', 'th-source': 'calendar.page.source', 'th-changed': 'calendar.page.changed',
    'import-title': 'calendar.page.import', 'import-help': 'calendar.page.import_help',
    'import-file-label': 'calendar.page.import_file', 'import-text-label': 'calendar.page.import_text',
    'import-confirm-label': 'calendar.page.import_confirm', 'import-btn': 'calendar.page.import_button',
    'days-title': 'calendar.page.days_of', 'th-day': 'calendar.page.day', 'th-kind': 'calendar.page.kind',
    'th-name': 'calendar.page.name',
  };
  for (const [id, key] of Object.entries(text)) $(id).textContent = t(key);
}

async function refresh() {
  $('years-error').textContent = '';
  const status = await renderCalendarBanner($('calendar-banner'));
  if (!status) {
    $('years-error').textContent = t('calendar.page.status_failed');
    return;
  }
  const rows = clear($('year-rows'));
  for (const y of status.years) {
    const source = el('input', { maxlength: 300, value: y.source || '', 'aria-label': t('calendar.page.source') });
    const confirmBtn = el('button', { class: 'primary', text: t('calendar.page.confirm'),
      onclick: () => mark(y.year, true, source.value) });
    const unconfirmBtn = el('button', { text: t('calendar.page.unconfirm'),
      onclick: () => mark(y.year, false, source.value) });
    rows.append(el('tr', { class: (y.confirmed ? 'confirmed' : 'unconfirmed') + (y.year === selectedYear ? ' selected' : ''),
      'data-year': y.year, onclick: (ev) => { if (ev.target.tagName === 'TD') showDays(y.year); } },
      el('td', { text: y.year }),
      el('td', { class: 'state', text: t(y.confirmed ? 'calendar.page.confirmed' : 'calendar.page.unconfirmed') }),
      el('td', { text: y.days }),
      el('td', { text: y.source || '—' }),
      el('td', { text: y.changedAt ? `${dateTime(y.changedAt)} ${y.changedBy || ''}` : '—' }),
      el('td', { class: 'actions' }, source, ' ', y.confirmed ? unconfirmBtn : confirmBtn)));
  }
  if (selectedYear === null && status.years.length) showDays(status.years[status.years.length - 1].year);
}

async function mark(year, confirmed, source) {
  $('years-error').textContent = '';
  try {
    await api('PUT', `/api/admin/calendar/years/${year}`, { confirmed, source });
    await refresh();
  } catch (e) {
    $('years-error').textContent = errorText(e);
  }
}

async function showDays(year) {
  selectedYear = year;
  $('days-title').textContent = t('calendar.page.days_of', { year });
  const rows = clear($('day-rows'));
  try {
    const days = await api('GET', `/api/calendar?year=${year}`);
    if (!days.length) rows.append(el('tr', {}, el('td', { colspan: 3, class: 'muted', text: t('calendar.page.no_days') })));
    for (const d of days) {
      rows.append(el('tr', {}, el('td', { text: d.day }),
        el('td', { text: t(d.kind === 'workday' ? 'calendar.page.workday' : 'calendar.page.holiday') }),
        el('td', { text: d.name })));
    }
  } catch (e) {
    rows.append(el('tr', {}, el('td', { colspan: 3, class: 'error', text: errorText(e) })));
  }
  document.querySelectorAll('#year-rows tr').forEach((tr) =>
    tr.classList.toggle('selected', Number(tr.dataset.year) === year));
}

async function importFile() {
  const result = $('import-result');
  result.className = '';
  result.textContent = '';
  let body;
  try {
    body = JSON.parse($('import-text').value);
  } catch (e) {
    result.className = 'error';
    result.textContent = t('calendar.page.not_json');
    return;
  }
  const confirm = $('import-confirm').checked;
  try {
    const y = await api('POST', `/api/admin/calendar/import${confirm ? '?confirm=true' : ''}`, body);
    result.textContent = t(y.confirmed ? 'calendar.page.imported_confirmed' : 'calendar.page.imported',
      { year: y.year, days: y.days });
    selectedYear = y.year;
    await refresh();
    await showDays(y.year);
  } catch (e) {
    result.className = 'error';
    result.textContent = errorText(e);
  }
}

function start(user) {
  show('login-view', false);
  if (user.role !== 'admin') {
    show('login-view', true);
    $('login-error').textContent = t('calendar.page.admins_only');
    return;
  }
  setText('admin-user', user.displayName || user.username);
  show('admin', true);
  mountCalendarBanner($('calendar-banner'));
  refresh();
  mountTabs();
}

/** 工作日历 | 热线词典 (issue 26): one tab shown at a time; the dictionary is loaded when first opened. */
function mountTabs() {
  translate(document.querySelector('nav.tabs'));
  let dictionary = false;
  document.querySelectorAll('nav.tabs button.tab').forEach((b) => b.addEventListener('click', () => {
    document.querySelectorAll('nav.tabs button.tab').forEach((o) => {
      o.classList.toggle('selected', o === b);
      o.setAttribute('aria-selected', String(o === b));
      show(o.dataset.tab, o === b);
    });
    // the page's title names the tab shown (工作日历 or 热线词典)
    const title = b.dataset.tab === 'tab-dictionary' ? t('text.admin.page_title') : t('calendar.page.title');
    document.title = title;
    $('admin-title').textContent = title;
    if (b.dataset.tab === 'tab-dictionary' && !dictionary) {
      dictionary = true;
      mountDictionary();
    }
  }));
}

$('import-file').addEventListener('change', () => {
  const f = $('import-file').files[0];
  if (!f) return;
  const reader = new FileReader();
  reader.onload = () => { $('import-text').value = String(reader.result); };
  reader.readAsText(f, 'utf-8');
});
$('import-btn').addEventListener('click', importFile);
$('login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  $('login-error').textContent = '';
  try {
    const user = await login($('username').value.trim(), $('password').value);
    $('password').value = '';
    start(user);
  } catch (e) {
    $('login-error').textContent = errorText(e);
  }
});
$('btn-logout').addEventListener('click', async () => { await logout().catch(() => {}); location.reload(); });

await loadCatalogue();
labels();
me().then((u) => (u ? start(u) : show('login-view', true))).catch(() => show('login-view', true));
