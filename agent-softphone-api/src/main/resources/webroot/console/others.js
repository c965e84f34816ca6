// Calls to the routes of the other features (matters, units, knowledge base, revisits). Their JSON shapes belong to
// those features; failures reach the caller, which shows errorText(e) (the server's Chinese message).
import { api } from '/assets/session.js';

const enc = encodeURIComponent;
const list = (r, ...keys) => {
  if (Array.isArray(r)) return r;
  for (const k of keys) if (r && Array.isArray(r[k])) return r[k];
  return [];
};

/** The active handling units: [{id, name, level, phone}]. */
export const units = async () => list(await api('GET', '/api/units'));

/** The hotline's queues with their Chinese names: [{id, name}]. */
export const queues = async () => list(await api('GET', '/api/agent/queues'));

export const getMatter = (id) => api('GET', `/api/matters/${enc(id)}`);
export const matterHistory = async (id) => list(await api('GET', `/api/matters/${enc(id)}/history`));

/** Creates a matter (no draft: an outbound call, a matter typed in) or updates one; resolves to the matter. */
export async function saveMatter(body, matterId, version) {
  if (matterId) return api('PUT', `/api/matters/${enc(matterId)}`, { ...body, version });
  return api('POST', '/api/matters', body);
}

/** One move of the matter's workflow (accept, dispatch, answer-on-spot, not-accept): resolves to the matter. */
export const matterAction = (id, action, body) => api('POST', `/api/matters/${enc(id)}/${action}`, body);

/**
 * Matters by their number or the phone the caller gives (art. 13: "how is my matter going?"): a WF number is looked
 * up as text, digits as the contact number, anything else in the subject and content.
 */
export async function searchMatters(query) {
  const q = query.trim();
  if (/^\+?[0-9][0-9 -]{4,}$/.test(q)) return list(await api('GET', `/api/matters?caller=${enc(q.replace(/[ -]/g, ''))}&limit=20`));
  return list(await api('GET', `/api/matters?q=${enc(q)}&limit=20`));
}

/** Knowledge entries matching the text: [{id, title, body}]; a query under two characters is refused by the server. */
export async function searchKnowledge(q) {
  return list(await api('GET', `/api/knowledge?q=${enc(q)}&limit=20`), 'entries', 'results', 'items');
}

/** Suggestions for words of the matter being written (the subject). */
export async function suggestKnowledge(words) {
  const qs = words.map((w) => `keyword=${enc(w)}`).join('&');
  return list(await api('GET', `/api/knowledge/suggest?${qs}&limit=5`));
}

export const knowledgeEntry = (id) => api('GET', `/api/knowledge/${enc(id)}`);

/** Revisits due now, oldest first: [{id, matterId, matterNumber, dueAt, attempts}]. */
export const revisitsDue = async () => list(await api('GET', '/api/revisits/due?limit=20'));

export const recordRevisit = (matterId, body) => api('POST', `/api/matters/${enc(matterId)}/revisit`, body);

// The text engine's routes (issue 26; docs/text-intelligence.md): suggested units, urgency flags, merge offers.

/** Ranked units for the matter being written: {units: [{unitId, unitName, score, words}], notes}. */
export const suggestDispatch = (body) => api('POST', '/api/matters/suggest-dispatch', body);

/** Urgency flags of the intake text: {priority, urgency, hits: [{matched, label}], supervisorAlerted}. */
export const textFlags = (body) => api('POST', '/api/matters/flags', body);

/** Open matters about the same thing (并单 offers): {matches: [{matterId, number, subject, score, mergeOffered}]}. */
export const similarMatters = (body) => api('POST', '/api/matters/similar', body);

/** Merges {@code duplicateId} into {@code primaryId} (the caller slice's 并单). */
export const mergeMatters = (primaryId, duplicateId, reason) =>
  api('POST', '/api/matter-merges', { primaryId, duplicateIds: [duplicateId], reason });
