import { Checkbox, Stack } from '@mantine/core';
import type { Role } from '../api/vocabulary';
import { ROLE_LABELS, ROLES } from '../api/vocabulary';

/** What each role may do, shown beside it so an admin grants the least that serves. */
const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Manages users and settings; sees everything, including the audit log.',
  'security-analyst': 'Works on assets, vulnerabilities and detections.',
  'incident-lead': 'Runs incidents and their response.',
  'clinical-engineer': 'Looks after medical devices and their risk.',
  auditor: 'Reads everything, including the audit log; changes nothing.',
};

interface RoleSelectProps {
  readonly value: readonly Role[];
  readonly onChange: (roles: Role[]) => void;
  readonly error?: string | null;
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Picks one or more roles: a checkbox per role, labelled by the role's name. */
export function RoleSelect({ value, onChange, error }: RoleSelectProps) {
  return (
    <Checkbox.Group
      label="Roles"
      withAsterisk
      value={[...value]}
      error={error}
      onChange={(next) => {
        onChange(next.filter(isRole));
      }}
    >
      <Stack gap={6} mt={6}>
        {ROLES.map((role) => (
          <Checkbox
            key={role}
            value={role}
            label={ROLE_LABELS[role]}
            description={ROLE_DESCRIPTIONS[role]}
          />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
