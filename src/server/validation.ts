/**
 * Request validation with two Ajv instances. Bodies are validated strictly: no type coercion
 * (`"5"` is not a number), unknown properties rejected rather than silently removed. Query strings
 * and path parameters arrive as text, so there numbers and booleans are coerced.
 */
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

/** Marks a body schema that also accepts no body at all (routes that take no input). */
export const OPTIONAL_BODY = 'x-optional-body';

const shared: Options = { allErrors: false, removeAdditional: false, useDefaults: true };

function createAjv(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({ ...shared, coerceTypes });
  addFormats.default(ajv);
  // TypeBox adds its `kind` symbol as a keyword marker; Ajv must accept these keywords.
  ajv.addKeyword('modifier');
  ajv.addKeyword('kind');
  ajv.addKeyword(OPTIONAL_BODY);
  return ajv;
}

const strict = createAjv(false);
const coercing = createAjv('array');

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  if (httpPart !== 'body') return coercing.compile(schema);
  const validate = strict.compile(schema);
  if ((schema as Record<string, unknown>)[OPTIONAL_BODY] !== true) return validate;
  const validateOptional = (data: unknown): boolean => {
    if (data === undefined || data === null) return true;
    const valid = validate(data);
    validateOptional.errors = validate.errors;
    return valid;
  };
  validateOptional.errors = null as typeof validate.errors;
  return validateOptional;
};
