import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/services.js';
import { PUBLIC } from '../access.js';

/** Liveness and store reachability, for load balancers and `systemd`; reveals nothing else. */
export function healthRoutes(services: Services) {
  return (app: FastifyInstance, _options: unknown, done: () => void): void => {
    app.get(
      '/healthz',
      {
        config: { access: PUBLIC },
        schema: {
          response: { 200: Type.Object({ status: Type.Literal('ok'), store: Type.Literal('ok') }) },
        },
      },
      async () => {
        await services.health.checkStore();
        return { status: 'ok' as const, store: 'ok' as const };
      },
    );
    done();
  };
}
