import type { Static, TSchema } from '@sinclair/typebox';
import type { FastifyTypeProvider } from 'fastify';

/**
 * Types request bodies, queries and parameters from their TypeBox schemas. Responses are not typed
 * from their schemas: the domain returns readonly values, which TypeBox's mutable `Static` types
 * refuse; response schemas still shape and filter every reply at run time (fast-json-stringify
 * drops any field a schema does not name).
 */
export interface RequestTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends TSchema ? Static<this['schema']> : unknown;
  serializer: unknown;
}
