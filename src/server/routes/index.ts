import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/services.js';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { healthRoutes } from './health.js';
import { importRoutes } from './imports.js';
import { inventoryRoutes } from './inventory.js';
import { userRoutes } from './users.js';
import { vulnerabilityRoutes } from './vulnerabilities.js';
import { detectionRoutes, ingestRoutes } from './detection.js';

export interface RouteOptions {
  readonly signInRatePerMinute: number;
}

/** Every area's routes; each new capability adds its file here. */
export async function registerRoutes(
  app: FastifyInstance,
  services: Services,
  options: RouteOptions,
): Promise<void> {
  await app.register(healthRoutes(services));
  const prefix = '/api/v1';
  await app.register(authRoutes(services, options.signInRatePerMinute), { prefix });
  await app.register(userRoutes(services), { prefix });
  await app.register(auditRoutes(services), { prefix });
  await app.register(inventoryRoutes(services), { prefix });
  await app.register(importRoutes(services), { prefix });
  await app.register(vulnerabilityRoutes(services), { prefix });
  await app.register(detectionRoutes(services), { prefix });
  await app.register(ingestRoutes(services), { prefix });
}
