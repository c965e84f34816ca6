// The matter form of every call this agent handles in the page, one per call (issue 19: the next call erased the
// matter being written). A new pop never overwrites a form: each call has its own, kept in sessionStorage (it survives a
// reload of the tab, not the end of the session) and listed under 未完成工单 until it is saved.

const PREFIX = 'desk.forms.';
let key = null;
let forms = {};

function persist() {
  if (!key) return;
  try { sessionStorage.setItem(key, JSON.stringify(forms)); } catch (e) { /* storage full or disabled: memory only */ }
}

/** Loads this user's forms. */
export function init(username) {
  key = PREFIX + username;
  try { forms = JSON.parse(sessionStorage.getItem(key) || '{}') || {}; } catch (e) { forms = {}; }
}

export function get(id) {
  return forms[id] || null;
}

/** Stores a form (by its id: the call's id, or manual-<n> for a matter without a call). */
export function put(form) {
  form.updatedAt = Date.now();
  forms[form.id] = form;
  persist();
  return form;
}

export function remove(id) {
  delete forms[id];
  persist();
}

/** Forms with unsaved changes, newest first. */
export function unsaved() {
  return Object.values(forms).filter((f) => f.dirty).sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Forms worth listing: unsaved ones, and matters still drafts. */
export function open() {
  return Object.values(forms).filter((f) => f.dirty || !f.status || f.status === 'draft')
    .sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Forgets every form (logout). */
export function clear() {
  forms = {};
  if (key) sessionStorage.removeItem(key);
}
