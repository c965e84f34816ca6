// The handling units' portal (承办单位办理平台, issue 24, art. 20-22): the unit's matters with their deadlines
// (overdue red, due soon amber), one matter with every unit's share, attachments and the moves the unit may make —
// the lead unit signs, starts, replies (with attachments), asks for an extension or a termination, returns; a
// co-handling unit signs for and replies to its own share. Everything goes through /api/unit, which isolates the
// units (another unit's matter is "not found") and never shows a confidential reporter.

import { $, el, clear, show, setText } from '/assets/dom.js';
import { startScreen, api, t, label, errorText, say, dateTime, day, button, row, upload, size, verbatim } from '/assets/screens.js';

const MAX_FILE = 5 * 1024 * 1024;
const WORKING = ['dispatched', 'signed_for', 'in_progress'];
let current = null;

function dueChip(due) {
  return due ? el('span', { class: `chip ${due}`, text: t(`unitPortal.due.${due}`) }) : '';
}

async function loadList() {
  const status = $('status-filter').value;
  const list = await api('GET', `/api/unit/matters${status ? `?status=${encodeURIComponent(status)}` : ''}`);
  const rows = clear($('matter-rows'));
  if (!list.length) rows.append(el('tr', {}, el('td', { colspan: 5, class: 'muted', text: t('unitPortal.list.empty') })));
  list.forEach((m) => {
    const tr = row([verbatim(m.number), m.subject || '—', t(`unitPortal.role.${m.myRole}`), label('matter.status', m.status),
      el('span', {}, day(m.deadlineAt), ' ', dueChip(m.due))],
    { class: `clickable ${m.due || ''} ${current && current.id === m.id ? 'selected' : ''}`, 'data-id': m.id, 'data-due': m.due || '' });
    tr.addEventListener('click', () => open(m.id));
    rows.append(tr);
  });
}

async function open(id) {
  try {
    render(await api('GET', `/api/unit/matters/${id}`));
  } catch (e) {
    say('result', errorText(e), true);
  }
}

function render(m) {
  current = m;
  document.querySelectorAll('#matter-rows tr').forEach((tr) => tr.classList.toggle('selected', String(m.id) === tr.dataset.id));
  show('detail-empty', false);
  show('detail', true);
  clear($('d-number')).append(verbatim(m.number));
  setText('d-category', label('matter.category', m.category));
  setText('d-urgency', label('matter.urgency', m.urgency));
  setText('d-status', label('matter.status', m.status));
  clear($('d-deadline')).append(dateTime(m.deadlineAt), ' ', dueChip(m.due));
  setText('d-dispatched', dateTime(m.dispatchedAt));
  setText('d-area', m.area);
  setText('d-address', m.address);
  setText('d-contact', m.confidential ? t('unitPortal.detail.confidential')
    : [m.contactName, m.contactNumber].filter(Boolean).join(' ') || null);
  setText('d-subject', m.subject);
  setText('d-content', m.content);
  show('d-no-return', m.noReturn && m.myRole === 'lead');
  show('d-lead-reply-box', !!m.reply);
  setText('d-lead-reply', m.reply);
  const shares = clear($('share-rows'));
  (m.shares || []).forEach((s) => shares.append(row([s.name, t(`unitPortal.role.${s.role}`), dateTime(s.signedAt),
    s.role === 'co' ? (s.reply || '—') : '—'], { 'data-unit': s.unitId })));
  const files = clear($('attachments'));
  if (!(m.attachments || []).length) files.append(el('li', { class: 'muted', text: t('unitPortal.attachments.none') }));
  (m.attachments || []).forEach((a) => files.append(el('li', {},
    el('a', { class: 'verbatim', href: `/api/unit/matters/${m.id}/attachments/${a.id}`, download: a.fileName, text: a.fileName }),
    ` ${size(a.size)} · `, t('unitPortal.attachments.by', { unit: a.unitName, time: dateTime(a.createdAt) }))));
  const working = WORKING.includes(m.status);
  show('upload-box', working);
  show('requests-box', (m.requests || []).length > 0);
  const reqs = clear($('requests'));
  (m.requests || []).forEach((r) => reqs.append(el('li', {}, `${t(`unitPortal.request.${r.kind}`)} · `,
    t(`unitPortal.request.${r.status}`), ` · ${dateTime(r.createdAt)} · ${r.reason}`)));
  renderActions(m, working);
}

/** A text box and its button: the body field is sent with the box's text. */
function textAction(titleKey, buttonKey, path, field, doneKey, opts = {}) {
  const box = el('textarea', { class: 'wide', rows: 3, maxlength: 4000, 'data-field': field });
  if (opts.value) box.value = opts.value;
  const extra = opts.extra ? opts.extra() : null;
  return el('div', { class: 'action', 'data-action': path },
    el('label', { text: t(titleKey) }), box, extra ? extra.node : null,
    el('p', {}, button(buttonKey, async () => {
      const body = { [field]: box.value };
      if (extra) Object.assign(body, extra.values());
      await move(path, body, doneKey);
    }, opts.danger ? 'danger' : 'primary')));
}

function extensionFields() {
  const days = el('input', { type: 'number', min: 1, max: 60, size: 4, id: 'ext-days' });
  const last = el('input', { type: 'date', id: 'ext-day' });
  return {
    node: el('div', { class: 'form-row' }, el('label', { for: 'ext-days', text: t('unitPortal.form.extraDays') }), days,
      el('label', { for: 'ext-day', text: t('unitPortal.form.newLastDay') }), last),
    values: () => (last.value ? { newLastDay: last.value } : days.value ? { extraWorkingDays: Number(days.value) } : {}),
  };
}

function renderActions(m, working) {
  const box = clear($('actions'));
  const lead = m.myRole === 'lead';
  if (lead) {
    if (m.status === 'dispatched') box.append(el('p', {}, button('unitPortal.action.sign', () => move('sign', {}, 'unitPortal.done.sign'), 'primary')));
    if (m.status === 'signed_for') box.append(el('p', {}, button('unitPortal.action.start', () => move('start', {}, 'unitPortal.done.start'), 'primary')));
    if (m.status === 'signed_for' || m.status === 'in_progress') {
      box.append(textAction('unitPortal.form.reply', 'unitPortal.action.reply', 'reply', 'reply', 'unitPortal.done.reply'));
      box.append(textAction('unitPortal.form.explanation', 'unitPortal.action.extension', 'extension', 'explanation',
        'unitPortal.done.extension', { extra: extensionFields }));
      box.append(textAction('unitPortal.form.terminationReason', 'unitPortal.action.termination', 'termination', 'reason',
        'unitPortal.done.termination'));
    }
    if (working && !m.noReturn) {
      box.append(textAction('unitPortal.form.returnReason', 'unitPortal.action.return', 'return', 'reason',
        'unitPortal.done.return', { danger: true }));
    }
  } else if (working) {
    if (!m.mine.signedAt) {
      box.append(el('p', {}, button('unitPortal.action.signShare', () => move('share/sign', {}, 'unitPortal.done.signShare'), 'primary')));
    } else {
      box.append(textAction('unitPortal.form.shareReply', 'unitPortal.action.replyShare', 'share/reply', 'reply',
        'unitPortal.done.replyShare', { value: m.mine.reply }));
    }
  }
  if (!box.childElementCount) box.append(el('p', { class: 'muted', text: t('unitPortal.nothingToDo') }));
}

async function move(path, body, doneKey) {
  try {
    await api('POST', `/api/unit/matters/${current.id}/${path}`, body);
    say('result', t(doneKey));
    // the portal's view (shares, attachments, the unit's part) is read again: a move answers the matter alone
    render(await api('GET', `/api/unit/matters/${current.id}`));
    await loadList();
  } catch (e) {
    say('result', errorText(e), true);
  }
}

async function uploadFiles(files) {
  for (const f of files) {
    if (f.size > MAX_FILE) {
      say('result', t('unitPortal.error.file_too_large', { max: MAX_FILE / 1048576 }), true);
      continue;
    }
    try {
      await upload(`/api/unit/matters/${current.id}/attachments`, f);
      // the file's name is the user's own text: shown as it is, beside the Chinese sentence
      const [before, after] = t('unitPortal.attachments.uploaded', { name: '\u0000' }).split('\u0000');
      say('result', '');
      $('result').append(before, verbatim(f.name), after || '');
    } catch (e) {
      say('result', e.status === 413 ? t('unitPortal.error.file_too_large', { max: MAX_FILE / 1048576 }) : errorText(e), true);
    }
  }
  $('file-input').value = '';
  await open(current.id);
}

startScreen({
  roles: ['unit'],
  deniedKey: 'unitPortal.denied',
  async onStart() {
    document.querySelectorAll('#status-filter option[value]').forEach((o) => {
      if (o.value) o.textContent = label('matter.status', o.value);
    });
    $('status-filter').addEventListener('change', () => loadList().catch((e) => say('result', errorText(e), true)));
    $('btn-refresh').addEventListener('click', () => loadList().catch((e) => say('result', errorText(e), true)));
    $('file-input').addEventListener('change', (ev) => uploadFiles([...ev.target.files]));
    try {
      const unit = await api('GET', '/api/unit/profile');
      $('unit-name').textContent = t('unitPortal.unit', { name: unit.name });
      await loadList();
    } catch (e) {
      say('result', errorText(e), true);
    }
  },
});
