// Keyboard shortcuts of the console (documented in the help dialog and in docs/agent-desktop.md). Alt + a letter, the
// pinyin initial of the action: 接听 J, 挂断 G, 保持/取回 B, 保存 S, 话后处理完成 W, 转接 Z, 帮助 H.

export const SHORTCUTS = [
  { key: 'j', action: 'answer', label: 'desk.key.answer' },
  { key: 'g', action: 'hangup', label: 'desk.key.hangup' },
  { key: 'b', action: 'hold', label: 'desk.key.hold' },
  { key: 's', action: 'save', label: 'desk.key.save' },
  { key: 'w', action: 'wrapup', label: 'desk.key.wrapup' },
  { key: 'z', action: 'transfer', label: 'desk.key.transfer' },
  { key: 'h', action: 'help', label: 'desk.key.help' },
];

/** Calls handlers[action] for Alt+key; the browser's own use of the key is prevented. */
export function install(handlers) {
  document.addEventListener('keydown', (ev) => {
    if (!ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const s = SHORTCUTS.find((x) => x.key === ev.key.toLowerCase() || `Key${x.key.toUpperCase()}` === ev.code);
    if (!s || !handlers[s.action]) return;
    ev.preventDefault();
    handlers[s.action]();
  });
}
