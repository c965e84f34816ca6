// Calls to the routes of the other features (caller profile, matters, knowledge base). Their JSON shapes
// belong to those features: everything here reads defensively and degrades to "nothing found".
import { api } from '/assets/session.js';

const list = (r, ...keys) => {
  if (Array.isArray(r)) return r;
  for (const k of keys) if (r && Array.isArray(r[k])) return r[k];
  return [];
};

/**
 * Saves the matter of the call. A call that reached the agent already has its draft (the pop carries
 * it): that draft is completed with PUT /api/matters/{id} at its current version, so no duplicate is
 * opened; without a draft a new matter is created. A contact number left as shown masked keeps the one
 * the draft has. Resolves to {id, number}.
 */
export async function saveMatter(matter, draftId) {
  const body = { ...matter };
  if (typeof body.contactNumber === 'string' && body.contactNumber.includes('*')) delete body.contactNumber;
  if (draftId) {
    const current = await api('GET', `/api/matters/${encodeURIComponent(draftId)}`);
    if (!body.contactNumber) delete body.contactNumber;
    const r = await api('PUT', `/api/matters/${encodeURIComponent(draftId)}`, { ...body, version: current.version });
    return { id: r && r.id, number: r && r.number };
  }
  const r = await api('POST', '/api/matters', body);
  return { id: r && r.id, number: r && r.number };
}

/** Updates an existing matter. */
export async function updateMatter(id, matter) {
  return api('PUT', `/api/matters/${encodeURIComponent(id)}`, matter);
}

/** Knowledge entries matching the text: [{title, body}]. */
export async function searchKnowledge(q) {
  try {
    const r = await api('GET', `/api/knowledge?q=${encodeURIComponent(q)}`);
    return list(r, 'entries', 'results', 'items').map((e) => ({
      title: typeof e.title === 'string' ? e.title : '', body: typeof e.body === 'string' ? e.body : '',
    }));
  } catch (e) {
    return [];
  }
}
