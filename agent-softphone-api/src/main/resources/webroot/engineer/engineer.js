// The telephony engineer's screen (技术运维, issue 24): each PBX's AMI link (state, since, events per second, resyncs),
// the calls and queue members as the server tracks them, the FastAGI server and the IVR flows loaded, the call
// record writer's backlog and spill journal, and the configuration in effect (secrets hidden by the server).
// Identifiers of the system (channel names, call ids, configuration keys) are shown as they are, in code style.

import { $, el, clear, clock } from '/assets/dom.js';
import { startScreen, api, t, label, errorText, say, dateTime, has, verbatim, row, size } from '/assets/screens.js';

function facts(id, pairs) {
  const dl = clear($(id));
  pairs.forEach(([k, v]) => dl.append(el('dt', { text: t(k) }), el('dd', {}, v === null || v === undefined ? '—' : v)));
}

function labelOr(prefix, code) {
  return has(`${prefix}.${code}`) ? t(`${prefix}.${code}`) : verbatim(code);
}

function renderPbxs(data) {
  const links = clear($('links'));
  const calls = clear($('call-rows'));
  const members = clear($('member-rows'));
  data.pbxs.forEach((p) => {
    const bad = p.state !== 'up' && p.state !== 'standby';
    links.append(el('div', { class: bad ? 'kpi bad' : 'kpi', 'data-pbx': p.id, 'data-state': p.state, title: p.detail || '' },
      el('span', {}, verbatim(p.id), ' ', el('span', { class: `chip ${bad ? 'bad' : 'good'}`, text: t(`engineer.link.state.${p.state}`) })),
      el('dl', { class: 'facts' },
        el('dt', { text: t('engineer.link.address') }), el('dd', {}, verbatim(`${p.host}:${p.port}`)),
        el('dt', { text: t('engineer.link.since') }), el('dd', { text: dateTime(p.since) }),
        el('dt', { text: t('engineer.link.rate') }), el('dd', { class: 'rate', text: t('engineer.link.rateValue', { n: p.eventsPerSecond }) }),
        el('dt', { text: t('engineer.link.total') }), el('dd', { text: p.eventsTotal }),
        el('dt', { text: t('engineer.link.resyncs') }), el('dd', { class: 'resyncs', text: p.resyncs }),
        el('dt', { text: t('engineer.link.lastResync') }), el('dd', { text: dateTime(p.lastResyncAt) }),
        el('dt', { text: t('engineer.link.calls') }), el('dd', { text: p.callCount }),
        el('dt', { text: t('engineer.link.members') }), el('dd', { text: p.members.length }))));
    p.calls.forEach((c) => calls.append(row([verbatim(p.id), verbatim(c.linkedid), c.caller || '—', clock(c.startedAt),
      c.queueName || '—', c.agent ? verbatim(c.agent) : '—', clock(c.answeredAt), c.ivrPath ? verbatim(c.ivrPath) : '—'])));
    p.members.forEach((m) => members.append(row([verbatim(p.id), verbatim(m.member), m.name || '—', t(`engineer.state.${m.state}`),
      m.reason ? labelOr('supervisor.pauseReason', m.reason) : '—', clock(m.since), m.queues.map((q) => q.name).join('、')])));
  });
  if (!calls.childElementCount) calls.append(el('tr', {}, el('td', { colspan: 8, class: 'muted', text: t('engineer.calls.empty') })));
  if (!members.childElementCount) members.append(el('tr', {}, el('td', { colspan: 7, class: 'muted', text: t('engineer.members.empty') })));
}

function counts(prefix, obj) {
  const entries = Object.entries(obj || {});
  if (!entries.length) return t('engineer.agi.none');
  const span = el('span');
  entries.forEach(([k, n], i) => span.append(i ? '，' : '', labelOr(prefix, k), `：${n}`));
  return span;
}

function renderAgi(a) {
  facts('agi', [
    ['engineer.agi.port', verbatim(`${a.host}:${a.port}`)],
    ['engineer.agi.active', t('engineer.agi.activeValue', { n: a.active, max: a.maxSessions })],
    ['engineer.agi.maxDuration', t('engineer.agi.maxDurationValue', { n: a.maxSessionSeconds })],
    ['engineer.agi.ended', counts('engineer.ending', a.ended)],
    ['engineer.agi.refused', counts('engineer.refused', a.refused)],
    ['engineer.agi.timeouts', String(a.commandTimeouts)],
  ]);
  const flows = a.flows || { list: [] };
  facts('flow-facts', [['engineer.flows.version', verbatim(flows.version)], ['engineer.flows.generation', String(flows.generation || 0)]]);
  const rows = clear($('flow-rows'));
  flows.list.forEach((f) => rows.append(row([verbatim(f.id), verbatim(f.start), String(f.nodes), verbatim(f.source)])));
}

function renderWriter(w) {
  facts('writer', [
    ['engineer.writer.state', el('span', { class: `chip ${w.healthy ? 'good' : 'bad'}`, text: t(w.healthy ? 'engineer.writer.healthy' : 'engineer.writer.failing') })],
    ['engineer.writer.database', el('span', { class: `chip ${w.databaseUp ? 'good' : 'bad'}`, text: t(w.databaseUp ? 'engineer.writer.dbUp' : 'engineer.writer.dbDown') })],
    ['engineer.writer.backlog', t('engineer.writer.backlogValue', { n: w.backlog, max: w.capacity })],
    ['engineer.writer.journalled', String(w.journalled)],
    ['engineer.writer.journalFiles', t('engineer.writer.journalFilesValue', { n: w.journalFiles ?? '—', size: size(w.journalBytes || 0) })],
    ['engineer.writer.refused', String(w.refused)],
    ['engineer.writer.batch', t('engineer.writer.batchValue', { n: w.maxBatch, ms: w.maxBatchDelayMs })],
    ['engineer.writer.lanes', String(w.lanes)],
    ['engineer.writer.dir', verbatim(w.journalDir)],
  ]);
}

/** The configuration as key paths: pbxs[0].host, database.writer.capacity, ... */
function flatten(prefix, v, out) {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    Object.entries(v).forEach(([k, x]) => flatten(prefix ? `${prefix}.${k}` : k, x, out));
  } else if (Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object')) {
    v.forEach((x, i) => flatten(`${prefix}[${i}]`, x, out));
  } else {
    out.push([prefix, Array.isArray(v) ? v.join(', ') : v]);
  }
  return out;
}

function renderConfig(c) {
  const rows = clear($('config-rows'));
  flatten('', c.config, []).forEach(([key, value]) => {
    const meaningKey = `engineer.config.${key.replace(/\[\d+]/g, '')}`;
    const hidden = value === '***';
    rows.append(row([verbatim(key), has(meaningKey) ? t(meaningKey) : '', hidden ? t('engineer.config.hidden')
      : verbatim(value === null || value === undefined || value === '' ? '—' : value)], { 'data-key': key }));
  });
}

async function refresh() {
  try {
    const [pbxs, agi, writer] = await Promise.all([api('GET', '/api/engineer/pbxs'), api('GET', '/api/engineer/agi'),
      api('GET', '/api/engineer/writer')]);
    renderPbxs(pbxs);
    renderAgi(agi);
    renderWriter(writer);
    $('updated').textContent = t('screens.updatedAt', { at: clock(pbxs.at) });
    say('result', '');
  } catch (e) {
    say('result', errorText(e), true);
  }
}

startScreen({
  roles: ['engineer', 'admin'],
  deniedKey: 'engineer.denied',
  async onStart() {
    await refresh();
    api('GET', '/api/engineer/config').then(renderConfig).catch((e) => say('result', errorText(e), true));
    setInterval(refresh, 5000);
  },
});
