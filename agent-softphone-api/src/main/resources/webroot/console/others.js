// Calls to the routes of the other features (caller profile, matters, knowledge base). Their JSON shapes
// belong to those features: everything here reads defensively and degrades to "nothing found".
import { api } from '/assets/session.js';

const list = (r, ...keys) => {
  if (Array.isArray(r)) return r;
  for (const k of keys) if (r && Array.isArray(r[k])) return r[k];
  return [];
};

/** Earlier calls and matters of the caller of a call: {calls: [...], matters: [...]}; empty on any failure. */
export async function callerHistory(callId) {
  try {
    const r = await api('GET', `/api/callers/by-call/${encodeURIComponent(callId)}/history`);
    return { calls: list(r, 'calls', 'earlierCalls'), matters: list(r, 'matters', 'earlierMatters') };
  } catch (e) {
    return { calls: [], matters: [] };
  }
}

/** Creates a matter; resolves to {id, number} as far as the answer tells. */
export async function saveMatter(matter) {
  const r = await api('POST', '/api/matters', matter);
  return { id: r && (r.id ?? (r.matter && r.matter.id)), number: r && (r.number ?? (r.matter && r.matter.number)) };
}

/** Updates an existing matter. */
export async function updateMatter(id, matter) {
  return api('PUT', `/api/matters/${encodeURIComponent(id)}`, matter);
}

/** Knowledge entries matching the text: [{title, body}]. */
export async function searchKnowledge(q) {
  try {
    const r = await api('GET', `/api/knowledge/search?q=${encodeURIComponent(q)}`);
    return list(r, 'entries', 'results', 'items').map((e) => ({
      title: typeof e.title === 'string' ? e.title : '', body: typeof e.body === 'string' ? e.body : '',
    }));
  } catch (e) {
    return [];
  }
}
