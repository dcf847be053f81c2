/**
 * Request validation with two Ajv instances. Bodies are validated strictly: no type coercion
 * (`"5"` is not a number), unknown properties rejected rather than silently removed. Query strings
 * and path parameters arrive as text, so there numbers and booleans are coerced.
 */
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const shared: Options = { allErrors: false, removeAdditional: false, useDefaults: true };

function createAjv(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({ ...shared, coerceTypes });
  addFormats.default(ajv);
  // TypeBox adds its `kind` symbol as a keyword marker; Ajv must accept these keywords.
  ajv.addKeyword('modifier');
  ajv.addKeyword('kind');
  return ajv;
}

const strict = createAjv(false);
const coercing = createAjv('array');

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strict : coercing;
  return ajv.compile(schema);
};
