// The wallboard: queues, agents by state, alarms and today's calls per hour, live over the WebSocket.
// All data is written as text (textContent) or SVG attributes: nothing is parsed as HTML.

import { $, el, clear, setText, show, clock, duration } from '/assets/dom.js';
import { me, login, logout, liveChannel } from '/assets/session.js';

const STATE_NAMES = { LOGGED_OUT: '未签入', AVAILABLE: '空闲', RINGING: '振铃', ON_CALL: '通话中', WRAP_UP: '话后处理', PAUSED: '示忙' };
const SVG = 'http://www.w3.org/2000/svg';
const pct = (x) => `${Math.round((Number(x) || 0) * 1000) / 10}%`;

function svg(tag, attrs, text) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = String(text);
  return n;
}

function renderBoard(b) {
  setText('board-at', clock(b.at));
  const rows = clear($('queue-rows'));
  (b.queues || []).forEach((q) => {
    const slBad = q.offeredToday >= 10 && q.serviceLevel < 0.8;
    rows.append(el('tr', { 'data-queue': q.queue },
      el('td', { text: q.queue }),
      el('td', { class: q.waiting > 0 ? 'waiting bad' : 'waiting', text: q.waiting }),
      el('td', { text: duration(q.longestWaitMs) }),
      el('td', { class: q.loggedIn === 0 ? 'bad' : '', text: q.loggedIn }),
      el('td', { text: q.available }),
      el('td', { text: q.onCall }),
      el('td', { text: q.paused }),
      el('td', { text: q.wrapUp }),
      el('td', { class: slBad ? 'bad' : '', text: `${pct(q.serviceLevel)}（${q.serviceLevelSeconds}秒）` }),
      el('td', { text: pct(q.abandonRate) }),
      el('td', { class: 'offered', text: q.offeredToday }),
      el('td', { text: q.answeredToday }),
      el('td', { text: q.abandonedToday })));
  });
  const states = clear($('agent-states'));
  Object.entries(b.agentsByState || {}).forEach(([s, n]) =>
    states.append(el('li', { 'data-state': s }, `${STATE_NAMES[s] || s}：`, el('b', { text: n }))));
  const alarms = clear($('alarms'));
  if (!(b.alarms || []).length) alarms.append(el('li', { class: 'muted', text: '无告警' }));
  (b.alarms || []).forEach((a) => alarms.append(el('li', { 'data-kind': a.kind }, `⚠ ${a.message || a.kind}`)));
  renderChart(b.callsPerHour || []);
}

function renderChart(hours) {
  const chart = clear($('hour-chart'));
  const W = 720, H = 240, left = 36, bottom = 24, top = 12;
  const max = Math.max(1, ...hours);
  const bw = (W - left - 8) / 24;
  setText('calls-total', hours.reduce((s, n) => s + (Number(n) || 0), 0));
  chart.append(svg('line', { x1: left, y1: H - bottom, x2: W - 4, y2: H - bottom, class: 'axis' }));
  chart.append(svg('text', { x: 4, y: top + 8, class: 'label' }, max));
  hours.forEach((n, h) => {
    const v = Number(n) || 0;
    const bh = ((H - bottom - top) * v) / max;
    const x = left + h * bw + 2;
    chart.append(svg('rect', { x, y: H - bottom - bh, width: bw - 4, height: bh, class: 'bar', 'data-hour': h }));
    if (v > 0) chart.append(svg('text', { x: x + 2, y: H - bottom - bh - 3, class: 'label' }, v));
    if (h % 2 === 0) chart.append(svg('text', { x, y: H - 8, class: 'label' }, `${h}时`));
  });
}

function start(user) {
  show('login-view', false);
  show('board', true);
  setText('board-user', user.displayName);
  liveChannel('/ws/wallboard', (type, d) => {
    if (type === 'queue_board') renderBoard(d);
  }, (s) => {
    $('link-status').textContent = s === 'connected' ? '● 实时' : s === 'ended' ? '会话已结束' : '○ 重新连接中…';
    if (s === 'ended') location.reload();
  });
}

$('login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    const user = await login($('username').value.trim(), $('password').value);
    $('password').value = '';
    if (!['supervisor', 'engineer', 'admin'].includes(user.role)) {
      $('login-error').textContent = '监控大屏仅限班长、工程师和管理员';
      return;
    }
    start(user);
  } catch (e) {
    $('login-error').textContent = e.status === 429 ? '登录失败次数过多，请稍后再试' : '用户名或密码错误';
  }
});
$('btn-logout').addEventListener('click', async () => { await logout().catch(() => {}); location.reload(); });
me().then((u) => (u && ['supervisor', 'engineer', 'admin'].includes(u.role) ? start(u) : show('login-view', true)))
  .catch(() => show('login-view', true));
