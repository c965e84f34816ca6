// The side panels: the caller's history, knowledge suggestions and search (art. 18, 31), the matter search for a caller
// asking how their matter is going (art. 13), the revisits due (回访, art. 25) and the list of unfinished forms.
import { $, el, clear } from '/assets/dom.js';
import { t, label, errorText } from '/assets/i18n.js';
import * as drafts from '/console/drafts.js';
import {
  searchKnowledge, suggestKnowledge, knowledgeEntry, searchMatters, getMatter, matterHistory, revisitsDue, recordRevisit,
} from '/console/others.js';
import { dateTime, say } from '/console/ui.js';

function empty(ul, key) {
  ul.append(el('li', { class: 'muted', text: t(key) }));
}

export function history(calls, matters) {
  const cl = clear($('earlier-calls'));
  if (!calls.length) empty(cl, 'desk.none');
  calls.slice(0, 20).forEach((c) => cl.append(el('li', {},
    `${dateTime(c.startedAt)}　${label('call.disposition', c.disposition)}　${c.summary || ''}`)));
  const ml = clear($('earlier-matters'));
  if (!matters.length) empty(ml, 'desk.none');
  matters.slice(0, 20).forEach((m) => ml.append(el('li', {},
    `${m.number || ''}　${m.subject || t('desk.matter.no_subject')}　${label('matter.status', m.status)}　${dateTime(m.createdAt)}`)));
}

function entryItem(e) {
  const li = el('li', { class: 'kb' }, el('b', { text: e.title || '' }));
  const body = el('div', { class: 'kb-body muted', text: e.snippet || (e.body || '').slice(0, 200) });
  li.append(body);
  li.addEventListener('click', async () => {
    try {
      const full = await knowledgeEntry(e.id);
      body.textContent = full.body || '';
    } catch (x) { body.textContent = errorText(x); }
  });
  return li;
}

/** The pop's suggestions, or those for the words of the subject being written. */
export function suggestions(items) {
  const ul = clear($('kb-suggestions'));
  if (!items.length) empty(ul, 'desk.kb.no_suggestion');
  items.slice(0, 5).forEach((e) => ul.append(entryItem(e)));
}

let suggestTimer = null;
/** A moment after the subject changes: suggestions for its words. */
export function subjectChanged(subject) {
  clearTimeout(suggestTimer);
  const words = subject.split(/[\s,，。、；;:：!?！？()（）]+/).filter((w) => w.length >= 2).slice(0, 5);
  if (!words.length) return;
  suggestTimer = setTimeout(async () => {
    try {
      const found = await suggestKnowledge(words);
      if (found.length) suggestions(found.map((e) => ({ id: e.id, title: e.title, snippet: (e.body || '').slice(0, 80) })));
    } catch (e) { /* suggestions are a help, not a must */ }
  }, 700);
}

async function kbSearch() {
  const q = $('kb-query').value.trim();
  const ul = clear($('kb-results'));
  if ([...q].length < 2) {
    ul.append(el('li', { class: 'error', text: t('desk.kb.too_short') }));
    return;
  }
  try {
    const found = await searchKnowledge(q);
    if (!found.length) empty(ul, 'desk.kb.nothing');
    found.slice(0, 20).forEach((e) => ul.append(entryItem(e)));
  } catch (e) {
    ul.append(el('li', { class: 'error', text: errorText(e) }));
  }
}

async function showMatter(id) {
  const box = $('search-detail');
  clear(box);
  box.hidden = false;
  try {
    const [m, steps] = await Promise.all([getMatter(id), matterHistory(id)]);
    const lead = (m.units || []).find((u) => u.role === 'lead');
    box.append(el('p', {}, el('b', { text: m.number }), `　${label('matter.status', m.status)}　${label('matter.category', m.category)}`));
    box.append(el('p', { text: t('desk.search.detail', {
      unit: lead ? lead.name : t('desk.search.no_unit'), deadline: dateTime(m.deadlineAt), created: dateTime(m.createdAt),
    }) }));
    if (m.subject) box.append(el('p', { text: m.subject }));
    const ol = el('ol', { class: 'steps' });
    steps.forEach((s) => ol.append(el('li', { text: `${dateTime(s.at)}　${label('matter.status', s.to)}` })));
    box.append(ol);
  } catch (e) {
    box.append(el('p', { class: 'error', text: errorText(e) }));
  }
}

async function matterSearch() {
  const q = $('search-query').value.trim();
  const ul = clear($('search-results'));
  $('search-detail').hidden = true;
  if ([...q].length < 2) {
    ul.append(el('li', { class: 'error', text: t('desk.search.too_short') }));
    return;
  }
  try {
    const found = await searchMatters(q);
    if (!found.length) empty(ul, 'desk.search.nothing');
    found.forEach((m) => {
      const li = el('li', { class: 'link', 'data-id': m.id },
        `${m.number}　${label('matter.status', m.status)}　${m.subject || ''}　${t('desk.search.deadline')}${dateTime(m.deadlineAt)}`);
      li.addEventListener('click', () => showMatter(m.id));
      ul.append(li);
    });
  } catch (e) {
    ul.append(el('li', { class: 'error', text: errorText(e) }));
  }
}

let revisiting = null;

export async function revisits() {
  const ul = clear($('revisits-list'));
  try {
    const due = await revisitsDue();
    if (!due.length) empty(ul, 'desk.revisits.none');
    due.forEach((r) => {
      const li = el('li', { class: 'link' }, `${r.matterNumber}　${t('desk.revisits.due')}${dateTime(r.dueAt)}`);
      li.addEventListener('click', () => {
        revisiting = r;
        $('rv-number').textContent = r.matterNumber;
        $('rv-note').value = '';
        $('revisit-error').textContent = '';
        $('revisit-dialog').showModal();
      });
      ul.append(li);
    });
  } catch (e) {
    ul.append(el('li', { class: 'error', text: errorText(e) }));
  }
}

async function revisitDone() {
  try {
    await recordRevisit(revisiting.matterId, {
      satisfaction: $('rv-satisfaction').value, solved: $('rv-solved').checked, note: $('rv-note').value.trim() || null,
    });
    $('revisit-dialog').close();
    say(t('desk.revisit.saved', { number: revisiting.matterNumber }));
    revisits();
  } catch (e) {
    $('revisit-error').textContent = errorText(e);
  }
}

/** The unfinished forms: unsaved ones first; a click shows one again. */
export function draftList(showForm, activeId) {
  const ul = clear($('drafts-list'));
  const list = drafts.open();
  if (!list.length) empty(ul, 'desk.drafts.none');
  list.forEach((f) => {
    const what = (f.fields && f.fields.subject) || t('desk.matter.no_subject');
    const li = el('li', { class: `link${f.id === activeId ? ' current' : ''}`, 'data-form': f.id },
      `${f.callerMasked || t('desk.drafts.no_call')}　${what}　`,
      el('span', { class: f.dirty ? 'flag' : 'muted', text: f.dirty ? t('desk.drafts.unsaved') : label('matter.status', f.status) }));
    li.addEventListener('click', () => showForm(f));
    ul.append(li);
  });
}

export function wire() {
  $('btn-kb').addEventListener('click', kbSearch);
  $('kb-query').addEventListener('keydown', (e) => { if (e.key === 'Enter') kbSearch(); });
  $('btn-search').addEventListener('click', matterSearch);
  $('search-query').addEventListener('keydown', (e) => { if (e.key === 'Enter') matterSearch(); });
  $('btn-revisits').addEventListener('click', revisits);
  const sat = clear($('rv-satisfaction'));
  ['satisfied', 'basically_satisfied', 'dissatisfied'].forEach((s) => sat.append(el('option', { value: s, text: label('matter.satisfaction', s) })));
  $('rv-confirm').addEventListener('click', revisitDone);
  $('rv-cancel').addEventListener('click', () => $('revisit-dialog').close());
}
