// Small shared pieces of the console: the action line, the call notices, the phase chip (time formats: dom.js).
import { $, el, clear, clock, dateTime } from '/assets/dom.js';
import { t, label, errorText } from '/assets/i18n.js';
import { api } from '/assets/session.js';

/** One line under the header: what the last action did (cleared when the next call pops). */
export function say(text, isError) {
  const p = $('action-result');
  p.textContent = text || '';
  p.className = isError ? 'error' : 'muted';
}

/** Runs an agent action and says how it went: the server's Chinese message when it failed. */
export async function act(path, body, okKey, params) {
  try {
    await api('POST', path, body);
    if (okKey) say(t(okKey, params));
    return true;
  } catch (e) {
    say(t('desk.action_failed', { why: errorText(e) }), true);
    return false;
  }
}

/** What the PBX did with the call (call_notice), newest first, at most 6. */
export function notice(d) {
  const ul = $('call-notices');
  const detail = d.detail ? label('desk.detail', d.detail) : '';
  const text = t(`desk.notice.${d.kind}`, { target: d.target || '', detail });
  const bad = /failed|left|cancelled/.test(d.kind);
  ul.prepend(el('li', { class: bad ? 'error' : '', 'data-kind': d.kind, text: `${clock(d.at)} ${text}` }));
  while (ul.children.length > 6) ul.removeChild(ul.lastChild);
}

export function clearNotices() {
  clear($('call-notices'));
  say('');
}

export function phase(key, cls) {
  const p = $('call-phase');
  p.textContent = t(key);
  p.className = `phase ${cls || ''}`;
  p.dataset.phase = cls || 'idle';
}

// the time formats are the pages' shared ones (Beijing time), imported above and offered to the console's modules
export { clock, dateTime };
