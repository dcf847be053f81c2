import { Alert } from '@mantine/core';

export function NotPermitted() {
  return (
    <Alert color="yellow" title="Not available to your role">
      Your roles do not include access to this page. An administrator can change your roles.
    </Alert>
  );
}
