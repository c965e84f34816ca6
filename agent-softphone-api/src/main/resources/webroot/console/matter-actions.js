// The matter's workflow from the form (issue 19 item 1: "保存工单" left every matter a draft): save the draft, accept
// it (受理: the deadline starts), dispatch it to a unit (派单), answer it on the spot (即时答复) or refuse it with the
// art. 19 reason (不予受理). Each step saves what was typed first and shows the status and deadline the server answers.
import { $, el, clear } from '/assets/dom.js';
import { t, label, errorText } from '/assets/i18n.js';
import * as form from '/console/matter-form.js';
import * as drafts from '/console/drafts.js';
import { saveMatter, matterAction, units } from '/console/others.js';
import { say, dateTime } from '/console/ui.js';

let current = null;
let onChange = () => {};

/** The form shown now (one per call: drafts.js). */
export function active() {
  return current;
}

/** Shows a form; {@code changed} is told after every save or move (the drafts list). */
export function show(f, changed) {
  current = f;
  if (changed) onChange = changed;
  form.write(f);
  $('matter-saved').textContent = '';
}

/** A blank form for a matter without a call (typed in). */
export function blank() {
  return { id: `manual-${Date.now()}`, callId: null, fields: {}, dirty: false };
}

/** Keeps what is typed in the current form (called on every input). */
export function typed() {
  if (!current) {
    current = blank();
  }
  current.fields = form.read();
  current.dirty = true;
  drafts.put(current);
  onChange();
}

function fail(e) {
  form.showErrors([errorText(e)]);
  return null;
}

async function save(complete) {
  const f = current || blank();
  current = f;
  f.fields = form.read();
  const errors = complete ? form.check(f.fields, f) : form.checkFormat(f.fields);
  form.showErrors(errors);
  if (errors.length) return null;
  const b = form.body(f.fields);
  if (!f.matterId && f.callId) b.callId = f.callId;
  try {
    const m = await saveMatter(b, f.matterId, f.version);
    form.fromMatter(f, m, false);
    f.dirty = false;
    drafts.put(f);
    form.state(f);
    onChange();
    return f;
  } catch (e) {
    return fail(e);
  }
}

async function move(action, body, doneKey) {
  const f = current;
  try {
    const m = await matterAction(f.matterId, action, { ...body, version: f.version });
    form.fromMatter(f, m, false);
    drafts.put(f);
    form.state(f);
    onChange();
    $('matter-saved').textContent = t(doneKey, { number: f.number || '', deadline: dateTime(f.deadlineAt) });
    say($('matter-saved').textContent);
    return f;
  } catch (e) {
    return fail(e);
  }
}

/** 保存草稿: the matter stays a draft (the message says so). */
export async function saveDraft() {
  const f = await save(false);
  if (f) {
    $('matter-saved').textContent = t('desk.matter.saved_draft', { number: f.number || '' });
  }
  return f;
}

/** 受理: complete (art. 11) and accepted; the deadline starts (art. 20). */
export async function accept() {
  if (!(await save(true))) return null;
  if (current.status !== 'draft') return current;
  return move('accept', {}, 'desk.matter.accepted');
}

export async function openDispatch() {
  closeBoxes();
  const sel = clear($('d-unit'));
  try {
    (await units()).forEach((u) => sel.append(el('option', { value: u.id, text: u.name })));
  } catch (e) {
    form.showErrors([errorText(e)]);
    return;
  }
  $('dispatch-box').hidden = false;
}

/** 派单: accepted first when still a draft, then to the chosen lead unit. */
export async function dispatch() {
  const unit = $('d-unit').value;
  if (!unit) {
    form.showErrors([t('desk.dispatch.choose')]);
    return null;
  }
  if (!(await accept())) return null;
  const f = await move('dispatch', { leadUnitId: unit, noReturn: $('d-no-return').checked }, 'desk.matter.dispatched');
  if (f) $('dispatch-box').hidden = true;
  return f;
}

export function openSpot() {
  closeBoxes();
  $('spot-box').hidden = false;
  $('s-answer').focus();
}

/** 即时答复 (art. 18): answered and closed at intake. */
export async function answerOnSpot() {
  const answer = $('s-answer').value.trim();
  if (!answer) {
    form.showErrors([t('desk.spot.required')]);
    return null;
  }
  if (!(await save(true))) return null;
  const f = await move('answer-on-spot', { answer }, 'desk.matter.answered');
  if (f) $('spot-box').hidden = true;
  return f;
}

export function openRefuse() {
  closeBoxes();
  $('refuse-box').hidden = false;
  refuseReasonChanged();
}

/** The proper channel to tell the caller, for the first kinds of art. 19 (the server's default when left empty). */
export function refuseReasonChanged() {
  const r = $('r-reason').value;
  $('r-channel').placeholder = t(`desk.refuse.channel.${r}`);
  $('r-note').placeholder = r === 'other' ? t('desk.refuse.note_required') : '';
}

/** 不予受理 (art. 19) with its reason; the proper channel is told to the caller. */
export async function refuse() {
  const reason = $('r-reason').value;
  const note = $('r-note').value.trim();
  if (reason === 'other' && !note) {
    form.showErrors([t('desk.refuse.note_required')]);
    return null;
  }
  if (!(await save(false))) return null;
  const body = { reason, note: note || null, properChannel: $('r-channel').value.trim() || null };
  const f = await move('not-accept', body, 'desk.matter.refused');
  if (f) $('refuse-box').hidden = true;
  return f;
}

export function closeBoxes() {
  ['dispatch-box', 'spot-box', 'refuse-box'].forEach((id) => { $(id).hidden = true; });
}

/** The status shown for a form in lists. */
export function statusText(f) {
  return f.status ? label('matter.status', f.status) : t('desk.matter.unsaved');
}
