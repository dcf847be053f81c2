/**
 * Writes a CSAF 2.0 `csaf_vex` document (profile 5, §4.5): the document metadata every profile
 * needs, a product tree, and per vulnerability its notes, product status, the impact statement
 * (flag and/or impact threat) of each not-affected product (test 6.1.27.9) and an action statement
 * (remediation) for each affected product (test 6.1.27.10).
 * @see https://docs.oasis-open.org/csaf/csaf/v2.0/os/csaf-v2.0-os.html §4.5, §6.1.27
 */
import { WardlineError } from '../../domain/errors.js';
import type { RemediationCategory, VexJustification } from '../../domain/vulnerability.js';

/** One product the VEX speaks about. */
export interface CsafVexProduct {
  readonly productId: string;
  readonly name: string;
  readonly vendor?: string;
  readonly version?: string;
  readonly purl?: string;
  readonly cpe?: string;
}

/** The VEX statuses (profile 5 allows no other product status). */
export type CsafVexStatus =
  'known_affected' | 'known_not_affected' | 'fixed' | 'under_investigation';

/** One statement: the status of some products for one vulnerability. */
export interface CsafVexStatement {
  /** A CVE id (written as `cve`); any other id is written in `ids` under `system_name` `Wardline`. */
  readonly vulnerabilityId: string;
  readonly status: CsafVexStatus;
  readonly productIds: readonly string[];
  readonly justification?: VexJustification;
  readonly impactStatement?: string;
  readonly remediation?: {
    readonly category: RemediationCategory;
    readonly details: string;
    readonly url?: string;
  };
}

/** Everything `writeCsafVex` needs. */
export interface CsafVexInput {
  readonly publisher: {
    readonly name: string;
    readonly namespace: string;
    /** Default `vendor`. */
    readonly category?: 'coordinator' | 'discoverer' | 'other' | 'translator' | 'user' | 'vendor';
  };
  readonly trackingId: string;
  readonly title: string;
  /** Release date of this (first) version. */
  readonly now: Date | string;
  readonly products: readonly CsafVexProduct[];
  readonly statements: readonly CsafVexStatement[];
}

const CVE_ID = /^CVE-\d{4}-\d{4,}$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The pretty-printed JSON of a valid `csaf_vex` document. Throws `WL_REQUEST_INVALID` for input that cannot make one. */
export function writeCsafVex(input: CsafVexInput): string {
  const products = new Map(input.products.map((product) => [product.productId, product]));
  check(input, products);
  const date = typeof input.now === 'string' ? new Date(input.now) : input.now;
  if (Number.isNaN(date.getTime())) invalid('`now` is not a valid date.');
  const released = date.toISOString();
  const document: Json = {
    document: {
      category: 'csaf_vex',
      csaf_version: '2.0',
      publisher: {
        category: input.publisher.category ?? 'vendor',
        name: input.publisher.name,
        namespace: input.publisher.namespace,
      },
      title: input.title,
      tracking: {
        current_release_date: released,
        generator: { engine: { name: 'Wardline' } },
        id: input.trackingId,
        initial_release_date: released,
        revision_history: [{ date: released, number: '1', summary: 'Initial version.' }],
        status: 'final',
        version: '1',
      },
    },
    product_tree: { branches: input.products.map(branchOf) },
    vulnerabilities: [...groupByVulnerability(input.statements)].map(([id, statements]) =>
      vulnerabilityOf(id, statements),
    ),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function invalid(message: string): never {
  throw new WardlineError('WL_REQUEST_INVALID', `Cannot write the CSAF VEX: ${message}`);
}

function check(input: CsafVexInput, products: ReadonlyMap<string, CsafVexProduct>): void {
  if (products.size !== input.products.length) invalid('two products share a productId.');
  if (input.products.length === 0) invalid('a VEX needs at least one product.');
  if (input.statements.length === 0) invalid('a VEX needs at least one statement.');
  for (const statement of input.statements) {
    if (statement.productIds.length === 0)
      invalid(`${statement.vulnerabilityId} names no product.`);
    const unknown = statement.productIds.find((id) => !products.has(id));
    if (unknown !== undefined)
      invalid(`${statement.vulnerabilityId} names the unknown product ${unknown}.`);
    const notAffected = statement.status === 'known_not_affected';
    if (
      notAffected &&
      statement.justification === undefined &&
      statement.impactStatement === undefined
    ) {
      invalid(
        `${statement.vulnerabilityId}: a not-affected statement needs a justification or an impact statement.`,
      );
    }
  }
}

/** vendor → product_name → product_version, as far as the product says. */
function branchOf(product: CsafVexProduct): Json {
  const helper: Record<string, Json> = {};
  if (product.cpe !== undefined) helper['cpe'] = product.cpe;
  if (product.purl !== undefined) helper['purl'] = product.purl;
  const leaf: Json = {
    name: product.name,
    product_id: product.productId,
    ...(Object.keys(helper).length > 0 ? { product_identification_helper: helper } : {}),
  };
  let branch: Json =
    product.version === undefined
      ? { category: 'product_name', name: product.name, product: leaf }
      : {
          category: 'product_name',
          name: product.name,
          branches: [{ category: 'product_version', name: product.version, product: leaf }],
        };
  if (product.vendor !== undefined) {
    branch = { category: 'vendor', name: product.vendor, branches: [branch] };
  }
  return branch;
}

function groupByVulnerability(
  statements: readonly CsafVexStatement[],
): Map<string, CsafVexStatement[]> {
  const out = new Map<string, CsafVexStatement[]>();
  for (const statement of statements) {
    const list = out.get(statement.vulnerabilityId) ?? [];
    list.push(statement);
    out.set(statement.vulnerabilityId, list);
  }
  return out;
}

function vulnerabilityOf(id: string, statements: readonly CsafVexStatement[]): Json {
  const status: Record<CsafVexStatus, string[]> = {
    known_affected: [],
    known_not_affected: [],
    fixed: [],
    under_investigation: [],
  };
  const flags: Json[] = [];
  const threats: Json[] = [];
  const remediations: Json[] = [];
  for (const statement of statements) {
    const ids = [...statement.productIds];
    status[statement.status].push(...ids);
    if (statement.status === 'known_not_affected') {
      if (statement.justification !== undefined)
        flags.push({ label: statement.justification, product_ids: ids });
      if (statement.impactStatement !== undefined) {
        threats.push({ category: 'impact', details: statement.impactStatement, product_ids: ids });
      }
    }
    const remediation = remediationOf(statement, ids);
    if (remediation !== null) remediations.push(remediation);
  }
  const productStatus: Record<string, Json> = {};
  for (const [key, ids] of Object.entries(status)) {
    if (ids.length > 0) productStatus[key] = [...new Set(ids)];
  }
  return {
    ...(CVE_ID.test(id) ? { cve: id } : { ids: [{ system_name: 'Wardline', text: id }] }),
    ...(flags.length > 0 ? { flags } : {}),
    notes: [
      {
        category: 'description',
        text: `Status of the listed products with regard to ${id}.`,
        title: 'VEX statement',
      },
    ],
    product_status: productStatus,
    ...(remediations.length > 0 ? { remediations } : {}),
    ...(threats.length > 0 ? { threats } : {}),
  };
}

/** The statement's remediation; an affected product without one gets `none_available` (6.1.27.10). */
function remediationOf(statement: CsafVexStatement, ids: string[]): Json {
  const stated = statement.remediation;
  if (stated !== undefined) {
    return {
      category: stated.category,
      details: stated.details,
      product_ids: ids,
      ...(stated.url === undefined ? {} : { url: stated.url }),
    };
  }
  if (statement.status !== 'known_affected') return null;
  return {
    category: 'none_available',
    details: 'No remediation is available yet.',
    product_ids: ids,
  };
}
