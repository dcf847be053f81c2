/**
 * One vulnerability's `product_status`, `flags[]` and `threats[]` → `ProductCriterion[]`: each
 * product id listed under a status becomes one criterion carrying the product as the tree
 * defines it, the VEX justification of its flag and the impact statement of its threat.
 * @see https://docs.oasis-open.org/csaf/csaf/v2.0/os/csaf-v2.0-os.html §3.2.3.9, §3.2.3.5, §3.2.3.12
 */
import type {
  ProductCriterion,
  ProductStatus,
  VexJustification,
} from '../../domain/vulnerability.js';
import { VEX_JUSTIFICATIONS } from '../../domain/vulnerability.js';
import type { CsafLog } from './diagnostics.js';
import { MAX_PRODUCTS_PER_ADVISORY, MAX_TEXT_CHARS } from './limits.js';
import type { ProductTree } from './product-tree.js';
import { type JsonRecord, record, records, text, texts, unique } from './values.js';

/** CSAF status lists → Wardline's status (first/last affected fold into affected, first fixed into fixed). */
export const STATUS_LISTS: readonly (readonly [string, ProductStatus])[] = [
  ['known_affected', 'known_affected'],
  ['first_affected', 'known_affected'],
  ['last_affected', 'known_affected'],
  ['fixed', 'fixed'],
  ['first_fixed', 'fixed'],
  ['known_not_affected', 'known_not_affected'],
  ['under_investigation', 'under_investigation'],
  ['recommended', 'recommended'],
];

/** Where diagnostics about one vulnerability point and what they call it. */
export interface VulnerabilityScope {
  readonly label: string;
  readonly offset: number;
}

/** Resolves `product_ids` and `group_ids` of one flag, threat or remediation to product ids. */
export function resolveIds(
  item: JsonRecord,
  tree: ProductTree,
  scope: VulnerabilityScope,
  log: CsafLog,
): string[] {
  const ids = texts(item, 'product_ids').filter((id) => known(id, tree, scope, log));
  for (const groupId of texts(item, 'group_ids')) {
    const members = tree.groups.get(groupId);
    if (members === undefined) {
      log.report(
        'WL_CSAF_PRODUCT_UNKNOWN',
        'warning',
        `${scope.label} names the unknown product group ${JSON.stringify(groupId)}; it is ignored.`,
        log.locate(JSON.stringify(groupId), scope.offset),
      );
    } else {
      ids.push(...members);
    }
  }
  return unique(ids);
}

function known(id: string, tree: ProductTree, scope: VulnerabilityScope, log: CsafLog): boolean {
  if (tree.products.has(id)) return true;
  log.report(
    'WL_CSAF_PRODUCT_UNKNOWN',
    'warning',
    `${scope.label} names the product id ${JSON.stringify(id)}, which product_tree does not define; it is skipped.`,
    log.locate(JSON.stringify(id), scope.offset),
  );
  return false;
}

/** Product id → VEX justification from `flags[]`; unknown labels are reported. */
function justifications(
  vulnerability: JsonRecord,
  tree: ProductTree,
  scope: VulnerabilityScope,
  log: CsafLog,
): Map<string, VexJustification> {
  const out = new Map<string, VexJustification>();
  for (const flag of records(vulnerability, 'flags')) {
    const label = text(flag, 'label');
    const justification = VEX_JUSTIFICATIONS.find((known) => known === label);
    if (justification === undefined) {
      log.report(
        'WL_CSAF_VALUE_INVALID',
        'warning',
        `${scope.label} has a flag with the unknown label ${JSON.stringify(label)}; it is ignored.`,
        scope.offset,
      );
      continue;
    }
    for (const id of resolveIds(flag, tree, scope, log))
      if (!out.has(id)) out.set(id, justification);
  }
  return out;
}

/** Product id → impact statement from `threats[]` of category `impact` (no ids: every product). */
function impacts(
  vulnerability: JsonRecord,
  tree: ProductTree,
  scope: VulnerabilityScope,
  log: CsafLog,
): { byProduct: Map<string, string>; general: string | null } {
  const byProduct = new Map<string, string>();
  let general: string | null = null;
  for (const threat of records(vulnerability, 'threats')) {
    if (threat['category'] !== 'impact') continue;
    const details = text(threat, 'details', MAX_TEXT_CHARS);
    if (details === null) continue;
    const hasIds = threat['product_ids'] !== undefined || threat['group_ids'] !== undefined;
    if (!hasIds) general ??= details;
    for (const id of resolveIds(threat, tree, scope, log)) {
      if (!byProduct.has(id)) byProduct.set(id, details);
    }
  }
  return { byProduct, general };
}

/** Every (product, status) pair of one vulnerability, capped at `MAX_PRODUCTS_PER_ADVISORY`. */
export function readProductStatus(
  vulnerability: JsonRecord,
  tree: ProductTree,
  scope: VulnerabilityScope,
  log: CsafLog,
): ProductCriterion[] {
  const status = record(vulnerability, 'product_status');
  const flagged = justifications(vulnerability, tree, scope, log);
  const impact = impacts(vulnerability, tree, scope, log);
  const out: ProductCriterion[] = [];
  const seen = new Set<string>();
  for (const [list, productStatus] of STATUS_LISTS) {
    for (const id of texts(status, list)) {
      const key = `${productStatus}\u0000${id}`;
      if (seen.has(key) || !known(id, tree, scope, log)) continue;
      if (out.length >= MAX_PRODUCTS_PER_ADVISORY) {
        log.report(
          'WL_CSAF_LIMIT_EXCEEDED',
          'warning',
          `${scope.label} lists more than ${MAX_PRODUCTS_PER_ADVISORY} product statuses; the rest are dropped.`,
          scope.offset,
        );
        return out;
      }
      seen.add(key);
      const product = tree.products.get(id);
      if (product === undefined) continue;
      const notAffected = productStatus === 'known_not_affected';
      out.push({
        ...product,
        status: productStatus,
        justification: notAffected ? (flagged.get(id) ?? null) : null,
        impactStatement: notAffected ? (impact.byProduct.get(id) ?? impact.general) : null,
      });
    }
  }
  return out;
}
