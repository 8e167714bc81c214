'use client';

import { useId, useState } from 'react';
import { useApiAction } from '@/lib/use-api-action';
import styles from './link-access-switch.module.css';

/** "Anyone with the link can view": off by default; only the owner sees it. */
export function LinkAccessSwitch({ notebookId, linkAccess }: { notebookId: string; linkAccess: boolean }) {
  const { run, pending } = useApiAction();
  const [on, setOn] = useState(linkAccess);
  const hintId = useId();

  async function toggle(next: boolean) {
    setOn(next);
    const result = await run('PATCH', `/notebooks/${notebookId}`, { linkAccess: next }, next ? 'Anyone with the link can view' : 'Link access turned off');
    if (!result.ok) setOn(!next);
  }

  return (
    <div className={styles.row}>
      <label className={styles.label}>
        <input
          type="checkbox"
          role="switch"
          className={styles.switch}
          checked={on}
          disabled={pending}
          aria-describedby={hintId}
          onChange={(event) => void toggle(event.target.checked)}
        />
        Anyone with the link can view
      </label>
      <p id={hintId} className={styles.hint}>
        {on ? 'Anyone who has the link can open it read-only, even without an account.' : 'Only the people and groups above can open it.'}
      </p>
    </div>
  );
}
