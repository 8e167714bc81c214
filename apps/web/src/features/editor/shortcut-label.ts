/** "Ctrl+Shift+↑" on Windows and Linux, "⌘⇧↑" on Apple platforms. `mod`, `shift` are placeholders. */
export function shortcutLabel(keys: string): string {
  const apple = /Mac|iPhone|iPad/.test(navigator.platform);
  return apple ? keys.replace('mod+', '⌘').replace('shift+', '⇧') : keys.replace('mod+', 'Ctrl+').replace('shift+', 'Shift+');
}
