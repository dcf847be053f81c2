import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';

interface TemporaryPasswordModalProps {
  readonly username: string;
  readonly password: string;
  readonly onClose: () => void;
}

/** Shows a one-time temporary password; Wardline cannot show it again after this closes. */
export function TemporaryPasswordModal({
  username,
  password,
  onClose,
}: TemporaryPasswordModalProps) {
  return (
    <Modal
      opened
      onClose={onClose}
      title="Temporary password"
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="md">
        <Text size="sm">
          Give this password to <b>{username}</b> by a trusted channel. At first sign-in they set up
          a second factor.
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Code data-testid="temporary-password" fz="md" py={6} px="sm">
            {password}
          </Code>
          <CopyButton value={password}>
            {({ copied, copy }) => (
              <Button size="compact-sm" variant="light" onClick={copy}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Alert color="yellow">This password is shown only once.</Alert>
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
