/** The OpenAPI 3 document of every route, generated from the route schemas. */
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { packageVersion } from '../config/paths.js';
import { PUBLIC } from './access.js';

export async function installOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Wardline API',
        version: packageVersion(),
        description: 'Identify and mitigate cyber threats in a healthcare organization.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: '__Host-wl_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
  });
  app.get('/api/openapi.json', { config: { access: PUBLIC }, schema: { hide: true } }, () =>
    app.swagger(),
  );
}
