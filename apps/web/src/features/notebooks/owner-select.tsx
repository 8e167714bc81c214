import { Select } from '@/components';

export interface OwnerSelectProps {
  /** Groups the user may create notebooks in (owner or member). */
  groups: Array<{ id: string; name: string }>;
  /** The preselected group; empty for a personal notebook. */
  defaultValue?: string;
  error?: string;
}

/** "Owner" of a new notebook: me, or one of my groups (submitted as `groupId`, empty for me). */
export function OwnerSelect({ groups, defaultValue = '', error }: OwnerSelectProps) {
  return (
    <Select label="Owner" name="groupId" defaultValue={defaultValue} hint="A group's notebooks are open to its members." error={error}>
      <option value="">Me (personal)</option>
      {groups.map((group) => (
        <option key={group.id} value={group.id}>
          {group.name}
        </option>
      ))}
    </Select>
  );
}
