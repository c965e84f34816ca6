// The console's WebRTC softphone (issue 23), with SIP.js 0.21.2 served by our own server (/vendor/sip.js/, fetched and
// checked by agent-softphone-api's build). Used when the agent's phone mode is "softphone" (GET /api/phone/mode); in
// desk-phone mode nothing here runs and the console works as before.
//
// The agent's own credentials come from GET /api/phone/credentials (the HA1 only, never the password); the phone
// registers over the PBX's SIP WebSocket (RFC 7118), rings with the screen pop, and offers answer (also from the pop
// and Alt+J), hang up, hold/resume (re-INVITE, a=sendonly/inactive), mute, DTMF (RTP telephone-event, RFC 4733, as
// SIP.js's sendDtmf does; INFO when the call has no DTMF sender), blind transfer (REFER) and attended transfer (REFER
// with Replaces), a call timer, a microphone level meter (WebAudio AnalyserNode), Chinese errors, and re-registration
// with backoff after the WebSocket drops.
//
// One tab per agent: the tab holding the Web Lock "hotline-softphone-<user>" registers; another tab of the same agent
// waits for the lock (it takes over when the first tab closes) and says 已在其他标签页使用软电话. Two registrations of
// one endpoint would both ring (max_contacts) and answering in the wrong tab would lose the pop.

import { $, el, clear } from '/assets/dom.js';
import { t } from '/assets/i18n.js';
import { api } from '/assets/session.js';
import * as ring from '/console/ring.js';

const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000, 30000];

// SIP.js, loaded only in softphone mode (a desk-phone console never fetches it, and a missing library cannot break
// the rest of the console)
let SIP = null;
let enabled = false;
let ua = null;
let registerer = null;
let creds = null;
let session = null;      // the call in progress (or ringing)
let consult = null;      // the consultation call of an attended transfer
let held = false;
let muted = false;
let answeredAt = 0;
let timerId = null;
let meterStop = null;
let pcConfig = null;     // the RTCConfiguration every call's peer connection is made with
let iceTimer = null;     // refreshIceLater's
let retry = 0;
let retryTimer = null;
let stopping = false;
let lastError = '';
let onChange = () => {};

/** The softphone's state for the page and the tests (data-* on #softphone-panel). */
function status(key, cls, params) {
  const p = $('sp-status');
  if (!p) return;
  p.textContent = t(key, params);
  p.className = cls === 'error' ? 'error' : 'muted';
  $('softphone-panel').dataset.state = cls || '';
}

function error(key, params) {
  lastError = key;
  $('softphone-panel').dataset.error = key;
  status(key, 'error', params);
}

function clearError() {
  lastError = '';
  delete $('softphone-panel').dataset.error;
}

function callState(s) {
  $('softphone-panel').dataset.call = s;
  $('sp-call').textContent = s ? t(`phone.call.${s}`) : '';
  onChange(s);
}

/** Whether the softphone is the agent's phone in this tab. */
export function active() {
  return enabled && ua !== null;
}

/** Whether a call rings in the softphone (answer() would take it). */
export function ringing() {
  return session !== null && session.state === SIP.SessionState.Initial && !(session instanceof SIP.Inviter);
}

/** Whether a call is up in the softphone. */
export function inCall() {
  return session !== null && session.state === SIP.SessionState.Established;
}

/**
 * Starts the softphone when the agent's mode is "softphone". {@code changed} is told the call's state
 * ('ringing', 'talking', 'held', '' after the call).
 */
export async function start(user, changed) {
  if (changed) onChange = changed;
  const panel = $('softphone-panel');
  let mode = 'desk';
  try {
    mode = (await api('GET', '/api/phone/mode')).mode;
  } catch (e) { /* the desk phone then: the console works as before */ }
  $('sp-mode').value = mode;
  panel.hidden = false;
  panel.dataset.mode = mode;
  if (mode !== 'softphone') {
    status('phone.desk_mode');
    return;
  }
  enabled = true;
  wire();
  if (!navigator.locks) {
    run(user);
    return;
  }
  status('phone.other_tab_check');
  let got = false;
  // ifAvailable first: say at once that another tab has it, then wait for it to be released
  await navigator.locks.request(`hotline-softphone-${user.username}`, { ifAvailable: true }, async (lock) => {
    if (!lock) return;
    got = true;
    await runHolding(user);
  });
  if (!got) {
    panel.dataset.otherTab = '1';
    status('phone.other_tab', 'error');
    navigator.locks.request(`hotline-softphone-${user.username}`, async () => {
      delete panel.dataset.otherTab;
      await runHolding(user);
    });
  }
}

/** Runs the phone and keeps the lock until the page goes away. */
function runHolding(user) {
  run(user);
  return new Promise((resolve) => window.addEventListener('pagehide', () => { stop(); resolve(); }, { once: true }));
}

async function run(user) {
  try {
    SIP = await import('/vendor/sip.js/index.js');
  } catch (e) {
    error('phone.error.no_library');
    return;
  }
  try {
    creds = await api('GET', '/api/phone/credentials');
  } catch (e) {
    error('phone.error.no_account');
    return;
  }
  // one object the session description handler factory reads at each call: refreshIce swaps its servers
  pcConfig = { iceServers: creds.iceServers || [] };
  refreshIceLater();
  ua = new SIP.UserAgent({
    uri: SIP.UserAgent.makeURI(creds.uri),
    displayName: user.displayName,
    authorizationUsername: creds.username,
    authorizationHa1: creds.ha1,
    transportOptions: { server: creds.wsUrl, connectionTimeout: 5 },
    sessionDescriptionHandlerFactoryOptions: {
      peerConnectionConfiguration: pcConfig,
    },
    logLevel: 'warn',
    delegate: {
      onInvite: incoming,
      onConnect: () => { retry = 0; register(); },
      onDisconnect: (err) => {
        if (stopping) return;
        $('softphone-panel').dataset.registered = '0';
        if (err) error('phone.error.ws_lost');
        reconnectLater();
      },
    },
  });
  registerer = new SIP.Registerer(ua, { expires: 300 });
  registerer.stateChange.addListener((s) => {
    $('softphone-panel').dataset.registered = s === SIP.RegistererState.Registered ? '1' : '0';
    if (s === SIP.RegistererState.Registered) {
      clearError();
      status('phone.registered', 'ok', { ext: creds.username });
    }
  });
  status('phone.connecting');
  try {
    await ua.start();
  } catch (e) {
    error('phone.error.ws_failed');
    reconnectLater();
  }
}

/**
 * Time-limited TURN users (softphone.turnSecret) expire: new ones are fetched when four fifths of the time left has
 * passed, so that the next call's peer connection gets valid ones (a call already up keeps its allocation).
 */
function refreshIceLater() {
  if (iceTimer) clearTimeout(iceTimer);
  iceTimer = null;
  if (!creds || !creds.iceExpiresAt) return;
  const left = Date.parse(creds.iceExpiresAt) - Date.now();
  iceTimer = setTimeout(async () => {
    iceTimer = null;
    try {
      const fresh = await api('GET', '/api/phone/credentials');
      creds.iceExpiresAt = fresh.iceExpiresAt;
      pcConfig.iceServers = fresh.iceServers || [];
    } catch (e) { /* the session may have ended: the next start fetches them */ }
    refreshIceLater();
  }, Math.max(30_000, left * 0.8));
}

function register() {
  if (!registerer) return;
  status('phone.registering');
  registerer.register({
    requestDelegate: {
      // the Registerer's state may not change on a re-registration after a drop: the 200 OK is what says it is back
      onAccept: () => {
        clearError();
        $('softphone-panel').dataset.registered = '1';
        status('phone.registered', 'ok', { ext: creds.username });
      },
      onReject: (res) => {
        $('softphone-panel').dataset.registered = '0';
        const code = res.message.statusCode;
        // 401 after our answer to the challenge, or 403: Asterisk refuses these credentials
        if (code === 401 || code === 403 || code === 407) error('phone.error.refused', { code });
        else error('phone.error.register_failed', { code });
      },
    },
  }).catch(() => error('phone.error.register_failed', { code: '' }));
}

function reconnectLater() {
  if (stopping || !ua || retryTimer) return;
  const wait = BACKOFF_MS[Math.min(retry, BACKOFF_MS.length - 1)];
  retry += 1;
  $('softphone-panel').dataset.retries = String(retry);
  retryTimer = setTimeout(() => {
    retryTimer = null;
    if (ua.state !== SIP.UserAgentState.Started) return;
    ua.reconnect().catch(() => reconnectLater());
  }, wait);
}

/** Unregisters and stops (the tab closes, or the agent logs out). */
export function stop() {
  stopping = true;
  if (retryTimer) clearTimeout(retryTimer);
  if (iceTimer) clearTimeout(iceTimer);
  try { if (registerer) registerer.unregister().catch(() => {}); } catch (e) { /* not registered */ }
  try { if (ua) ua.stop(); } catch (e) { /* stopped */ }
}

// ------------------------------------------------------------------ calls

function incoming(invitation) {
  if (session) {
    // one call at a time, as a desk phone with call waiting off: 486 Busy Here
    invitation.reject({ statusCode: 486 });
    return;
  }
  session = invitation;
  follow(invitation);
  const from = invitation.remoteIdentity;
  $('sp-peer').textContent = from.displayName || from.uri.user || '';
  callState('ringing');
  ring.start();
}

function follow(s) {
  s.stateChange.addListener((state) => {
    if (state === SIP.SessionState.Established) {
      if (s === session) {
        answeredAt = Date.now();
        startTimer();
        callState('talking');
        media(s);
      } else if (s === consult) {
        $('sp-consult').dataset.state = 'talking';
        media(s);
      }
    } else if (state === SIP.SessionState.Terminated) {
      if (s === consult) {
        consult = null;
        $('sp-consult').dataset.state = '';
        if (session) media(session);
      } else if (s === session) {
        ring.stop();
        session = null;
        held = false;
        muted = false;
        stopTimer();
        stopMeter();
        callState('');
        $('sp-peer').textContent = '';
      }
    }
  });
}

/** The remote audio to the page's audio element; the microphone to the level meter. */
function media(s) {
  const sdh = s.sessionDescriptionHandler;
  if (!sdh) return;
  const audio = $('sp-audio');
  audio.srcObject = sdh.remoteMediaStream;
  audio.play().catch(() => {});
  startMeter(sdh.localMediaStream);
}

const AUDIO_ONLY = { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } };

function mediaError(e) {
  const n = e && (e.name || (e.cause && e.cause.name));
  if (n === 'NotAllowedError' || n === 'SecurityError' || /Permission|NotAllowed/i.test(String(e))) {
    error('phone.error.no_microphone');
  } else if (n === 'NotFoundError' || /NotFound/i.test(String(e))) {
    error('phone.error.no_device');
  } else {
    error('phone.error.call_failed', { why: (e && e.message) || '' });
  }
}

/** Answers the ringing call (the pop's 接听 button and Alt+J come here in softphone mode). */
export async function answer() {
  if (!ringing()) return false;
  ring.stop();
  try {
    await session.accept(AUDIO_ONLY);
  } catch (e) {
    mediaError(e);
    return false;
  }
  return true;
}

/** Hangs up: CANCEL while our call rings out, 603 for a call ringing here, BYE once up. */
export function hangup() {
  const s = session;
  if (!s) return false;
  switch (s.state) {
    case SIP.SessionState.Initial:
    case SIP.SessionState.Establishing:
      if (s instanceof SIP.Inviter) s.cancel();
      else s.reject({ statusCode: 603 });
      break;
    case SIP.SessionState.Established:
      s.bye();
      break;
    default:
  }
  return true;
}

/** Hold or resume by re-INVITE (SIP.js offers a=sendonly, or inactive when the far end holds too). */
export async function hold(on) {
  if (!inCall()) return false;
  const want = on === undefined ? !held : on;
  const opts = session.sessionDescriptionHandlerOptionsReInvite || {};
  opts.hold = want;
  session.sessionDescriptionHandlerOptionsReInvite = opts;
  return new Promise((resolve) => {
    session.invite({
      requestDelegate: {
        onAccept: () => {
          held = want;
          tracks(session, !held);
          callState(held ? 'held' : 'talking');
          resolve(true);
        },
        onReject: () => {
          opts.hold = held;
          error('phone.error.hold_refused');
          resolve(false);
        },
      },
    }).catch(() => resolve(false));
  });
}

function tracks(s, on) {
  const pc = s.sessionDescriptionHandler && s.sessionDescriptionHandler.peerConnection;
  if (!pc) return;
  pc.getReceivers().forEach((r) => { if (r.track) r.track.enabled = on; });
  pc.getSenders().forEach((x) => { if (x.track) x.track.enabled = on && !muted; });
}

/** Mutes or unmutes the microphone (no signalling: the sender's track is disabled, it sends silence). */
export function mute(on) {
  if (!inCall()) return false;
  muted = on === undefined ? !muted : on;
  tracks(session, !held);
  $('sp-mute').dataset.on = muted ? '1' : '0';
  $('sp-mute').textContent = t(muted ? 'phone.unmute' : 'phone.mute');
  return true;
}

/** One DTMF digit: RTP telephone-event when the call has a DTMF sender, SIP INFO (application/dtmf-relay) otherwise. */
export function dtmf(digit) {
  if (!inCall() || !/^[0-9*#]$/.test(digit)) return false;
  const sdh = session.sessionDescriptionHandler;
  if (sdh && sdh.sendDtmf(digit)) return true;
  session.info({
    requestOptions: {
      body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${digit}\r\nDuration=160` },
    },
  });
  return true;
}

function target(number) {
  return SIP.UserAgent.makeURI(`sip:${number}@${creds.uri.replace(/^sip:[^@]*@/, '')}`);
}

/** Blind transfer: REFER to the number; the call ends here once the far end accepts. */
export async function blindTransfer(number) {
  if (!inCall() || !/^[0-9*#+]{1,21}$/.test(number)) {
    error('phone.error.bad_number');
    return false;
  }
  const to = target(number);
  await session.refer(to, {
    requestDelegate: {
      onAccept: () => { status('phone.transferred', 'ok', { number }); session.bye().catch(() => {}); },
      onReject: () => error('phone.error.transfer_refused'),
    },
  });
  return true;
}

/** Attended transfer, step 1: the caller on hold, a consultation call to the number. */
export async function consultCall(number) {
  if (!inCall() || consult || !/^[0-9*#+]{1,21}$/.test(number)) {
    error('phone.error.bad_number');
    return false;
  }
  if (!held) await hold(true);
  consult = new SIP.Inviter(ua, target(number), AUDIO_ONLY);
  follow(consult);
  $('sp-consult').dataset.state = 'calling';
  try {
    await consult.invite();
  } catch (e) {
    mediaError(e);
    consult = null;
    return false;
  }
  return true;
}

/** Attended transfer, step 2: REFER the caller to the consulted party (Replaces); both our legs then end. */
export async function completeTransfer() {
  if (!consult || consult.state !== SIP.SessionState.Established || !inCall()) return false;
  const c = consult;
  await session.refer(c, {
    requestDelegate: {
      onAccept: () => { status('phone.transferred', 'ok', { number: '' }); session.bye().catch(() => {}); },
      onReject: () => error('phone.error.transfer_refused'),
    },
  });
  return true;
}

/** Attended transfer abandoned: the consultation ends, the caller is resumed. */
export async function cancelConsult() {
  if (!consult) return false;
  const c = consult;
  if (c.state === SIP.SessionState.Established) c.bye();
  else c.cancel();
  if (held) await hold(false);
  return true;
}

// ------------------------------------------------------------------ the timer and the microphone level

function startTimer() {
  stopTimer();
  const tick = () => {
    const s = Math.floor((Date.now() - answeredAt) / 1000);
    $('sp-timer').textContent = `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  };
  tick();
  timerId = setInterval(tick, 1000);
}

function stopTimer() {
  if (timerId) clearInterval(timerId);
  timerId = null;
  $('sp-timer').textContent = '';
}

function startMeter(stream) {
  stopMeter();
  if (!stream || !stream.getAudioTracks().length) return;
  const A = window.AudioContext || window.webkitAudioContext;
  if (!A) return;
  const ctx = new A();
  const src = ctx.createMediaStreamSource(stream);
  const an = ctx.createAnalyser();
  an.fftSize = 512;
  src.connect(an);
  const buf = new Uint8Array(an.fftSize);
  const meter = $('sp-level');
  const id = setInterval(() => {
    an.getByteTimeDomainData(buf);
    let sum = 0;
    for (let i = 0; i < buf.length; i++) {
      const v = (buf[i] - 128) / 128;
      sum += v * v;
    }
    meter.value = muted ? 0 : Math.min(1, Math.sqrt(sum / buf.length) * 4);
  }, 100);
  meterStop = () => { clearInterval(id); ctx.close().catch(() => {}); meter.value = 0; };
}

function stopMeter() {
  if (meterStop) meterStop();
  meterStop = null;
}

// ------------------------------------------------------------------ the panel

let wired = false;

function wire() {
  if (wired) return;
  wired = true;
  $('sp-mute').addEventListener('click', () => mute());
  $('sp-hold').addEventListener('click', () => hold());
  $('sp-hangup').addEventListener('click', () => hangup());
  const pad = clear($('sp-keypad'));
  for (const d of '123456789*0#') {
    pad.append(el('button', { type: 'button', 'data-digit': d, text: d }));
  }
  pad.addEventListener('click', (ev) => {
    const d = ev.target && ev.target.dataset && ev.target.dataset.digit;
    if (d) dtmf(d);
  });
  $('sp-blind').addEventListener('click', () => blindTransfer($('sp-target').value.trim()));
  $('sp-consult-call').addEventListener('click', () => consultCall($('sp-target').value.trim()));
  $('sp-consult-complete').addEventListener('click', () => completeTransfer());
  $('sp-consult-cancel').addEventListener('click', () => cancelConsult());
}

/** The mode selector (softphone or desk phone): saved for the user, the page reloads to apply it. */
export function wireMode() {
  $('sp-mode').addEventListener('change', async () => {
    try {
      await api('POST', '/api/phone/mode', { mode: $('sp-mode').value });
      window.location.reload();
    } catch (e) {
      error('phone.error.mode_failed');
    }
  });
}

/** The last error's catalogue key, for the tests ('' when none). */
export function lastErrorKey() {
  return lastError;
}

/**
 * The call's inbound audio as WebRTC counts it (RTCPeerConnection.getStats(), "inbound-rtp" of kind audio): bytes
 * received and the audio level, or null without a call. For the call-quality line and the tests.
 */
export async function stats() {
  const pc = session && session.sessionDescriptionHandler && session.sessionDescriptionHandler.peerConnection;
  if (!pc) return null;
  const report = await pc.getStats();
  let out = null;
  report.forEach((s) => {
    if (s.type === 'inbound-rtp' && (s.kind === 'audio' || s.mediaType === 'audio')) {
      out = { bytesReceived: s.bytesReceived || 0, audioLevel: s.audioLevel || 0, packetsLost: s.packetsLost || 0 };
    }
  });
  return out;
}
