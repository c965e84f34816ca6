// The call log (issue 21): filters, the table of calls (newest first, cursor paging), one call's timeline on click,
// its recording where the viewer may hear it. Every text from the catalogue; every value from the server is written
// as text (dom.js), never parsed as HTML.
import { api, me, login, logout } from '/assets/session.js';
import { loadCatalogue, t, label, errorText } from '/assets/i18n.js';
import { el, clear, $ } from '/assets/dom.js';

let user = null;
let next = null;
let shown = 0;
let filters = { queues: [], dispositions: [] };

function show(id, on) { $(id).hidden = !on; }

function fillTexts() {
  document.title = t('calls.title');
  document.querySelectorAll('[data-t]').forEach((n) => { n.textContent = t(n.dataset.t); });
}

function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function seconds(ms) {
  return ms === null || ms === undefined ? '—' : t('calls.seconds', { n: Math.round(ms / 1000) });
}

/** The filters as query parameters (empty ones left out); dates are the hotline's days. */
function params() {
  const q = new URLSearchParams();
  for (const name of ['from', 'to', 'number', 'agent', 'queue', 'disposition', 'matter']) {
    const v = $(`f-${name}`).value.trim();
    if (v) q.set(name, v);
  }
  return q;
}

function options(select, items) {
  clear(select);
  select.append(el('option', { value: '', text: t('calls.filter.any') }));
  items.forEach(([value, text]) => select.append(el('option', { value, text })));
}

function sourceBadge(c) {
  if (c.source === 'cel') return el('span', { class: 'badge cel', text: t('calls.source.cel') });
  if (c.reconciledAt) return el('span', { class: 'badge fixed', text: t('calls.reconciled') });
  return el('span', { class: 'badge', text: t('calls.source.ami') });
}

function row(c) {
  const tr = el('tr', { 'data-linkedid': c.linkedid, 'data-pbx': c.pbx },
    el('td', { text: time(c.startedAt) }),
    el('td', { text: c.callerNumber || '—' }),
    el('td', { text: c.queueName || '—' }),
    el('td', { text: c.agent || '—' }),
    el('td', { class: 'disposition', text: label('call.disposition', c.disposition) }),
    el('td', { text: seconds(c.queueWaitMs) }),
    el('td', { text: seconds(c.talkMs) }),
    el('td', { text: label('call.end_reason', c.endReason) }),
    el('td', { text: c.matterNumber || '—' }),
    el('td', {}, sourceBadge(c)));
  tr.addEventListener('click', () => {
    document.querySelectorAll('#calls-rows tr.selected').forEach((r) => r.classList.remove('selected'));
    tr.classList.add('selected');
    openCall(c.pbx, c.linkedid);
  });
  return tr;
}

async function search(more) {
  $('search-error').textContent = '';
  const q = params();
  if (more && next) q.set('cursor', next);
  if (!more) {
    clear($('calls-rows'));
    shown = 0;
    show('detail', false);
  }
  $('calls-status').textContent = t('calls.loading');
  $('btn-export').href = `/api/calls/export.csv?${params().toString()}`;
  try {
    const page = await api('GET', `/api/calls?${q.toString()}`);
    page.calls.forEach((c) => $('calls-rows').append(row(c)));
    shown += page.calls.length;
    next = page.next;
    show('btn-more', !!next);
    $('calls-status').textContent = shown === 0 ? t('calls.none') : t('calls.count', { count: shown });
  } catch (e) {
    $('calls-status').textContent = '';
    $('search-error').textContent = errorText(e);
  }
}

function describe(item) {
  const d = item.data || {};
  if (item.kind === 'reconciled') {
    return t('calls.change', { field: label('calls.field', d.field), from: value(d.field, d.from), to: value(d.field, d.to) });
  }
  const parts = [];
  for (const [k, v] of Object.entries(d)) {
    if (v === '' || v === undefined) continue;
    if (k === 'disposition') parts.push(label('call.disposition', v));
    else if (k === 'rating') parts.push(t('calls.data.rating', { v: label('calls.survey', v) }));
    else if (k === 'queue') parts.push(t('calls.data.queue', { v: queueName(v) }));
    else if (`calls.data.${k}` in dataKeys) parts.push(t(`calls.data.${k}`, { v }));
  }
  return parts.join('，');
}

const dataKeys = {};

/** A reconciled field's value as people read it: labels for codes, seconds for durations, local times. */
function value(field, v) {
  if (v === undefined || v === null || v === '') return '—';
  if (field === 'disposition') return label('call.disposition', v);
  if (field === 'end_reason') return label('call.end_reason', v);
  if (field === 'queue') return queueName(v);
  if (field.endsWith('_ms')) return seconds(Number(v));
  if (field.endsWith('_at')) return time(v);
  return v;
}

function queueName(id) {
  const q = filters.queues.find((x) => x.id === id);
  return q ? q.name : id;
}

async function openCall(pbx, linkedid) {
  show('detail', true);
  clear($('detail-summary'));
  clear($('detail-timeline'));
  clear($('detail-recording'));
  try {
    const d = await api('GET', `/api/calls/${encodeURIComponent(pbx)}/${encodeURIComponent(linkedid)}`);
    const c = d.call;
    const add = (key, value) => $('detail-summary').append(el('dt', { text: t(key) }), el('dd', { text: value }));
    add('calls.col.started', time(c.startedAt));
    add('calls.col.caller', c.callerNumber || '—');
    add('calls.detail.ivr_path', c.ivrPath || '—');
    add('calls.col.queue', c.queueName || '—');
    add('calls.col.agent', c.agent || '—');
    add('calls.col.disposition', label('call.disposition', c.disposition));
    add('calls.col.wait', seconds(c.queueWaitMs));
    add('calls.col.talk', seconds(c.talkMs));
    add('calls.col.end_reason', label('call.end_reason', c.endReason));
    add('calls.detail.survey', label('calls.survey', c.surveyRating));
    add('calls.col.matter', c.matterNumber || '—');
    add('calls.detail.pbx', c.pbx);
    add('calls.detail.linkedid', c.linkedid);
    if (c.recording) {
      $('detail-recording').append(el('audio', { id: 'recording', controls: true, preload: 'none', src: c.recording }));
    } else {
      $('detail-recording').append(el('p', { class: 'muted', text: t('calls.detail.no_recording') }));
    }
    d.timeline.forEach((i) => $('detail-timeline').append(el('li', { class: `kind-${i.kind}` },
      el('span', { class: 'at', text: time(i.at) }),
      el('b', { text: label('calls.kind', i.kind) }), ' ', describe(i),
      el('span', { class: 'src badge', text: label('calls.source', i.source) }))));
  } catch (e) {
    $('detail-timeline').append(el('li', { class: 'error', text: errorText(e) }));
  }
}

async function enter(u) {
  user = u;
  show('login-view', false);
  show('log-view', true);
  $('who').textContent = t('calls.user', { name: u.displayName || u.username });
  const agent = u.role === 'agent';
  show('agent-note', agent);
  show('agent-filter', !agent);
  try {
    filters = await api('GET', '/api/calls/filters');
  } catch (e) {
    $('search-error').textContent = errorText(e);
  }
  options($('f-queue'), filters.queues.map((q) => [q.id, q.name]));
  options($('f-disposition'), filters.dispositions.map((d) => [d, label('call.disposition', d)]));
  await search(false);
}

async function main() {
  await loadCatalogue();
  ['queue', 'agent', 'member', 'position', 'hold_s', 'talk_s', 'wait_s', 'path', 'target', 'cause', 'reason', 'rating']
    .forEach((k) => { dataKeys[`calls.data.${k}`] = true; });
  fillTexts();
  $('login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('login-error').textContent = '';
    try {
      await enter(await login($('username').value.trim(), $('password').value));
    } catch (e) {
      $('login-error').textContent = errorText(e);
    }
  });
  $('btn-logout').addEventListener('click', async () => {
    await logout();
    location.reload();
  });
  $('filters').addEventListener('submit', (ev) => { ev.preventDefault(); search(false); });
  $('btn-reset').addEventListener('click', () => { $('filters').reset(); search(false); });
  $('btn-more').addEventListener('click', () => search(true));
  $('btn-close').addEventListener('click', () => show('detail', false));
  const u = await me();
  if (u) await enter(u); else show('login-view', true);
}

main();
