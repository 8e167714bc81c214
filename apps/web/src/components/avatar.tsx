import styles from './avatar.module.css';

export interface AvatarProps {
  name: string;
  handle?: string | undefined;
  /** Diameter in pixels. */
  size?: number;
  /** A colour the person already has elsewhere (their cursor in a notebook); otherwise one from their handle. */
  color?: string | undefined;
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** A stable hue per person, so the same user has the same colour everywhere (FNV-1a hash). */
function hue(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0) % 360;
}

export function Avatar({ name, handle, size = 28, color }: AvatarProps) {
  const label = handle ? `${name} (@${handle})` : name;
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      className={styles.avatar}
      style={{
        width: size,
        height: size,
        fontSize: Math.round(size * 0.4),
        background: color ?? `oklch(0.55 0.13 ${hue(handle ?? name)})`,
      }}
    >
      {initials(name)}
    </span>
  );
}
