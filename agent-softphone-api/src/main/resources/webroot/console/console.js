// The agent console: login, state bar, screen pop, history, matter form, knowledge search, transfer.
// Every piece of data is written with textContent (see dom.js): caller names and matter text are untrusted.

import { $, el, clear, setText, show, clock, dateTime, duration } from '/assets/dom.js';
import { api, me, login, logout, liveChannel } from '/assets/session.js';
import { saveMatter, searchKnowledge } from '/console/others.js';
import { readMatter, checkMatter, showErrors, prefill, resetMatter } from '/console/matter-form.js';

const STATE_NAMES = { LOGGED_OUT: '未签入', AVAILABLE: '空闲', RINGING: '振铃', ON_CALL: '通话中', WRAP_UP: '话后处理', PAUSED: '示忙' };
const REASONS = { meal: '就餐', rest: '休息', training: '培训', meeting: '会议', after_call_work: '话后处理',
  toilet: '如厕', coaching: '辅导', system_issue: '系统故障' };
const DISPOSITIONS = { answered: '已接听', abandoned_in_queue: '排队放弃', abandoned_in_ivr: 'IVR 放弃',
  self_served: '自助服务', not_accepted: '不予受理', nuisance: '骚扰', failed: '失败', transferred_out: '已转出' };

let channel = null;
let stateSince = null;
let currentCall = null;
let savedMatterId = null;
/** The draft matter the server opened for the ringing call (its id), completed on save. */
let draftId = null;

function say(text, isError) {
  const p = $('action-result');
  p.textContent = text;
  p.className = isError ? 'error' : 'muted';
}

async function act(path, body, okText) {
  try {
    await api('POST', path, body);
    say(okText);
  } catch (e) {
    say(`操作失败（${e.status || ''}）：${e.message || ''}`, true);
  }
}

function showLogin() {
  show('desk', false);
  show('login-view', true);
  $('username').focus();
}

function startDesk(user) {
  show('login-view', false);
  show('desk', true);
  setText('agent-name', user.displayName);
  setText('agent-ext', user.extension);
  if (user.role !== 'agent') {
    say('此账号不是坐席账号，无法接收来电弹屏。', true);
    return;
  }
  channel = liveChannel('/ws/console', onMessage, (s) => {
    $('link-status').textContent = s === 'connected' ? '● 已连接' : s === 'ended' ? '会话已结束' : '○ 重新连接中…';
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
    default: return undefined;
  }
}

function onAgentState(d) {
  setText('agent-state', STATE_NAMES[d.state] || d.state);
  setText('state-reason', d.reason ? REASONS[d.reason] || d.reason : '');
  stateSince = d.since ? new Date(d.since) : null;
}

function phase(text, cls) {
  const p = $('call-phase');
  p.textContent = text;
  p.className = `phase ${cls || ''}`;
}

function onPop(d) {
  const sameCall = currentCall && currentCall.callId === d.callId;
  currentCall = d;
  phase('振铃', 'ringing');
  show('pop', true);
  const c = d.caller || {};
  setText('caller-number', c.number);
  setText('caller-masked', c.masked ? '（已脱敏）' : '');
  setText('caller-name', c.name);
  const flags = clear($('caller-flags'));
  (c.repeat ? c.repeatReasons || [] : []).forEach((r) => flags.append(el('span', { class: 'flag repeat', text: `重复来电：${r}` })));
  (c.nuisance ? c.nuisanceReasons || [] : []).forEach((r) => flags.append(el('span', { class: 'flag', text: `骚扰提示：${r}` })));
  setText('ivr-path', (d.ivrPath || []).join(' → '));
  setText('call-queue', d.queue);
  setText('ringing-at', clock(d.ringingAt));
  renderHistory(d.earlierCalls || [], d.earlierMatters || []);
  if (!sameCall) {
    resetMatter();
    savedMatterId = null;
    prefill(d.draft);
    draftId = d.draft && d.draft.id ? d.draft.id : null;
  }
}

function renderHistory(calls, matters) {
  const cl = clear($('earlier-calls'));
  if (!calls.length) cl.append(el('li', { class: 'muted', text: '暂无' }));
  calls.slice(0, 20).forEach((c) => cl.append(el('li', {},
    `${dateTime(c.startedAt)}　${DISPOSITIONS[c.disposition] || c.disposition || ''}　${c.summary || ''}`)));
  const ml = clear($('earlier-matters'));
  if (!matters.length) ml.append(el('li', { class: 'muted', text: '暂无' }));
  matters.slice(0, 20).forEach((m) => ml.append(el('li', {},
    `${m.number || m.id || ''}　${m.subject || ''}　${m.status || ''}　${dateTime(m.createdAt)}`)));
}

function onActive(d) {
  if (!currentCall || currentCall.callId !== d.callId) return;
  phase('通话中', 'active');
}

function onEnded(d) {
  if (!currentCall || currentCall.callId !== d.callId) return;
  phase('话后处理', 'wrapup');
}

function onWithdrawn(d) {
  if (!currentCall || currentCall.callId !== d.callId) return;
  currentCall = null;
  show('pop', false);
  phase('空闲', '');
  if (d.reason === 'no_answer') say('未接听，来电已转其他坐席。', true);
  if (d.reason === 'caller_left') say('来电人已挂机。', true);
}

function queueList() {
  return $('queues').value.split(/[,，\s]+/).filter(Boolean);
}

function wire() {
  $('login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('login-error').textContent = '';
    try {
      const user = await login($('username').value.trim(), $('password').value);
      $('password').value = '';
      startDesk(user);
    } catch (e) {
      $('login-error').textContent = e.status === 429 ? '登录失败次数过多，请稍后再试' : e.status === 401 ? '用户名或密码错误' : `登录失败：${e.message || ''}`;
    }
  });
  $('btn-logout').addEventListener('click', async () => {
    if (channel) channel.stop();
    await logout().catch(() => {});
    location.reload();
  });
  $('btn-queue-login').addEventListener('click', () =>
    act('/api/agent/login', { queues: queueList().map((q) => ({ queue: q, penalty: 0 })) }, '已签入队列'));
  $('btn-queue-logout').addEventListener('click', () => act('/api/agent/logout', { queues: queueList() }, '已签出队列'));
  $('btn-pause').addEventListener('click', () => act('/api/agent/pause', { reason: $('pause-reason').value }, '已示忙'));
  $('btn-unpause').addEventListener('click', () => act('/api/agent/unpause', {}, '已示闲'));
  $('btn-hold').addEventListener('click', () => act('/api/agent/hold', { on: true }, '已保持'));
  $('btn-unhold').addEventListener('click', () => act('/api/agent/hold', { on: false }, '已取回'));
  $('btn-hangup').addEventListener('click', () => act('/api/agent/hangup', {}, '已挂断'));
  $('btn-wrapup').addEventListener('click', () => act('/api/agent/wrapup', {}, '话后处理完成'));
  $('btn-dial').addEventListener('click', () => act('/api/agent/dial', { number: $('dial-number').value.trim() }, '正在外呼'));

  const dialog = $('transfer-dialog');
  $('btn-transfer').addEventListener('click', () => { $('transfer-error').textContent = ''; dialog.showModal(); });
  $('t-cancel').addEventListener('click', () => dialog.close());
  const transfer = async (kind, value, attended) => {
    try {
      await api('POST', '/api/agent/transfer', { kind, value, attended });
      dialog.close();
      say(`已转接至 ${value}`);
    } catch (e) {
      $('transfer-error').textContent = `转接失败：${e.message || ''}`;
    }
  };
  document.querySelectorAll('#transfer-dialog .quick').forEach((b) =>
    b.addEventListener('click', () => transfer('emergency', b.dataset.value, false)));
  $('t-confirm').addEventListener('click', () =>
    transfer($('t-kind').value, $('t-value').value.trim(), $('t-attended').checked));

  $('matter-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const m = readMatter();
    const errors = checkMatter(m);
    showErrors(errors);
    if (errors.length) return;
    const body = {
      channel: m.channel, category: m.category, subject: m.subject, content: m.content,
      contactName: m.contactName, contactNumber: m.contactNumber, address: m.hasPlace ? m.address : (m.address || null),
      hasPlace: m.hasPlace, confidential: m.confidential, callId: currentCall ? currentCall.callId : null,
    };
    try {
      const r = await saveMatter(body, savedMatterId || draftId);
      savedMatterId = r.id;
      $('matter-saved').textContent = `工单已保存${r.number ? `：${r.number}` : ''}`;
    } catch (e) {
      showErrors([`保存失败：${e.message || e.status || ''}`]);
    }
  });

  $('btn-kb').addEventListener('click', async () => {
    const q = $('kb-query').value.trim();
    const ul = clear($('kb-results'));
    if (!q) return;
    const found = await searchKnowledge(q);
    if (!found.length) ul.append(el('li', { class: 'muted', text: '未找到相关知识' }));
    found.slice(0, 20).forEach((e) => ul.append(el('li', {}, el('b', { text: e.title }), el('br'), e.body.slice(0, 300))));
  });

  setInterval(() => {
    $('state-time').textContent = stateSince ? duration(Date.now() - stateSince.getTime()) : '';
  }, 1000);
}

wire();
me().then((user) => (user ? startDesk(user) : showLogin())).catch(() => showLogin());
