// The hotline dictionary tab (issue 26): list and search the words by kind, add and remove them, and segment a test
// sentence to see the change take effect at once (the server hot-reloads the dictionary; the answer's version moves).
// Every error shown is the server's Chinese message; nothing from the server is parsed as HTML (dom.js).

import { $, el, clear } from '/assets/dom.js';
import { api } from '/assets/session.js';
import { t, label, errorText, translate } from '/assets/i18n.js';

const SHOWN = 300;

function status(text, isError) {
  $('dict-error').textContent = isError ? text : '';
  $('dict-status').textContent = isError ? '' : text;
}

async function list() {
  const q = $('dict-q').value.trim();
  const kind = $('dict-kind').value;
  const params = new URLSearchParams({ limit: String(SHOWN) });
  if (q) params.set('q', q);
  if (kind) params.set('kind', kind);
  const rows = clear($('dict-rows'));
  try {
    const r = await api('GET', `/api/text/dictionary?${params}`);
    $('dict-count').textContent = t('text.admin.count', { shown: r.entries.length, version: r.version });
    if (!r.entries.length) rows.append(el('tr', {}, el('td', { colspan: 4, class: 'muted', text: t('text.admin.none') })));
    for (const e of r.entries) {
      rows.append(el('tr', { 'data-word': e.word, 'data-kind': e.kind },
        el('td', { class: 'word', text: e.word }),
        el('td', { class: 'kind', text: label('text.kind', e.kind) }),
        el('td', { class: 'concept', text: e.concept || '—' }),
        el('td', {}, el('button', { class: 'remove', text: t('text.admin.remove'), onclick: () => remove(e.word) }))));
    }
  } catch (e) {
    rows.append(el('tr', {}, el('td', { colspan: 4, class: 'error', text: errorText(e) })));
  }
}

async function add(ev) {
  ev.preventDefault();
  // sent as typed: the server decides what a valid word is and says why in Chinese
  const word = $('dict-word').value;
  const kind = $('dict-new-kind').value;
  const concept = $('dict-concept').value;
  try {
    const e = await api('POST', '/api/text/dictionary', { word, kind, concept: concept.trim() ? concept : null });
    status(t('text.admin.added', { word: e.word, kind: label('text.kind', e.kind) }), false);
    $('dict-word').value = '';
    $('dict-concept').value = '';
    await list();
  } catch (e) {
    status(errorText(e), true);
  }
}

async function remove(word) {
  try {
    await api('DELETE', `/api/text/dictionary/${encodeURIComponent(word)}`);
    status(t('text.admin.removed', { word }), false);
    await list();
  } catch (e) {
    status(errorText(e), true);
  }
}

async function segment(ev) {
  ev.preventDefault();
  const text = $('seg-text').value.trim();
  const out = clear($('seg-result'));
  if (!text) {
    out.append(el('span', { class: 'error', text: t('text.admin.segment_empty') }));
    return;
  }
  try {
    const [tokens, d] = await Promise.all([api('POST', '/api/text/segment', { text }),
      api('GET', '/api/text/dictionary?limit=1')]);
    out.append(t('text.admin.segment_result', { version: d.version }));
    tokens.forEach((k, i) => {
      if (i > 0) out.append(' / ');
      const hotline = k.pos === 'place' || k.pos === 'unit' || k.pos === 'term';
      out.append(el('span', { class: `token${hotline ? ' hotline' : ''}${k.stop ? ' stop' : ''}`, 'data-pos': k.pos,
        title: hotline ? t('text.admin.hotline_word') : undefined, text: k.word }));
    });
  } catch (e) {
    out.append(el('span', { class: 'error', text: errorText(e) }));
  }
}

/** Mounts the tab once the administrator is signed in. */
export function mountDictionary() {
  translate($('tab-dictionary'));
  $('dict-search').addEventListener('submit', (ev) => { ev.preventDefault(); list(); });
  $('dict-kind').addEventListener('change', list);
  $('dict-add').addEventListener('submit', add);
  $('dict-segment').addEventListener('submit', segment);
  list();
}
