'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { Button } from './button';
import type { ButtonSize, ButtonVariant } from './button';
import styles from './menu.module.css';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  /** Shown at the right, e.g. "⌘K" or "Shift+Enter". */
  shortcut?: string;
  danger?: boolean;
}

export interface MenuProps {
  /** Content of the trigger button. */
  label: ReactNode;
  /** Accessible name for a trigger whose content is not text (an icon, an avatar). */
  ariaLabel?: string;
  items: MenuItem[];
  /** Which edge of the trigger the list lines up with. */
  align?: 'start' | 'end';
  variant?: ButtonVariant;
  size?: ButtonSize;
}

/** WAI-ARIA menu button: Enter, Space or arrows open it; arrows, Home, End move; Escape closes. */
export function Menu({ label, ariaLabel, items, align = 'start', variant = 'ghost', size = 'sm' }: MenuProps) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const id = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    if (open) itemRefs.current[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    function closeOnOutsidePress(event: PointerEvent) {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false);
    }
    document.addEventListener('pointerdown', closeOnOutsidePress);
    return () => document.removeEventListener('pointerdown', closeOnOutsidePress);
  }, [open]);

  function openAt(index: number) {
    setActive(index);
    setOpen(true);
  }

  function close() {
    setOpen(false);
    triggerRef.current?.focus();
  }

  function handleTriggerKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(event.key === 'ArrowDown' ? 0 : items.length - 1);
    }
  }

  function handleMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const count = items.length;
    if (event.key === 'Tab') {
      setOpen(false);
      return;
    }
    const moves: Record<string, number> = {
      ArrowDown: (active + 1) % count,
      ArrowUp: (active - 1 + count) % count,
      Home: 0,
      End: count - 1,
    };
    const next = moves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      setActive(next);
    } else if (event.key === 'Escape') {
      // Also keeps an enclosing <dialog> from closing.
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  }

  function choose(item: MenuItem) {
    close();
    item.onSelect();
  }

  return (
    <div ref={rootRef} className={styles.root}>
      <Button
        ref={triggerRef}
        id={`${id}-trigger`}
        variant={variant}
        size={size}
        aria-label={ariaLabel}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => (open ? close() : openAt(0))}
        onKeyDown={handleTriggerKeyDown}
      >
        {label}
      </Button>
      {open && (
        <div
          id={`${id}-menu`}
          role="menu"
          aria-labelledby={`${id}-trigger`}
          className={`${styles.menu} ${styles[align]}`}
          onKeyDown={handleMenuKeyDown}
        >
          {items.map((item, index) => (
            <button
              key={item.label}
              ref={(element) => {
                itemRefs.current[index] = element;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={item.danger ? `${styles.item} ${styles.danger}` : styles.item}
              onClick={() => choose(item)}
              onPointerMove={() => setActive(index)}
            >
              <span>{item.label}</span>
              {item.shortcut && <kbd className={styles.shortcut}>{item.shortcut}</kbd>}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
