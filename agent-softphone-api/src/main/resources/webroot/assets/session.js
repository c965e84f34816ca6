// Login session, CSRF token and the live channel: shared by the console and the wallboard.

let csrfToken = null;

/** Calls the JSON API; state-changing calls carry the session's CSRF token. Rejects with {status, error, message}. */
export async function api(method, url, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(url, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  const text = await res.text();
  if (text) {
    try { data = JSON.parse(text); } catch (e) { data = { message: text.slice(0, 200) }; }
  }
  if (!res.ok) {
    throw { status: res.status, error: data && data.error, message: (data && data.message) || res.statusText };
  }
  return data;
}

/** The logged-in user, or null. */
export async function me() {
  try {
    const r = await api('GET', '/api/auth/me');
    csrfToken = r.csrfToken;
    return r.user;
  } catch (e) {
    if (e.status === 401) return null;
    throw e;
  }
}

export async function login(username, password) {
  const r = await api('POST', '/api/auth/login', { username, password });
  csrfToken = r.csrfToken;
  return r.user;
}

export async function logout() {
  try { await api('POST', '/api/auth/logout'); } finally { csrfToken = null; }
}

/**
 * Opens the live channel and keeps it open: on a close it reconnects after a growing delay (the server
 * sends the current state again on every connect). Close code 4001 (session ended) stops it.
 */
export function liveChannel(path, onMessage, onStatus) {
  let delay = 500;
  let stopped = false;
  let socket = null;
  const open = () => {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(`${scheme}//${location.host}${path}`);
    socket.onopen = () => { delay = 500; onStatus && onStatus('connected'); };
    socket.onmessage = (ev) => {
      let msg;
      try { msg = JSON.parse(ev.data); } catch (e) { return; }
      if (!msg || typeof msg.type !== 'string' || msg.v !== 1 || typeof msg.data !== 'object') return;
      onMessage(msg.type, msg.data);
    };
    socket.onclose = (ev) => {
      onStatus && onStatus(ev.code === 4001 ? 'ended' : 'reconnecting');
      if (stopped || ev.code === 4001) return;
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 10000);
    };
  };
  open();
  return { stop() { stopped = true; if (socket) socket.close(); } };
}
