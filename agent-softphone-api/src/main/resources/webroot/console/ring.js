// The ring of a pop (WebAudio: no sound file) and a desktop notification when the page is not in front. Browsers let
// a page play sound and ask for notifications only after the user did something on it: both start from a click.

let audio = null;
let ringing = null;

function ctx() {
  if (!audio) {
    const A = window.AudioContext || window.webkitAudioContext;
    if (!A) return null;
    audio = new A();
  }
  if (audio.state === 'suspended') audio.resume().catch(() => {});
  return audio;
}

/** Unlocks sound (call from a click or key press). */
export function unlock() {
  ctx();
}

function beep(a) {
  const t0 = a.currentTime;
  for (const [at, f] of [[0, 880], [0.25, 660]]) {
    const o = a.createOscillator();
    const g = a.createGain();
    o.frequency.value = f;
    g.gain.setValueAtTime(0.0001, t0 + at);
    g.gain.exponentialRampToValueAtTime(0.2, t0 + at + 0.02);
    g.gain.exponentialRampToValueAtTime(0.0001, t0 + at + 0.22);
    o.connect(g).connect(a.destination);
    o.start(t0 + at);
    o.stop(t0 + at + 0.24);
  }
}

/** Rings every 2 s until {@link stop}. */
export function start() {
  stop();
  const a = ctx();
  if (!a) return;
  beep(a);
  ringing = setInterval(() => beep(a), 2000);
  document.documentElement.dataset.ringing = '1';
}

export function stop() {
  if (ringing) clearInterval(ringing);
  ringing = null;
  delete document.documentElement.dataset.ringing;
}

export function isRinging() {
  return ringing !== null;
}

/** Asks for the permission to show desktop notifications (from a click). Resolves to the permission. */
export async function askPermission() {
  if (!('Notification' in window)) return 'unsupported';
  if (Notification.permission === 'default') {
    try { return await Notification.requestPermission(); } catch (e) { return Notification.permission; }
  }
  return Notification.permission;
}

/** A desktop notification, when allowed and the page is not the one in front. */
export function notify(title, body) {
  if (!('Notification' in window) || Notification.permission !== 'granted' || document.visibilityState === 'visible') return;
  try {
    const n = new Notification(title, { body, tag: 'hotline-pop' });
    n.onclick = () => { window.focus(); n.close(); };
  } catch (e) { /* not available here */ }
}
