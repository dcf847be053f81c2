import { currentSession, forgetSession, refreshSession } from '../session/session-cache';
import { createApiClient } from './client';
import { createEndpoints } from './endpoints';

/** The API as the app uses it: same-origin, CSRF token from the current session. */
export const api = createEndpoints(
  createApiClient({
    fetch: (input, init) => fetch(input, init),
    getCsrfToken: () => currentSession()?.csrfToken,
    onAuthReaction: (reaction) => {
      if (reaction === 'sign-out') {
        if (currentSession()) forgetSession();
      } else {
        void refreshSession();
      }
    },
  }),
);
