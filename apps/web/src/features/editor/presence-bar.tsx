'use client';

import { Avatar } from '@/components';
import { distinctPeople } from './collaborators.ts';
import { useCollaborators } from './use-collaborators.ts';
import { useLive } from './use-live.ts';
import styles from './presence-bar.module.css';

/** Avatars of who else is here; clicking one follows that person's cursor until you act. */
export function PresenceBar() {
  const { session, following, setFollowing } = useLive();
  const people = distinctPeople(useCollaborators(session));
  if (people.length === 0) return null;
  const followed = people.find((person) => person.clientId === following);
  return (
    <div className={styles.bar} role="group" aria-label="People in this notebook" data-presence-bar="">
      {followed && <span className={styles.following}>Following {followed.name}</span>}
      <ul className={styles.list}>
        {people.map((person) => {
          const active = person.clientId === following;
          return (
            <li key={person.clientId}>
              <button
                type="button"
                className={styles.person}
                style={{ outlineColor: active ? person.color : undefined }}
                data-active={active || undefined}
                aria-pressed={active}
                aria-label={`Follow ${person.name}`}
                title={active ? `Following ${person.name}: any key, click or scroll stops` : `${person.name} (@${person.handle}): click to follow`}
                onClick={() => setFollowing(active ? null : person.clientId)}
              >
                <Avatar name={person.name} handle={person.handle} color={person.color} size={26} />
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
