// The wallboard: queues (by their names), alarms with their start, agents by state, today's calls per hour and each
// PBX's link, live over the WebSocket. Every text comes from the catalogue; data is written as text or SVG attributes.

import { $, el, clear, setText, clock } from '/assets/dom.js';
import { liveChannel, api } from '/assets/session.js';
import { startScreen, t, label, pct, clockOf } from '/assets/screens.js';

const SVG = 'http://www.w3.org/2000/svg';
const sum = (xs) => xs.reduce((s, n) => s + (Number(n) || 0), 0);

function svg(tag, attrs, text) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = String(text);
  return n;
}

function renderBoard(b) {
  setText('board-at', clock(b.at));
  const queues = b.queues || [];
  const several = new Set(queues.map((q) => q.pbxId)).size > 1;
  const rows = clear($('queue-rows'));
  queues.forEach((q) => {
    const name = several ? t('wallboard.queue.onPbx', { queue: q.displayName || q.queue, pbx: q.pbxId }) : (q.displayName || q.queue);
    rows.append(el('tr', { 'data-queue': q.queue, 'data-pbx': q.pbxId },
      el('td', { class: 'name', text: name }),
      el('td', { class: q.waiting > 0 ? 'waiting bad' : 'waiting', text: q.waiting }),
      el('td', { class: 'longest', text: clockOf(q.longestWaitMs) }),
      el('td', { class: q.loggedIn === 0 ? 'bad' : '', text: q.loggedIn }),
      el('td', { text: q.available }),
      el('td', { text: q.onCall }),
      el('td', { text: q.paused }),
      el('td', { text: q.wrapUp }),
      el('td', { class: 'sl', text: t('wallboard.serviceLevelCell', { rate: pct(q.serviceLevel), seconds: q.serviceLevelSeconds }) }),
      el('td', { class: 'abandon', text: pct(q.abandonRate) }),
      el('td', { class: 'offered', text: q.offeredToday }),
      el('td', { text: q.answeredToday }),
      el('td', { text: q.abandonedToday })));
  });
  const states = clear($('agent-states'));
  Object.entries(b.agentsByState || {}).forEach(([s, n]) =>
    states.append(el('li', { 'data-state': s }, `${label('agent.state', s.toLowerCase())}：`, el('b', { text: n }))));
  const alarms = clear($('alarms'));
  if (!(b.alarms || []).length) alarms.append(el('li', { class: 'muted', text: t('wallboard.noAlarms') }));
  (b.alarms || []).forEach((a) => alarms.append(el('li', { 'data-kind': a.kind, 'data-subject': a.subject },
    `⚠ ${a.message || ''}`, a.since ? el('span', { class: 'since', text: ` ${t('wallboard.alarmSince', { at: clock(a.since) })}` }) : null)));
  const links = clear($('links'));
  (b.links || []).forEach((l) => links.append(el('li', { class: l.up ? 'up' : 'down', 'data-pbx': l.pbxId },
    el('code', { class: 'verbatim', text: l.pbxId }), ' ',
    l.up ? t('wallboard.link.up') : t('wallboard.link.down', { at: clock(l.since) }))));
  const hours = b.callsPerHour || [];
  const calls = sum(hours);
  const queued = sum(queues.map((q) => q.offeredToday));
  setText('kpi-calls', calls);
  setText('kpi-queued', queued);
  setText('kpi-not-queued', Math.max(0, calls - queued));
  const waiting = sum(queues.map((q) => q.waiting));
  setText('kpi-waiting', waiting);
  $('kpi-waiting-box').className = waiting > 0 ? 'kpi bad' : 'kpi';
  setText('kpi-logged-in', sum(Object.entries(b.agentsByState || {}).filter(([s]) => s !== 'LOGGED_OUT').map(([, n]) => n)));
  renderChart(hours);
}

function renderChart(hours) {
  const chart = clear($('hour-chart'));
  const W = 720, H = 240, left = 36, bottom = 24, top = 12;
  const max = Math.max(1, ...hours);
  const bw = (W - left - 8) / 24;
  const total = sum(hours);
  // the total sits in the title's text where the catalogue puts {total}
  const [before, after] = t('wallboard.chart', { total: '\u0000' }).split('\u0000');
  clear($('chart-title')).append(before, el('span', { id: 'calls-total', text: total }), after || '');
  chart.setAttribute('aria-label', t('wallboard.chartLabel'));
  chart.append(svg('line', { x1: left, y1: H - bottom, x2: W - 4, y2: H - bottom, class: 'axis' }));
  chart.append(svg('text', { x: 4, y: top + 8, class: 'label' }, max));
  hours.forEach((n, h) => {
    const v = Number(n) || 0;
    const bh = ((H - bottom - top) * v) / max;
    const x = left + h * bw + 2;
    chart.append(svg('rect', { x, y: H - bottom - bh, width: bw - 4, height: bh, class: 'bar', 'data-hour': h }));
    if (v > 0) chart.append(svg('text', { x: x + 2, y: H - bottom - bh - 3, class: 'label' }, v));
    if (h % 2 === 0) chart.append(svg('text', { x, y: H - 8, class: 'label' }, t('wallboard.hour', { h })));
  });
}

/** The week's hot topics by meaning (issue 26), every five minutes; hidden for a role that may not read them. */
async function loadHotTopics() {
  try {
    const r = await api('GET', '/api/reports/hot-topics?limit=5');
    const list = clear($('hot-topics'));
    const topics = Array.isArray(r.topics) ? r.topics : [];
    if (!topics.length) list.append(el('li', { class: 'muted', text: t('text.wallboard.hot_none') }));
    topics.forEach((x) => list.append(el('li', { 'data-trend': x.trend },
      el('b', { text: x.label }), ` ${t('text.wallboard.hot_count', { count: x.count })} `,
      el('span', { class: x.trend === 'new' || x.trend === 'rising' ? 'bad' : 'muted',
        text: t(`text.trend.${x.trend}`) }))));
    $('hot-panel').hidden = false;
  } catch (e) {
    $('hot-panel').hidden = true;
  }
}

startScreen({
  roles: ['supervisor', 'engineer', 'admin'],
  deniedKey: 'wallboard.denied',
  onStart() {
    loadHotTopics();
    setInterval(loadHotTopics, 300000);
    liveChannel('/ws/wallboard', (type, d) => {
      if (type === 'queue_board') renderBoard(d);
    }, (s) => {
      const status = $('link-status');
      status.textContent = t(s === 'connected' ? 'wallboard.live.connected' : s === 'ended' ? 'wallboard.live.ended'
        : 'wallboard.live.reconnecting');
      status.className = s === 'connected' ? 'live on' : 'live off';
      if (s === 'ended') location.reload();
    });
  },
});
