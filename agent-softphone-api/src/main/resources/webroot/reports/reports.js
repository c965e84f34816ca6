// Reports (统计报表, art. 27, 29): volumes by day, category, area and channel, each lead unit's on-time rate,
// satisfaction, hot topics with their trend against the period before, and repeat callers; every report can be
// exported as CSV or as a spreadsheet with Chinese headers (the server writes those). Charts by Apache ECharts,
// served from this server (pinned Maven artefact, no CDN); every label comes from the catalogue.

import * as echarts from '/assets/vendor/echarts/echarts.esm.min.js';
import { $, el, clear, setText } from '/assets/dom.js';
import { startScreen, api, t, label, errorText, say, today, pct } from '/assets/screens.js';

const charts = {};
const COLORS = ['#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#c62828', '#00838f', '#5d4037', '#455a64'];

function chart(id) {
  if (!charts[id]) charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
  return charts[id];
}

/** Common options: no HTML in tooltips (the page's policy forbids inline styles), Chinese everywhere. */
function base(extra) {
  return Object.assign({ color: COLORS, animation: false, textStyle: { fontFamily: 'Noto Sans CJK SC, sans-serif' },
    tooltip: { trigger: 'item', renderMode: 'richText' }, grid: { left: 48, right: 16, top: 24, bottom: 40, containLabel: true } }, extra);
}

function empty(id) {
  chart(id).setOption(base({ title: { text: t('reports.noData'), left: 'center', top: 'middle', textStyle: { color: '#5d6b7a', fontSize: 14 } },
    xAxis: { show: false }, yAxis: { show: false }, series: [] }), true);
}

function bar(id, names, values, { horizontal = false, percent = false, seriesName = t('reports.series.matters') } = {}) {
  if (!names.length) return empty(id);
  const cat = { type: 'category', data: names, axisLabel: { interval: 0, rotate: horizontal || names.length < 8 ? 0 : 30 } };
  const val = { type: 'value', minInterval: 1, max: percent ? 100 : null, axisLabel: { formatter: percent ? '{value}%' : '{value}' } };
  chart(id).setOption(base({
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    xAxis: horizontal ? val : cat, yAxis: horizontal ? Object.assign(cat, { inverse: true }) : val,
    // a zero says nothing on a bar: only the bars that have a value carry their number
    series: [{ type: 'bar', name: seriesName, data: values, label: { show: true, position: horizontal ? 'right' : 'top',
      formatter: (p) => (p.value ? `${p.value}${percent ? '%' : ''}` : '') } }],
  }), true);
}

function pie(id, names, values) {
  if (!names.length) return empty(id);
  chart(id).setOption(base({
    legend: { bottom: 0, type: 'scroll' },
    series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], label: { formatter: '{b}\n{c}（{d}%）' },
      data: names.map((n, i) => ({ name: n, value: values[i] })) }],
  }), true);
}

function query() {
  return `from=${encodeURIComponent($('from').value)}&to=${encodeURIComponent($('to').value)}`;
}

function url(report, extra = '') {
  const [path, q] = report.split('?');
  return `/api/reports/${path}?${q ? `${q}&` : ''}${query()}${extra}`;
}

const get = (report, extra) => api('GET', url(report, extra));

function exports() {
  document.querySelectorAll('section[data-report]').forEach((s) => {
    const box = clear(s.querySelector('.exports'));
    box.append(el('a', { href: url(s.dataset.report, '&format=csv'), download: '', text: t('reports.exportCsv') }), ' ',
      el('a', { href: url(s.dataset.report, '&format=xlsx'), download: '', text: t('reports.exportXlsx') }));
  });
}

const num = (v) => Number(v) || 0;

/** The hot-topic label and count columns, whatever the engine behind the report names them. */
function hotColumns(r) {
  const countCol = r.columns.find((c) => /^(matters|count|total)$/.test(c)) || r.columns[1];
  const labelCol = r.columns.find((c) => c !== countCol && !/trend|rate/.test(c)) || r.columns[0];
  return { labelCol, countCol };
}

function hotLabel(v) {
  return Array.isArray(v) ? v.join('、') : String(v === null || v === undefined ? '' : v);
}

/** The period of the same length just before the chosen one. */
function previousPeriod() {
  const from = new Date(`${$('from').value}T00:00:00+08:00`);
  const to = new Date(`${$('to').value}T00:00:00+08:00`);
  const days = Math.round((to - from) / 86400000) + 1;
  const iso = (d) => new Date(d.getTime() + 8 * 3600000).toISOString().slice(0, 10);
  return { from: iso(new Date(from.getTime() - days * 86400000)), to: iso(new Date(from.getTime() - 86400000)) };
}

/**
 * Hot topics as rows {name, now, was, isNew, detail}: the text engine's topics by meaning (label words, trend, units,
 * example matters, issue 26), or, with the engine off, the subject table compared with the period before.
 */
function hotRows(hot, hotBefore) {
  if (Array.isArray(hot.topics)) {
    return hot.topics.map((x) => ({
      name: x.label, now: num(x.count), was: num(x.previousCount), isNew: x.trend === 'new',
      detail: [
        (x.units || []).length ? t('text.hot.units', { units: x.units.slice(0, 3).map((u) => u.name).join('、') }) : '',
        (x.examples || []).length ? t('text.hot.examples', { examples: x.examples.slice(0, 2).map((m) => m.subject).join('；') }) : '',
      ].filter(Boolean).join('　'),
    }));
  }
  const { labelCol, countCol } = hotColumns(hot);
  const before = new Map();
  if (hotBefore.rows && hotBefore.rows.length) {
    const c = hotColumns(hotBefore);
    hotBefore.rows.forEach((r) => before.set(hotLabel(r[c.labelCol]), num(r[c.countCol])));
  }
  return hot.rows.map((r) => {
    const name = hotLabel(r[labelCol]);
    const was = before.get(name);
    return { name, now: num(r[countCol]), was: was === undefined ? 0 : was, isNew: was === undefined, detail: '' };
  });
}

async function load() {
  say('result', '');
  setText('period', t('reports.period', { from: $('from').value, to: $('to').value }));
  exports();
  const prev = previousPeriod();
  const [byDay, byCategory, byArea, byChannel, units, onTime, satisfaction, hot, hotBefore, repeats] = await Promise.all([
    get('volumes?by=day'), get('volumes?by=category'), get('volumes?by=area'), get('volumes?by=channel'),
    get('on-time-by-unit'), get('on-time'), get('satisfaction'), get('hot-topics', '&limit=15'),
    api('GET', `/api/reports/hot-topics?from=${prev.from}&to=${prev.to}&limit=200`), get('repeats')]);

  bar('chart-day', byDay.rows.map((r) => r.day.slice(5)), byDay.rows.map((r) => num(r.matters)));
  bar('chart-category', byCategory.rows.map((r) => label('matter.category', r.category)), byCategory.rows.map((r) => num(r.matters)));
  const areas = byArea.rows.slice(0, 12);
  bar('chart-area', areas.map((r) => r.area || t('reports.none.area')), areas.map((r) => num(r.matters)), { horizontal: true });
  pie('chart-channel', byChannel.rows.map((r) => label('matter.channel', r.channel)), byChannel.rows.map((r) => num(r.matters)));

  const rated = units.rows.filter((r) => r.on_time_rate !== '');
  bar('chart-units', rated.map((r) => r.unit), rated.map((r) => Math.round(num(r.on_time_rate) * 1000) / 10),
    { horizontal: true, percent: true, seriesName: t('reports.series.onTime') });
  const ur = clear($('unit-rows'));
  if (!units.rows.length) ur.append(el('tr', {}, el('td', { colspan: 5, class: 'muted', text: t('reports.noData') })));
  units.rows.forEach((r) => ur.append(el('tr', {}, el('td', { text: r.unit || t('reports.none.unit') }), el('td', { text: r.replied }),
    el('td', { text: r.replied_on_time }), el('td', { class: num(r.open_overdue) > 0 ? 'error' : '', text: r.open_overdue }),
    el('td', { text: r.on_time_rate === '' ? '—' : pct(r.on_time_rate) }))));

  pie('chart-satisfaction', satisfaction.rows.map((r) => t(`reports.satisfaction.${r.satisfaction}`)),
    satisfaction.rows.map((r) => num(r.revisits)));

  const topics = hotRows(hot, hotBefore);
  const hotNames = topics.map((x) => x.name);
  if (!topics.length) empty('chart-hot');
  else {
    chart('chart-hot').setOption(base({
      tooltip: { trigger: 'axis', renderMode: 'richText' }, legend: { bottom: 0 },
      xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: hotNames, inverse: true },
      series: [{ type: 'bar', name: t('reports.series.now'), data: topics.map((x) => x.now), label: { show: true, position: 'right' } },
        { type: 'bar', name: t('reports.series.before'), data: topics.map((x) => x.was || 0) }],
    }), true);
  }
  const hr = clear($('hot-rows'));
  if (!topics.length) hr.append(el('tr', {}, el('td', { colspan: 4, class: 'muted', text: t('reports.noData') })));
  topics.forEach((x) => {
    const trend = x.isNew ? t('reports.trend.new') : x.now > x.was ? `↑ ${t('reports.trend.up', { n: x.now - x.was })}`
      : x.now < x.was ? `↓ ${t('reports.trend.down', { n: x.was - x.now })}` : t('reports.trend.same');
    hr.append(el('tr', {}, el('td', {}, el('b', { text: x.name }), x.detail ? el('div', { class: 'muted', text: x.detail }) : null),
      el('td', { text: x.now }), el('td', { text: x.was || 0 }),
      el('td', { class: x.isNew || x.now > x.was ? 'error' : '', text: trend })));
  });

  const rr = clear($('repeat-rows'));
  if (!repeats.rows.length) rr.append(el('tr', {}, el('td', { colspan: 3, class: 'muted', text: t('reports.noData') })));
  repeats.rows.forEach((r) => rr.append(el('tr', {}, el('td', { text: r.caller }), el('td', { text: r.matters }),
    el('td', { text: r.latest_subject }))));

  setText('kpi-matters', byCategory.rows.reduce((s, r) => s + num(r.matters), 0));
  const ot = onTime.rows[0] || {};
  setText('kpi-on-time', ot.on_time_rate ? pct(ot.on_time_rate) : '—');
  setText('kpi-overdue', ot.open_overdue || '0');
  $('kpi-overdue-box').className = num(ot.open_overdue) > 0 ? 'kpi bad' : 'kpi';
  const rev = satisfaction.rows.reduce((s, r) => s + num(r.revisits), 0);
  const good = satisfaction.rows.filter((r) => r.satisfaction !== 'dissatisfied').reduce((s, r) => s + num(r.revisits), 0);
  setText('kpi-satisfied', rev ? pct(good / rev) : '—');
  setText('kpi-repeats', repeats.rows.length);
}

function setRange(kind) {
  if (kind === 'month') {
    const d = today();
    $('from').value = `${d.slice(0, 8)}01`;
    $('to').value = d;
  } else {
    $('from').value = today(-(Number(kind) - 1));
    $('to').value = today();
  }
}

startScreen({
  roles: ['supervisor', 'admin'],
  deniedKey: 'reports.denied',
  onStart() {
    setRange('30');
    $('period-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      load().catch((e) => say('result', errorText(e), true));
    });
    document.querySelectorAll('button[data-range]').forEach((b) => b.addEventListener('click', () => {
      setRange(b.dataset.range);
      load().catch((e) => say('result', errorText(e), true));
    }));
    window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
    load().catch((e) => say('result', errorText(e), true));
  },
});
