import { Alert, Button, Checkbox, Code, CopyButton, Group, SimpleGrid, Stack } from '@mantine/core';
import { useState } from 'react';

interface RecoveryCodesProps {
  readonly codes: readonly string[];
  readonly onDone: () => void;
  readonly doneLabel?: string;
}

/** Shows recovery codes once and asks the user to say they stored them before moving on. */
export function RecoveryCodes({ codes, onDone, doneLabel = 'Continue' }: RecoveryCodesProps) {
  const [saved, setSaved] = useState(false);
  const text = codes.join('\n');

  return (
    <Stack gap="md">
      <Alert color="yellow" title="Save these recovery codes now">
        Each code signs you in once if you lose your authenticator. Wardline shows them only this
        once. Store them somewhere safe, away from your phone, such as a password manager.
      </Alert>
      <SimpleGrid cols={2} spacing="xs" data-testid="recovery-codes">
        {codes.map((code) => (
          <Code key={code} data-testid="recovery-code-item" ta="center" py={6}>
            {code}
          </Code>
        ))}
      </SimpleGrid>
      <Group>
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button variant="light" size="xs" onClick={copy}>
              {copied ? 'Copied' : 'Copy all'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Checkbox
        label="I have saved these recovery codes"
        checked={saved}
        onChange={(e) => {
          setSaved(e.currentTarget.checked);
        }}
      />
      <Button disabled={!saved} onClick={onDone}>
        {doneLabel}
      </Button>
    </Stack>
  );
}
