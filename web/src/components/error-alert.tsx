import { Alert, Text } from '@mantine/core';
import { errorMessage, isApiError } from '../api/api-error';

interface ErrorAlertProps {
  readonly error: unknown;
  readonly title?: string;
}

/** The API's own message for a failure, with its stable code for a support request. */
export function ErrorAlert({ error, title = 'That did not work' }: ErrorAlertProps) {
  if (error === null || error === undefined) return null;
  return (
    <Alert color="red" title={title} role="alert" data-testid="error-alert">
      <Text size="sm">{errorMessage(error)}</Text>
      {isApiError(error) && (
        <Text size="xs" c="dimmed" mt={4}>
          {error.code}
        </Text>
      )}
    </Alert>
  );
}
