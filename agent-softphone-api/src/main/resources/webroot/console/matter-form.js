// The matter form and its art. 11 checks (Weifang 12345 regulation): real contact details are required, a matter about
// a place needs a concrete address, and a reporter may ask to stay confidential. The caller's number is taken into
// the matter on the server (the call's draft has it): the form shows it masked and never holds it.

import { $, el, clear } from '/assets/dom.js';
import { t, label } from '/assets/i18n.js';

const PHONE = /^\+?[0-9][0-9 -]{4,20}$/;
const CATEGORIES = ['consultation', 'help', 'suggestion', 'complaint', 'report'];
const CHANNELS = ['phone', 'wechat', 'weibo', 'web', 'app', 'letter'];
const URGENCY = ['normal', 'urgent', 'very_urgent'];
/** art. 19: why a matter is not accepted (NotAcceptedReason); the first five name the proper channel. */
export const REFUSE_REASONS = ['litigation', 'arbitration', 'discipline_inspection', 'administrative_review',
  'information_disclosure', 'petition_in_process', 'secret_privacy_public_order', 'lawfully_concluded', 'other'];
/** What the form can still do in each status. */
const EDITABLE = ['draft', 'accepted', 'returned', 'reopened', 'escalated'];

function options(select, codes, kind, empty) {
  clear(select);
  if (empty) select.append(el('option', { value: '', text: empty }));
  codes.forEach((c) => select.append(el('option', { value: c, text: kind ? label(kind, c) : c })));
}

/** Fills the form's lists from the catalogue. */
export function setup() {
  options($('m-category'), CATEGORIES, 'matter.category');
  options($('m-channel'), CHANNELS, 'matter.channel');
  options($('m-urgency'), URGENCY, 'matter.urgency');
  options($('m-area'), t('desk.district_list').split(','), null, t('desk.matter.area_none'));
  options($('r-reason'), REFUSE_REASONS, 'matter.not_accepted');
}

/** The fields as typed. */
export function read() {
  return {
    category: $('m-category').value,
    channel: $('m-channel').value,
    urgency: $('m-urgency').value,
    area: $('m-area').value,
    subject: $('m-subject').value.trim(),
    content: $('m-content').value.trim(),
    contactName: $('m-contact-name').value.trim(),
    contactNumber: $('m-contact-number').value.trim(),
    hasPlace: $('m-has-place').checked,
    place: $('m-place').value.trim(),
    address: $('m-address').value.trim(),
    confidential: $('m-confidential').checked,
  };
}

/** Shows a form's fields (a call's own or a stashed one) and its matter's state. */
export function write(form) {
  const f = form ? form.fields : {};
  $('m-category').value = f.category || 'consultation';
  $('m-channel').value = f.channel || 'phone';
  $('m-urgency').value = f.urgency || 'normal';
  $('m-area').value = f.area || '';
  $('m-subject').value = f.subject || '';
  $('m-content').value = f.content || '';
  $('m-contact-name').value = f.contactName || '';
  $('m-contact-number').value = f.contactNumber || '';
  $('m-contact-number').placeholder = form && form.contactMasked
    ? t('desk.matter.contact_from_call', { number: form.contactMasked }) : '';
  $('m-has-place').checked = !!f.hasPlace;
  $('m-place').value = f.place || '';
  $('m-address').value = f.address || '';
  $('m-confidential').checked = !!f.confidential;
  clear($('matter-errors'));
  ['dispatch-box', 'spot-box', 'refuse-box'].forEach((id) => { $(id).hidden = true; });
  state(form);
}

/** The matter's number, status, deadline; the buttons the status allows. */
export function state(form) {
  const status = form && form.status;
  $('matter-number').textContent = form && form.number ? form.number : '';
  $('matter-status').textContent = status ? label('matter.status', status) : t('desk.matter.unsaved');
  $('matter-deadline').textContent = form && form.deadlineAt
    ? new Date(form.deadlineAt).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' })
    : t('desk.matter.no_deadline');
  $('matter-for-call').textContent = form && form.callerMasked ? t('desk.matter.for_call', { caller: form.callerMasked }) : '';
  const editable = !status || EDITABLE.includes(status);
  $('btn-save-matter').disabled = !editable;
  $('btn-accept').disabled = !(!status || status === 'draft');
  $('btn-dispatch').disabled = !(!status || ['draft', 'accepted', 'returned', 'reopened', 'escalated'].includes(status));
  $('btn-answer-spot').disabled = !(!status || status === 'draft' || status === 'accepted');
  $('btn-refuse').disabled = !(!status || status === 'draft');
  document.querySelectorAll('#matter-form input, #matter-form textarea, #matter-form select').forEach((e) => {
    if (!e.closest('.subform')) e.disabled = !editable;
  });
}

/** The art. 11 problems of a matter, in Chinese; empty when it may be accepted. */
export function check(f, form) {
  const errors = [];
  if (!f.subject && !f.content) errors.push(t('desk.check.subject'));
  if (!f.contactName) errors.push(t('desk.check.contact_name'));
  if (!f.contactNumber && !(form && form.hasContact)) errors.push(t('desk.check.contact_number'));
  else if (f.contactNumber && !PHONE.test(f.contactNumber)) errors.push(t('desk.check.contact_number_format'));
  if ((f.hasPlace || f.place) && !f.address) errors.push(t('desk.check.address'));
  return errors;
}

/** Formats only (a draft may be incomplete). */
export function checkFormat(f) {
  return f.contactNumber && !PHONE.test(f.contactNumber) ? [t('desk.check.contact_number_format')] : [];
}

export function showErrors(errors) {
  const ul = clear($('matter-errors'));
  errors.forEach((e) => ul.append(el('li', { text: e })));
}

/** The API body of the fields: a contact number left empty keeps the one the matter has (the caller's). */
export function body(f) {
  const b = {
    channel: f.channel, category: f.category, urgency: f.urgency, area: f.area || '', subject: f.subject,
    content: f.content, contactName: f.contactName, hasPlace: f.hasPlace, place: f.place, address: f.address,
    confidential: f.confidential,
  };
  if (f.contactNumber) b.contactNumber = f.contactNumber;
  return b;
}

/** Takes the server's matter into the form: its state always; its fields where the agent typed nothing yet. */
export function fromMatter(form, m, fieldsToo) {
  form.matterId = m.id;
  form.version = m.version;
  form.status = m.status;
  form.number = m.number;
  form.deadlineAt = m.deadlineAt;
  form.hasContact = !!m.contactNumber;
  form.contactMasked = m.contactNumber || form.contactMasked || null;
  if (fieldsToo) {
    form.fields = {
      category: m.category, channel: m.channel, urgency: m.urgency, area: m.area || '', subject: m.subject || '',
      content: m.content || '', contactName: m.contactName || '', contactNumber: '', hasPlace: !!m.hasPlace,
      place: m.place || '', address: m.address || '', confidential: !!m.confidential,
    };
  }
  return form;
}
