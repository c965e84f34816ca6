// The supervisor's screen (班长席, issue 24): the live agent list with pause / unpause / log out and, for an agent on an
// answered call, listen / whisper / barge (监听 / 耳语 / 强插, issue 23: the supervisor's own phone rings into ChanSpy;
// the current monitoring and 结束监听 above the list), the supervision list (督办, art. 26) with the decisions on
// extension and termination requests, escalation and the audited unmask of a reporter's number, and the review queue
// of nuisance-caller measures (art. 12, 34). Only existing APIs are called.

import { $, el, clear, show, setText } from '/assets/dom.js';
import { startScreen, api, t, label, has, errorText, say, dateTime, day, since, button, row, size, verbatim } from '/assets/screens.js';

const REASONS = ['overdue', 'due_soon', 'returned', 'reopened', 'dissatisfied', 'escalated', 'pending_review'];
let agentsFrame = '';
let supervision = [];
let reasonFilter = null;
let matter = null;

// ------------------------------------------------------------------ agents

async function loadAgents() {
  const data = await api('GET', '/api/supervisor/agents');
  const frame = JSON.stringify(data.agents);
  if (frame === agentsFrame) return; // unchanged: keep the rows (and a pending confirmation) as they are
  agentsFrame = frame;
  const rows = clear($('agent-rows'));
  if (!data.agents.length) rows.append(el('tr', {}, el('td', { colspan: 9, class: 'muted', text: t('supervisor.agents.empty') })));
  data.agents.forEach((a) => rows.append(agentRow(a)));
}

function agentRow(a) {
  const name = a.name || a.member;
  const call = a.call ? t(a.call.ringing ? 'supervisor.call.ringing' : 'supervisor.call.active', {
    caller: a.call.caller || '—', queue: a.call.queueName || '—', time: '' }) : '—';
  const state = el('span', { class: `chip ${a.state === 'paused' ? 'warn' : a.state === 'on_call' ? 'good' : ''}`,
    text: label('agent.state', a.state) });
  return row([
    name, a.extension || '—', state,
    reasonText(a.reason),
    el('span', { class: 'in-state', 'data-since': a.since || '' , text: since(a.since) }),
    el('span', { class: 'call', 'data-since': a.call && !a.call.ringing ? a.call.since : '' , text: call }),
    String(a.answeredToday),
    queuesCell(a.queues || []),
    actions(a),
  ], { 'data-member': a.member, 'data-pbx': a.pbxId, 'data-state': a.state });
}

/** The agent's queues: up to three by name, more as a count (all of them in the tooltip). */
function queuesCell(queues) {
  const names = queues.map((q) => q.name);
  const text = names.length > 3 ? t('supervisor.queuesMore', { first: names.slice(0, 2).join('、'), n: names.length }) : names.join('、');
  return el('span', { title: names.join('、'), text: text || '—' });
}

/** A pause reason's name; one set elsewhere (a phone, the PBX) is shown as it is. */
function reasonText(reason) {
  if (!reason) return '—';
  return has(`supervisor.pauseReason.${reason}`) ? t(`supervisor.pauseReason.${reason}`) : verbatim(reason);
}

function actions(a) {
  const cell = el('td', { class: 'actions' });
  if (!a.extension) return cell;
  const path = (what) => `/api/supervisor/agents/${encodeURIComponent(a.extension)}/${what}?pbx=${encodeURIComponent(a.pbxId)}`;
  const who = a.name || a.extension;
  const act = async (what, body) => {
    try {
      await api('POST', path(what), body);
      say('result', t(`supervisor.action.done.${what}`, { agent: who }));
      agentsFrame = '';
      await loadAgents();
    } catch (e) {
      say('result', errorText(e), true);
    }
  };
  if (a.state === 'paused') cell.append(button('supervisor.action.unpause', () => act('unpause', {})));
  else cell.append(button('supervisor.action.pause', () => act('pause', { reason: $('pause-reason').value })));
  // logging out takes two clicks: the first asks, the second (within five seconds) does it
  const out = el('button', { type: 'button', class: 'danger', 'data-action': 'logout', text: t('supervisor.action.logout') });
  let armed = null;
  out.addEventListener('click', async () => {
    if (!armed) {
      out.textContent = t('supervisor.confirm.logout', { agent: who });
      armed = setTimeout(() => { armed = null; out.textContent = t('supervisor.action.logout'); }, 5000);
      return;
    }
    clearTimeout(armed);
    armed = null;
    out.disabled = true;
    await act('logout', { queues: (a.queues || []).map((q) => q.id) });
    out.disabled = false;
  });
  cell.append(' ', out);
  // listen, whisper, barge: only on an answered call (the server checks again, and refuses a confidential report to a
  // supervisor without the unmask right)
  const onCall = !!(a.call && !a.call.ringing);
  ['listen', 'whisper', 'barge'].forEach((k) => {
    const b = el('button', { type: 'button', class: 'monitor', 'data-mode': k, disabled: !onCall,
      title: onCall ? t(`supervisor.monitor.hint.${k}`) : t('supervisor.monitor.noCall'), text: t(`supervisor.action.${k}`) });
    b.addEventListener('click', () => startMonitor(a, k, who));
    cell.append(' ', b);
  });
  return cell;
}

// ------------------------------------------------------------------ monitoring (issue 23)

let monitorFrame = '';

async function startMonitor(a, mode, who) {
  try {
    const r = await api('POST', '/api/supervisor/monitor', { agent: a.extension, mode, pbx: a.pbxId });
    say('result', t('supervisor.monitor.started', { mode: r.session.modeName, agent: who, phone: r.session.phone }));
    renderMonitor(r.session);
  } catch (e) {
    say('result', errorText(e), true);
  }
}

async function loadMonitor() {
  const r = await api('GET', '/api/supervisor/monitor');
  renderMonitor(r.session);
}

function renderMonitor(m) {
  const frame = JSON.stringify(m);
  if (frame === monitorFrame) return;
  monitorFrame = frame;
  const box = clear($('monitor'));
  box.dataset.state = m ? m.state : 'none';
  box.dataset.mode = m ? m.mode : '';
  if (!m) {
    box.append(el('span', { class: 'muted', text: t('supervisor.monitor.none') }));
    return;
  }
  const cls = m.state === 'spying' ? 'good' : m.state === 'failed' ? 'bad' : m.live ? 'warn' : '';
  box.append(el('b', { text: `${t('supervisor.monitor.heading')}：` }),
    el('span', { id: 'monitor-text', text: t('supervisor.monitor.current', { mode: m.modeName, agent: m.agent }) }), ' ',
    el('span', { id: 'monitor-state', class: `chip ${cls}`, text: m.stateName }));
  if (m.error) box.append(' ', el('span', { class: 'error', text: m.error }));
  if (m.live) {
    box.append(' ', button('supervisor.action.stopMonitor', async () => {
      try {
        const r = await api('POST', '/api/supervisor/monitor/stop', {});
        say('result', t('supervisor.monitor.stopped'));
        renderMonitor(r.session);
      } catch (e) {
        say('result', errorText(e), true);
      }
    }, 'danger'));
  }
}

function tickTimes() {
  document.querySelectorAll('#agent-rows .in-state').forEach((n) => { if (n.dataset.since) n.textContent = since(n.dataset.since); });
}

// ------------------------------------------------------------------ supervision

async function loadSupervision() {
  supervision = await api('GET', '/api/supervision');
  renderReasonFilter();
  renderSupervision();
}

function renderReasonFilter() {
  const box = clear($('reason-filter'));
  box.append(el('span', { text: `${t('supervisor.supervision.filter')}：` }));
  const chip = (code, text, n) => {
    const b = el('button', { type: 'button', class: reasonFilter === code ? 'primary' : '', 'data-reason': code || 'all',
      text: `${text}（${n}）` });
    b.addEventListener('click', () => { reasonFilter = code; renderReasonFilter(); renderSupervision(); });
    return b;
  };
  box.append(chip(null, t('supervisor.supervision.all'), supervision.length));
  REASONS.forEach((r) => {
    const n = supervision.filter((i) => i.reasons.includes(r)).length;
    if (n) box.append(' ', chip(r, t(`supervisor.reason.${r}`), n));
  });
}

function renderSupervision() {
  const rows = clear($('supervision-rows'));
  const shown = supervision.filter((i) => !reasonFilter || i.reasons.includes(reasonFilter));
  if (!shown.length) rows.append(el('tr', {}, el('td', { colspan: 5, class: 'muted', text: t('supervisor.supervision.empty') })));
  shown.forEach((i) => {
    const cls = i.reasons.includes('overdue') ? 'overdue' : i.reasons.includes('due_soon') ? 'due_soon' : '';
    const tr = row([verbatim(i.number), i.subject || '—', i.leadUnitName || '—', day(i.deadlineAt),
      el('span', {}, ...i.reasons.map((r) => el('span', { class: `chip ${r === 'overdue' ? 'bad' : r === 'due_soon' ? 'warn' : ''}`,
        text: t(`supervisor.reason.${r}`) })))],
    { class: `clickable ${cls} ${matter && matter.id === i.matterId ? 'selected' : ''}`, 'data-id': i.matterId });
    tr.addEventListener('click', () => openMatter(i.matterId));
    rows.append(tr);
  });
}

async function openMatter(id) {
  try {
    const [m, requests, work] = await Promise.all([api('GET', `/api/matters/${id}`), api('GET', '/api/matter-requests'),
      api('GET', `/api/matters/${id}/unit-work`)]);
    matter = m;
    renderMatter(m, requests.filter((r) => r.matterId === id), work);
    renderSupervision();
  } catch (e) {
    say('result', errorText(e), true);
  }
}

function renderMatter(m, requests, work) {
  show('matter-empty', false);
  show('matter', true);
  clear($('m-title')).append(verbatim(m.number), ` ${m.subject || ''}`);
  setText('m-status', label('matter.status', m.status));
  setText('m-category', label('matter.category', m.category));
  setText('m-urgency', label('matter.urgency', m.urgency));
  setText('m-created', dateTime(m.createdAt));
  setText('m-deadline', dateTime(m.deadlineAt));
  setText('m-units', (m.units || []).map((u) => `${u.name}（${t(`supervisor.unitRole.${u.role}`)}）`).join('、'));
  setText('m-area', m.area);
  const contact = [m.contactName, m.contactNumber].filter(Boolean).join(' ');
  setText('m-contact', m.confidential ? `${t('supervisor.detail.confidential')} ${contact}` : contact);
  setText('m-satisfaction', m.satisfaction ? t(`reports.satisfaction.${m.satisfaction}`) : null);
  setText('m-content', m.content);
  show('m-reply-box', !!m.reply);
  setText('m-reply', m.reply);
  $('unmask-result').textContent = '';
  $('unmask-reason').value = '';
  $('escalate-reason').value = '';
  const unitName = (id) => ((m.units || []).find((u) => u.unitId === id) || {}).name || id;
  const box = clear($('m-requests'));
  if (!requests.length) box.append(el('p', { class: 'muted', text: t('supervisor.requests.none') }));
  requests.forEach((r) => box.append(requestBlock(r, unitName(r.unitId))));
  const uw = clear($('m-unit-work'));
  (work.shares || []).forEach((s) => uw.append(el('li', { text: t('supervisor.unitWork.share', { unit: s.name,
    role: t(`supervisor.unitRole.${s.role}`), state: s.signedAt ? t('supervisor.unitWork.signed') : t('supervisor.unitWork.unsigned') })
    + (s.reply ? `：${s.reply}` : '') })));
  (work.attachments || []).forEach((a) => uw.append(el('li', {}, `${t('supervisor.unitWork.attachments')}：`,
    el('a', { class: 'verbatim', href: `/api/matters/${m.id}/attachments/${a.id}`, download: a.fileName, text: a.fileName }), ` ${size(a.size)}`)));
}

function requestBlock(r, unit) {
  const note = el('input', { maxlength: 4000, size: 24, placeholder: t('supervisor.request.note') });
  const newDay = el('input', { type: 'date', title: t('supervisor.request.newLastDay') });
  const decide = (approve) => async () => {
    try {
      const body = { approve, note: note.value || null };
      if (approve && r.kind === 'extension' && newDay.value) body.newLastDay = newDay.value;
      await api('POST', `/api/matter-requests/${r.id}/decision`, body);
      say('result', t('supervisor.action.decided'));
      await loadSupervision();
      await openMatter(r.matterId);
    } catch (e) {
      say('result', errorText(e), true);
    }
  };
  return el('div', { class: 'request', 'data-request': r.id, 'data-kind': r.kind },
    el('p', {}, el('b', { text: r.kind === 'extension' ? t('supervisor.request.extension', { day: day(r.requestedDeadline) })
      : t('supervisor.request.termination') }), ` ${t('supervisor.request.by', { unit })} · ${dateTime(r.createdAt)}`),
    el('p', { text: r.reason }),
    el('div', { class: 'form-row' }, note, r.kind === 'extension' ? newDay : null,
      button('supervisor.action.approve', decide(true), 'primary'), button('supervisor.action.refuse', decide(false))));
}

// ------------------------------------------------------------------ measures

async function loadMeasures() {
  const data = await api('GET', '/api/caller-measures/review');
  const rows = clear($('measure-rows'));
  if (!data.measures.length) rows.append(el('tr', {}, el('td', { colspan: 8, class: 'muted', text: t('supervisor.measures.empty') })));
  data.measures.forEach((m) => {
    const note = el('input', { maxlength: 500, size: 14, placeholder: t('supervisor.measure.note') });
    const act = (path, body) => async () => {
      try {
        await api('POST', `/api/caller-measures/${m.id}/${path}`, body());
        say('result', t('supervisor.measure.done'));
        await loadMeasures();
      } catch (e) {
        say('result', errorText(e), true);
      }
    };
    const cell = el('td', { class: 'actions' }, note, ' ');
    if (m.appealStatus === 'pending') {
      cell.append(button('supervisor.action.upheld', act('appeal-decision', () => ({ decision: 'upheld', note: note.value }))), ' ',
        button('supervisor.action.appealLift', act('appeal-decision', () => ({ decision: 'lifted', note: note.value }))));
    } else {
      if (!m.confirmedAt) cell.append(button('supervisor.action.confirm', act('confirm', () => ({ note: note.value || null })), 'primary'), ' ');
      cell.append(button('supervisor.action.lift', act('lift', () => ({ reason: note.value }))));
    }
    // a rule's own reason is an English technical note: the supervisor reads the rule's Chinese name instead
    const rule = (m.decidedBy || '').startsWith('system:') ? m.decidedBy.slice(7) : null;
    const reason = rule ? el('span', { title: m.reason, text: t(`supervisor.rule.${rule}`) }) : m.reason;
    rows.append(row([m.number, t(`supervisor.level.${m.level}`), reason, rule ? t('supervisor.decidedBySystem') : verbatim(m.decidedBy),
      dateTime(m.startedAt),
      dateTime(m.expiresAt), m.appealStatus ? t(`supervisor.appeal.${m.appealStatus}`) : '—', cell], { 'data-measure': m.id }));
  });
}

// ------------------------------------------------------------------ wiring

function showTab(name) {
  say('result', '');
  ['agents', 'supervision', 'measures'].forEach((n) => {
    show(`pane-${n}`, n === name);
    $(`tab-${n}`).classList.toggle('current', n === name);
  });
  const load = { agents: loadAgents, supervision: loadSupervision, measures: loadMeasures }[name];
  load().catch((e) => say('result', errorText(e), true));
}

startScreen({
  roles: ['supervisor'],
  deniedKey: 'supervisor.denied',
  onStart() {
    document.querySelectorAll('#pause-reason option').forEach((o) => { o.textContent = t(`supervisor.pauseReason.${o.value}`); });
    document.querySelectorAll('.tabs button').forEach((b) => b.addEventListener('click', () => showTab(b.dataset.tab)));
    $('btn-unmask').addEventListener('click', async () => {
      if (!matter) return;
      try {
        const r = await api('POST', `/api/matters/${matter.id}/unmask`, { reason: $('unmask-reason').value });
        $('unmask-result').textContent = t('supervisor.unmask.result', { number: r.number });
        $('unmask-result').className = 'result ok';
      } catch (e) {
        $('unmask-result').textContent = errorText(e);
        $('unmask-result').className = 'result error';
      }
    });
    $('btn-escalate').addEventListener('click', async () => {
      if (!matter) return;
      try {
        await api('POST', `/api/matters/${matter.id}/escalate`, { reason: $('escalate-reason').value, version: matter.version });
        say('result', t('supervisor.action.escalated'));
        await loadSupervision();
        await openMatter(matter.id);
      } catch (e) {
        say('result', errorText(e), true);
      }
    });
    showTab('agents');
    loadMonitor().catch(() => {});
    setInterval(() => {
      if (!$('pane-agents').hidden) loadAgents().catch(() => {});
      loadMonitor().catch(() => {});
    }, 2000);
    setInterval(tickTimes, 1000);
  },
});
