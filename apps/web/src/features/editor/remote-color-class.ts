const defined = new Set<string>();
let sheet: CSSStyleSheet | null = null;

/**
 * A class that sets `--remote-color` to a collaborator's colour, for Monaco decorations (which
 * take class names, not styles). `color` must be `#rrggbb`, as `collaborators()` guarantees.
 */
export function remoteColorClass(color: string): string {
  const name = `cohort-remote-${color.slice(1)}`;
  if (!defined.has(name)) {
    if (!sheet) {
      const element = document.createElement('style');
      document.head.append(element);
      sheet = element.sheet!;
    }
    sheet.insertRule(`.${name} { --remote-color: ${color}; }`);
    defined.add(name);
  }
  return name;
}
