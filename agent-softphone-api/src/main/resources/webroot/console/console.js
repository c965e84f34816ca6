// The agent console (坐席工作台): login, the agent's state and queues, the screen pop and the call controls, one matter
// form per call (never overwritten by the next pop), the matter's workflow, knowledge, matter search, revisits.
// Every piece of data is written with textContent (see dom.js): caller names and matter text are untrusted; every
// word comes from the catalogue (assets/i18n/zh-CN-desk.json).

import { $, el, clear, setText, show, duration } from '/assets/dom.js';
import { loadCatalogue, t, label, translate } from '/assets/i18n.js';
import { me, login, logout, liveChannel } from '/assets/session.js';
import * as form from '/console/matter-form.js';
import * as matter from '/console/matter-actions.js';
import * as drafts from '/console/drafts.js';
import * as ring from '/console/ring.js';
import * as phone from '/console/softphone.js';
import * as side from '/console/side.js';
import * as transfer from '/console/transfer.js';
import * as assist from '/console/text-assist.js';
import { SHORTCUTS, install } from '/console/shortcuts.js';
import { getMatter, queues as loadQueues } from '/console/others.js';
import { say, act, notice, clearNotices, phase, clock } from '/console/ui.js';

const PAUSE_REASONS = ['meal', 'rest', 'training', 'meeting', 'toilet', 'coaching', 'system_issue'];

let channel = null;
let stateSince = null;
let agentState = null;
let currentCall = null;
let held = false;
let queueNames = {};
let myQueues = [];
let wrapUpConfirmAt = 0;

function showLogin() {
  show('desk', false);
  show('login-view', true);
  $('username').focus();
}

async function startDesk(user) {
  show('login-view', false);
  show('desk', true);
  setText('agent-name', user.displayName);
  setText('agent-ext', user.extension);
  if (user.role !== 'agent') {
    say(t('desk.not_agent'), true);
    return;
  }
  drafts.init(user.username);
  renderDrafts();
  try {
    (await loadQueues()).forEach((q) => { queueNames[q.id] = q.name; });
  } catch (e) { /* names come with the next state message otherwise */ }
  side.revisits();
  // issue 23: the browser's softphone when the agent chose it (not awaited: it waits for another tab's lock)
  phone.start(user);
  channel = liveChannel('/ws/console', onMessage, (s) => {
    $('link-status').textContent = t(s === 'connected' ? 'desk.link.up' : s === 'ended' ? 'desk.link.ended' : 'desk.link.down');
    if (s === 'ended') showLogin();
  });
}

function onMessage(type, d) {
  switch (type) {
    case 'agent_state': return onAgentState(d);
    case 'screen_pop': return onPop(d);
    case 'call_active': return onActive(d);
    case 'call_ended': return onEnded(d);
    case 'pop_withdrawn': return onWithdrawn(d);
    case 'call_notice': return onNotice(d);
    default: return undefined;
  }
}

// ------------------------------------------------------------------ the agent's state

function onAgentState(d) {
  agentState = d;
  const state = (d.state || '').toLowerCase();
  setText('agent-state', label('agent.state', state));
  $('agent-state').dataset.state = state;
  $('state-reason').textContent = !d.reason ? ''
    : state === 'wrap_up' ? t('desk.state.then_paused', { reason: label('agent.pause', d.reason) })
      : `（${label('agent.pause', d.reason)}）`;
  stateSince = d.since ? new Date(d.since) : null;
  myQueues = d.queues || [];
  const q = clear($('agent-queues'));
  if (!myQueues.length) q.append(el('span', { class: 'muted', text: t('desk.queues.none') }));
  myQueues.forEach((id) => q.append(el('span', { class: 'chip', 'data-queue': id, text: queueNames[id] || id })));
}

// ------------------------------------------------------------------ the call

function originText(o) {
  return o && o !== 'queue' ? t(`desk.origin.${o}`) : '';
}

function onPop(d) {
  const sameCall = currentCall && currentCall.callId === d.callId;
  if (!sameCall) {
    clearNotices();
    held = false;
    $('hold-state').hidden = true;
    $('consult-bar').hidden = true;
  }
  currentCall = d;
  phase('desk.phase.ringing', 'ringing');
  $('call-origin').textContent = originText(d.origin);
  show('pop', true);
  const c = d.caller || {};
  setText('caller-number', c.number);
  setText('caller-masked', c.masked ? t('desk.call.masked') : '');
  setText('caller-name', c.name);
  const flags = clear($('caller-flags'));
  (c.repeat ? c.repeatReasons || [] : []).forEach((r) => flags.append(el('span', { class: 'flag repeat', text: t('desk.call.repeat', { why: r }) })));
  (c.nuisance ? c.nuisanceReasons || [] : []).forEach((r) => flags.append(el('span', { class: 'flag', text: t('desk.call.nuisance', { why: r }) })));
  setText('ivr-path', (d.ivrPath || []).map(ivrStep).join(' → '));
  setText('call-queue', d.queue ? queueNames[d.queue] || d.queue : '');
  setText('ringing-at', clock(d.ringingAt));
  side.history(d.earlierCalls || [], d.earlierMatters || []);
  side.suggestions(d.suggestions || []);
  if (!sameCall) {
    if (d.origin !== 'outbound') ring.start();
    ring.notify(t('desk.notify.title'), t('desk.notify.body', { caller: c.number || '', name: c.name || '' }));
    formForCall(d);
  }
}

/** An IVR node in words (welcome, menu:1 → 主菜单：1). */
function ivrStep(s) {
  const [node, choice] = s.split(':');
  const name = label('ivr.node', node);
  return choice === undefined ? name : `${name}：${choice}`;
}

/**
 * The form of a call that pops: its own when it had one already (a call that came back), else a new one filled from
 * the call's draft. The form being written for another call is never touched: it stays in the list.
 */
async function formForCall(d) {
  const before = matter.active();
  if (before && before.dirty && before.callId !== d.callId) {
    say(t('desk.drafts.kept', { caller: before.callerMasked || t('desk.drafts.no_call') }));
  }
  let f = drafts.get(d.callId);
  if (!f) {
    f = { id: d.callId, callId: d.callId, callerMasked: (d.caller || {}).number, fields: {
      category: (d.draft && d.draft.category) || 'consultation', channel: 'phone', urgency: 'normal',
      subject: (d.draft && d.draft.subject) || '', content: (d.draft && d.draft.content) || '',
      contactName: (d.caller || {}).name || '',
    }, dirty: false };
    drafts.put(f);
  }
  showForm(f);
  if (d.draft && d.draft.id && !f.matterId) {
    try {
      const m = await getMatter(d.draft.id);
      form.fromMatter(f, m, !f.dirty);
      drafts.put(f);
      if (matter.active() === f) showForm(f);
    } catch (e) { /* the form still saves: a new matter is opened for the call */ }
  }
}

function showForm(f) {
  matter.show(f, renderDrafts);
  assist.reset();
  renderDrafts();
}

function renderDrafts() {
  const a = matter.active();
  side.draftList(showForm, a ? a.id : null);
}

function onActive(d) {
  if (!currentCall || currentCall.callId !== d.callId) return;
  ring.stop();
  phase('desk.phase.active', 'active');
}

function onEnded(d) {
  if (!currentCall || currentCall.callId !== d.callId) return;
  ring.stop();
  held = false;
  $('hold-state').hidden = true;
  $('consult-bar').hidden = true;
  phase('desk.phase.wrapup', 'wrapup');
  say(t('desk.wrapup.started'));
}

function onWithdrawn(d) {
  if (!currentCall || currentCall.callId !== d.callId) return;
  ring.stop();
  currentCall = null;
  show('pop', false);
  $('call-origin').textContent = '';
  phase('desk.phase.idle', '');
  const key = `desk.withdrawn.${d.reason}`;
  say(t(key), d.reason === 'no_answer' || d.reason === 'caller_left' || d.reason === 'wrapup_timeout');
}

function onNotice(d) {
  if (d.kind === 'hold_on' || d.kind === 'hold_off') {
    held = d.kind === 'hold_on';
    $('hold-state').hidden = !held;
  }
  if (d.kind.startsWith('consult_')) {
    const open = d.kind === 'consult_ringing' || d.kind === 'consult_answered';
    $('consult-bar').hidden = !open;
    $('consult-text').textContent = t(`desk.notice.${d.kind}`, { target: d.target || '' });
  }
  notice(d);
}

// ------------------------------------------------------------------ controls

function answer() {
  ring.stop();
  ring.unlock();
  if (phone.ringing()) {
    // softphone mode: the pop's 接听 (and Alt+J) answer the INVITE in this page
    phone.answer();
    say(t('phone.call.answer_hint'));
    $('m-subject').focus();
    return;
  }
  say(t('desk.call.answer_hint'));
  $('m-subject').focus();
}

function hold() {
  if (phone.inCall()) return phone.hold();
  return held ? act('/api/agent/hold', { on: false }, 'desk.ok.retrieved') : act('/api/agent/hold', { on: true }, 'desk.ok.held');
}

/** In softphone mode the page's own call ends (CANCEL/603/BYE); with a desk phone the server hangs it up. */
function hangup() {
  if (phone.hangup()) return true;
  return act('/api/agent/hangup', {}, 'desk.ok.hungup');
}

function wrapUpDone() {
  const a = matter.active();
  if (a && a.dirty && Date.now() - wrapUpConfirmAt > 5000) {
    wrapUpConfirmAt = Date.now();
    say(t('desk.wrapup.unsaved'), true);
    return;
  }
  wrapUpConfirmAt = 0;
  act('/api/agent/wrapup', {}, 'desk.ok.wrapup');
}

function openQueueLogin() {
  const box = clear($('queue-choices'));
  let last = [];
  try { last = JSON.parse(localStorage.getItem('desk.queues') || '[]'); } catch (e) { last = []; }
  Object.entries(queueNames).forEach(([id, name]) => {
    const cb = el('input', { type: 'checkbox', value: id });
    cb.checked = last.length ? last.includes(id) : id === 'q-general';
    box.append(el('label', {}, cb, ` ${name}`));
  });
  $('queue-dialog').showModal();
}

async function queueLogin() {
  const chosen = [...document.querySelectorAll('#queue-choices input:checked')].map((c) => c.value);
  if (!chosen.length) return;
  localStorage.setItem('desk.queues', JSON.stringify(chosen));
  $('queue-dialog').close();
  const fresh = chosen.filter((q) => !myQueues.includes(q));
  if (!fresh.length) return say(t('desk.ok.queue_login', { count: chosen.length }));
  act('/api/agent/login', { queues: fresh.map((q) => ({ queue: q, penalty: 0 })) }, 'desk.ok.queue_login', { count: fresh.length });
}

function pause() {
  const reason = $('pause-reason').value;
  const wrapping = agentState && agentState.state === 'WRAP_UP';
  act('/api/agent/pause', { reason }, wrapping ? 'desk.ok.paused_after_wrapup' : 'desk.ok.paused',
    { reason: label('agent.pause', reason) });
}

async function flag() {
  const note = $('f-note').value.trim();
  if ([...note].length < 2) {
    $('flag-error').textContent = t('desk.flag.note_required');
    return;
  }
  const ok = await act('/api/agent/flag', { kind: $('f-kind').value, note, callId: currentCall ? currentCall.callId : null },
    'desk.ok.flagged');
  if (ok) $('flag-dialog').close();
  else $('flag-error').textContent = $('action-result').textContent;
}

function help() {
  const tbl = clear($('shortcut-table'));
  SHORTCUTS.forEach((s) => tbl.append(el('tr', {}, el('td', {}, el('kbd', { text: `Alt+${s.key.toUpperCase()}` })),
    el('td', { text: t(s.label) }))));
  $('help-dialog').showModal();
}

function wire() {
  translate();
  form.setup();
  const pr = clear($('pause-reason'));
  PAUSE_REASONS.forEach((r) => pr.append(el('option', { value: r, text: label('agent.pause', r) })));
  const fk = clear($('f-kind'));
  ['harassment', 'insult', 'threat'].forEach((k) => fk.append(el('option', { value: k, text: label('caller.flag', k) })));
  phase('desk.phase.idle', '');

  $('login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('login-error').textContent = '';
    try {
      const user = await login($('username').value.trim(), $('password').value);
      $('password').value = '';
      startDesk(user);
    } catch (e) {
      $('login-error').textContent = t(e.status === 429 ? 'error.too_many_attempts' : e.status === 401 ? 'error.bad_credentials' : 'error.internal');
    }
  });
  $('btn-logout').addEventListener('click', async () => {
    if (drafts.unsaved().length && !$('btn-logout').dataset.sure) {
      $('btn-logout').dataset.sure = '1';
      return say(t('desk.logout.unsaved'), true);
    }
    if (channel) channel.stop();
    drafts.clear();
    await logout().catch(() => {});
    location.reload();
  });
  $('btn-queue-login').addEventListener('click', openQueueLogin);
  $('q-confirm').addEventListener('click', queueLogin);
  $('q-cancel').addEventListener('click', () => $('queue-dialog').close());
  $('btn-queue-logout').addEventListener('click', () => (myQueues.length
    ? act('/api/agent/logout', { queues: myQueues }, 'desk.ok.queue_logout') : say(t('desk.queues.none'), true)));
  $('btn-pause').addEventListener('click', pause);
  $('btn-unpause').addEventListener('click', () => act('/api/agent/unpause', {}, 'desk.ok.unpaused'));
  $('btn-notify').addEventListener('click', async () => {
    ring.unlock();
    const p = await ring.askPermission();
    say(t(`desk.notify.${p}`));
  });
  $('btn-answer').addEventListener('click', answer);
  $('btn-hold').addEventListener('click', () => (phone.inCall() ? phone.hold(true) : act('/api/agent/hold', { on: true }, 'desk.ok.held')));
  $('btn-unhold').addEventListener('click', () => (phone.inCall() ? phone.hold(false) : act('/api/agent/hold', { on: false }, 'desk.ok.retrieved')));
  $('btn-hangup').addEventListener('click', hangup);
  $('btn-wrapup').addEventListener('click', wrapUpDone);
  $('btn-transfer').addEventListener('click', () => transfer.open());
  $('btn-consult-complete').addEventListener('click', () => act('/api/agent/consult', { complete: true }, 'desk.ok.consult_complete'));
  $('btn-consult-cancel').addEventListener('click', () => act('/api/agent/consult', { complete: false }, 'desk.ok.consult_cancel'));
  $('btn-flag').addEventListener('click', () => {
    $('f-note').value = '';
    $('flag-error').textContent = '';
    $('flag-dialog').showModal();
  });
  $('f-confirm').addEventListener('click', flag);
  $('f-cancel').addEventListener('click', () => $('flag-dialog').close());
  $('btn-dial').addEventListener('click', () => {
    const n = $('dial-number').value.trim();
    if (!n) return say(t('desk.dial.required'), true);
    return act('/api/agent/dial', { number: n }, 'desk.ok.dialling');
  });
  $('btn-help').addEventListener('click', help);
  transfer.wire();
  side.wire();

  $('matter-form').addEventListener('submit', (ev) => { ev.preventDefault(); matter.saveDraft(); });
  $('matter-form').addEventListener('input', (ev) => {
    if (ev.target.closest('.subform')) return;
    matter.typed();
    if (ev.target.id === 'm-subject') side.subjectChanged($('m-subject').value);
    if (ev.target.id === 'm-subject' || ev.target.id === 'm-content') assist.typed();
  });
  $('btn-suggest-dispatch').addEventListener('click', () => assist.suggest());
  $('matter-form').addEventListener('change', (ev) => { if (!ev.target.closest('.subform')) matter.typed(); });
  $('btn-accept').addEventListener('click', () => matter.accept());
  $('btn-dispatch').addEventListener('click', () => matter.openDispatch());
  $('d-confirm').addEventListener('click', () => matter.dispatch());
  $('d-cancel').addEventListener('click', () => matter.closeBoxes());
  $('btn-answer-spot').addEventListener('click', () => matter.openSpot());
  $('s-confirm').addEventListener('click', () => matter.answerOnSpot());
  $('s-cancel').addEventListener('click', () => matter.closeBoxes());
  $('btn-refuse').addEventListener('click', () => matter.openRefuse());
  $('r-reason').addEventListener('change', () => matter.refuseReasonChanged());
  $('r-confirm').addEventListener('click', () => matter.refuse());
  $('r-cancel').addEventListener('click', () => matter.closeBoxes());
  $('btn-new-matter').addEventListener('click', () => showForm(drafts.put(matter.blank())));

  phone.wireMode();
  install({
    answer, hangup, hold, save: () => matter.saveDraft(),
    wrapup: wrapUpDone, transfer: () => transfer.open(), help,
  });
  document.addEventListener('click', () => ring.unlock(), { once: true });
  window.addEventListener('beforeunload', (ev) => {
    if (drafts.unsaved().length) {
      ev.preventDefault();
      ev.returnValue = '';
    }
  });
  setInterval(() => {
    $('state-time').textContent = stateSince ? duration(Date.now() - stateSince.getTime()) : '';
  }, 1000);
}

loadCatalogue().then(() => {
  wire();
  return me();
}).then((user) => (user ? startDesk(user) : showLogin())).catch(() => showLogin());
