// The transfer dialog: the emergency services in one click (art. 39), a colleague by extension, a queue, a handling
// unit from the list (its number is dialled by the server), or another number; blind, or attended (consult first).
// It opens empty for every call (issue 19: it kept the previous call's target).
import { $, el, clear } from '/assets/dom.js';
import { t, errorText } from '/assets/i18n.js';
import { api } from '/assets/session.js';
import { queues, units } from '/console/others.js';
import { say } from '/console/ui.js';

let onDone = () => {};

function choices(kind) {
  const input = $('t-value');
  const sel = $('t-choice');
  const list = kind === 'queue' || kind === 'unit';
  input.hidden = list;
  sel.hidden = !list;
  $('t-attended-label').hidden = kind === 'queue';
  if (kind === 'queue') $('t-attended').checked = false;
  if (!list) return;
  clear(sel);
  (kind === 'queue' ? queues() : units()).then((items) => {
    items.forEach((i) => sel.append(el('option', { value: i.id, text: i.name })));
  }).catch((e) => { $('transfer-error').textContent = errorText(e); });
}

/** Opens the dialog, reset. {@code done(kind, value, attended)} runs after a transfer the server accepted. */
export function open(done) {
  onDone = done || (() => {});
  $('t-kind').value = 'agent';
  $('t-value').value = '';
  $('t-attended').checked = false;
  $('transfer-error').textContent = '';
  choices('agent');
  $('transfer-dialog').showModal();
  $('t-value').focus();
}

async function transfer(kind, value, attended) {
  if (!value) {
    $('transfer-error').textContent = t('desk.transfer.value_required');
    return;
  }
  try {
    await api('POST', '/api/agent/transfer', { kind, value, attended });
    $('transfer-dialog').close();
    const shown = kind === 'queue' || kind === 'unit' ? $('t-choice').selectedOptions[0]?.textContent || value : value;
    say(t(attended ? 'desk.transfer.consulting' : 'desk.transfer.sent', { target: shown }));
    onDone(kind, shown, attended);
  } catch (e) {
    $('transfer-error').textContent = t('desk.transfer.failed', { why: errorText(e) });
  }
}

export function wire() {
  $('t-kind').addEventListener('change', () => choices($('t-kind').value));
  $('t-cancel').addEventListener('click', () => $('transfer-dialog').close());
  document.querySelectorAll('#transfer-dialog .quick').forEach((b) =>
    b.addEventListener('click', () => transfer('emergency', b.dataset.value, false)));
  $('t-confirm').addEventListener('click', () => {
    const kind = $('t-kind').value;
    const value = kind === 'queue' || kind === 'unit' ? $('t-choice').value : $('t-value').value.trim();
    transfer(kind, value, $('t-attended').checked);
  });
}
