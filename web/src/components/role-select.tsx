import { MultiSelect } from '@mantine/core';
import type { Role } from '../api/vocabulary';
import { ROLE_LABELS, ROLES } from '../api/vocabulary';

const OPTIONS = ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }));

interface RoleSelectProps {
  readonly value: readonly Role[];
  readonly onChange: (roles: Role[]) => void;
  readonly error?: string | null;
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function RoleSelect({ value, onChange, error }: RoleSelectProps) {
  return (
    <MultiSelect
      label="Roles"
      placeholder={value.length === 0 ? 'Pick one or more' : undefined}
      required
      data={OPTIONS}
      value={[...value]}
      error={error}
      onChange={(next) => {
        onChange(next.filter(isRole));
      }}
      comboboxProps={{ withinPortal: true }}
      data-testid="roles-select"
    />
  );
}
