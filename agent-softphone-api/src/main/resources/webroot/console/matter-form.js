// The matter form and its art. 11 checks (Weifang 12345 regulation): real contact details are required,
// a matter about a place needs a concrete address, and a reporter may ask to stay confidential.

import { $, el, clear } from '/assets/dom.js';

const PHONE = /^\+?[0-9]{5,20}$/;

/** Reads the form. */
export function readMatter() {
  return {
    channel: 'phone',
    category: $('m-category').value,
    subject: $('m-subject').value.trim(),
    content: $('m-content').value.trim(),
    contactName: $('m-contact-name').value.trim(),
    contactNumber: $('m-contact-number').value.trim(),
    hasPlace: $('m-has-place').checked,
    address: $('m-address').value.trim(),
    confidential: $('m-confidential').checked,
  };
}

/** The art. 11 problems of a matter, in Chinese; empty when it may be saved. */
export function checkMatter(m) {
  const errors = [];
  if (!m.subject) errors.push('请填写标题');
  if (!m.content) errors.push('请填写内容');
  if (!m.contactName) errors.push('第十一条：请填写联系人姓名');
  if (!m.contactNumber) errors.push('第十一条：请填写联系电话');
  else if (!PHONE.test(m.contactNumber)) errors.push('联系电话格式不正确');
  if (m.hasPlace && !m.address) errors.push('第十一条：涉及具体地点的事项须填写详细地址');
  return errors;
}

export function showErrors(errors) {
  const ul = clear($('matter-errors'));
  errors.forEach((e) => ul.append(el('li', { text: e })));
}

/** Prefills the form from a pop's draft matter (only empty fields). */
export function prefill(draft) {
  if (!draft) return;
  if (draft.category && !$('m-subject').value) $('m-category').value = draft.category;
  if (draft.subject && !$('m-subject').value) $('m-subject').value = draft.subject;
  if (draft.content && !$('m-content').value) $('m-content').value = draft.content;
}

export function resetMatter() {
  $('matter-form').reset();
  clear($('matter-errors'));
  $('matter-saved').textContent = '';
}
