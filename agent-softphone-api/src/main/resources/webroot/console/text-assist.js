// The text engine's help in the matter form (issue 26): a one-click dispatch suggestion (智能派单), merge offers (并单)
// for open matters about the same thing, and urgency flags on the intake text. Nothing is done silently: a flag shows
// the matched words, the urgency it raises is set in the form where the agent sees it, and the supervisors are told.
import { $, el, clear } from '/assets/dom.js';
import { t, errorText } from '/assets/i18n.js';
import * as form from '/console/matter-form.js';
import * as matter from '/console/matter-actions.js';
import { suggestDispatch, textFlags, similarMatters, mergeMatters } from '/console/others.js';

const RANK = { normal: 0, urgent: 1, very_urgent: 2 };
let flagTimer = null;
let lastFlagText = '';

const pct = (x) => `${Math.round(Number(x) * 100)}%`;

/** Clears the panel (another form is shown). */
export function reset() {
  clear($('dispatch-suggestions'));
  clear($('merge-offers'));
  $('text-flags').hidden = true;
  clear($('text-flags'));
  lastFlagText = '';
}

/** 智能派单: the ranked units with their deciding words; one click opens 派单 with the unit chosen. */
export async function suggest() {
  const f = form.read();
  const list = clear($('dispatch-suggestions'));
  if (!f.subject && !f.content) {
    list.append(el('li', { class: 'error', text: t('text.assist.need_text') }));
    return;
  }
  try {
    const r = await suggestDispatch({ subject: f.subject, content: f.content, area: f.area || null, category: f.category, limit: 3 });
    if (!r.units.length) list.append(el('li', { class: 'muted', text: t('text.assist.no_suggestion') }));
    r.units.forEach((u) => {
      const btn = el('button', { type: 'button', class: 'use-unit', 'data-unit': u.unitId,
        text: t('text.assist.use', { unit: u.unitName, score: pct(u.score) }) });
      btn.addEventListener('click', () => useUnit(u.unitId));
      list.append(el('li', { 'data-unit': u.unitId }, btn,
        u.words.length ? el('span', { class: 'muted', text: ` ${t('text.assist.words', { words: u.words.join('、') })}` }) : null));
    });
    (r.notes || []).forEach((n) => list.append(el('li', { class: 'muted', text: n })));
  } catch (e) {
    list.append(el('li', { class: 'error', text: errorText(e) }));
  }
  await offers(f);
}

/** One click: the 派单 box opens with the suggested unit chosen (the agent still confirms). */
export async function useUnit(unitId) {
  await matter.openDispatch();
  $('d-unit').value = unitId;
  $('d-unit').dispatchEvent(new Event('change', { bubbles: true }));
}

/** Open matters that look like the same thing: offered for merging (并单) with their score. */
async function offers(f) {
  const box = clear($('merge-offers'));
  const current = matter.active();
  try {
    const r = await similarMatters({ subject: f.subject, content: f.content, area: f.area || null, address: f.address || null,
      contactNumber: f.contactNumber || null, contactName: f.contactName || null,
      matterId: current && current.matterId ? Number(current.matterId) : null, limit: 3 });
    r.matches.filter((m) => m.mergeOffered).forEach((m) => {
      const btn = el('button', { type: 'button', class: 'merge', text: t('text.merge.button') });
      const saved = current && current.matterId;
      btn.disabled = !saved;
      btn.title = saved ? '' : t('text.merge.save_first');
      btn.addEventListener('click', async () => {
        try {
          await mergeMatters(m.matterId, Number(current.matterId), t('text.merge.reason', { score: pct(m.score) }));
          box.append(el('p', { class: 'ok' }, t('text.merge.done'), el('code', { class: 'verbatim', text: m.number })));
          btn.disabled = true;
        } catch (e) {
          box.append(el('p', { class: 'error', text: errorText(e) }));
        }
      });
      box.append(el('p', { class: 'merge-offer', 'data-matter': m.matterId },
        t('text.merge.offer_before'), el('code', { class: 'verbatim', text: m.number }),
        t('text.merge.offer', { subject: m.subject, score: pct(m.score) }),
        m.sharedPlaces.length ? ` ${t('text.merge.places', { places: m.sharedPlaces.join('、') })}` : '', ' ', btn));
    });
  } catch (e) {
    box.append(el('p', { class: 'error', text: errorText(e) }));
  }
}

/** Screens the subject and content a moment after typing stops. */
export function typed() {
  clearTimeout(flagTimer);
  flagTimer = setTimeout(screen, 700);
}

async function screen() {
  const f = form.read();
  const text = `${f.subject}\n${f.content}`.trim();
  if (!text || text === lastFlagText) return;
  lastFlagText = text;
  const current = matter.active();
  let r;
  try {
    r = await textFlags({ subject: f.subject, content: f.content, matterNumber: current && current.number ? current.number : null });
  } catch (e) {
    return;
  }
  const box = clear($('text-flags'));
  if (r.priority === 'normal') {
    box.hidden = true;
    return;
  }
  const words = [...new Set(r.hits.map((h) => `“${h.matched}”（${h.label}）`))].join('、');
  box.append(el('b', { text: t('text.flags.found', { words }) }));
  const sel = $('m-urgency');
  if ((RANK[r.urgency] || 0) > (RANK[sel.value] || 0) && !sel.disabled) {
    sel.value = r.urgency;
    matter.typed();
    box.append(el('span', { text: ` ${t('text.flags.raised', { urgency: sel.options[sel.selectedIndex].text })}` }));
  }
  if (r.supervisorAlerted) box.append(el('span', { text: ` ${t('text.flags.alerted')}` }));
  box.hidden = false;
}
