/**
 * The JSON body parser: secure-json-parse (the parser Fastify itself uses) with prototype keys
 * refused, so that `__proto__` and `constructor.prototype` are answered as poisoning attempts with
 * their own code rather than as generic malformed JSON. The body limit is enforced while the body
 * streams in, before this runs.
 */
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { WardlineError } from '../domain/errors.js';

export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(new WardlineError('WL_REQUEST_MALFORMED', 'The JSON body is empty.'), undefined);
      return;
    }
    try {
      done(
        null,
        secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }),
      );
    } catch (cause) {
      const poisoned = cause instanceof Error && /prototype property/.test(cause.message);
      done(
        poisoned
          ? new WardlineError('WL_REQUEST_POISONED', 'The body carries a forbidden prototype key.')
          : new WardlineError('WL_REQUEST_MALFORMED', 'The body is not well-formed JSON.', {
              cause,
            }),
        undefined,
      );
    }
  });
}
