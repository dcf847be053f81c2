import { describe, expect, it } from 'vitest';
import { ApiError, CLIENT_ERROR_CODES, errorMessage, parseErrorBody } from './api-error';

describe('parseErrorBody', () => {
  it('reads the code and message of a Wardline error body', () => {
    const error = parseErrorBody(423, {
      error: { code: 'WL_AUTH_LOCKED', message: 'The account is locked.' },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(423);
    expect(error.code).toBe('WL_AUTH_LOCKED');
    expect(error.message).toBe('The account is locked.');
  });

  it('uses the code as message when the message is missing', () => {
    const error = parseErrorBody(403, { error: { code: 'WL_AUTH_FORBIDDEN' } });
    expect(error.message).toBe('WL_AUTH_FORBIDDEN');
  });

  it.each([undefined, null, 'Bad Gateway', [], { error: 'nope' }, { error: { code: 7 } }])(
    'turns a body that is not a Wardline error (%j) into a client error naming the status',
    (body) => {
      const error = parseErrorBody(502, body);
      expect(error.code).toBe(CLIENT_ERROR_CODES.badResponse);
      expect(error.status).toBe(502);
      expect(error.message).toContain('502');
    },
  );
});

describe('errorMessage', () => {
  it('shows an error message, and a fallback for anything else', () => {
    expect(errorMessage(new ApiError(400, 'WL_X', 'Wrong.'))).toBe('Wrong.');
    expect(errorMessage('thrown string')).toBe('Something went wrong.');
  });
});
