/**
 * `product_tree` → one flat record per product id: branches walked from vendor down to version,
 * `full_product_names`, and `relationships` (a component installed on or part of a platform),
 * with identification helpers; and `product_groups` resolved to product ids.
 * @see https://docs.oasis-open.org/csaf/csaf/v2.0/os/csaf-v2.0-os.html §3.2.2
 */
import { PackageURL } from 'packageurl-js';
import type { CsafLog } from './diagnostics.js';
import { MAX_BRANCH_DEPTH, MAX_PRODUCTS, MAX_STRING_CHARS } from './limits.js';
import { type JsonRecord, record, records, text, texts, unique } from './values.js';

/** One product as the tree defines it, before a vulnerability gives it a status. */
export interface CsafProduct {
  readonly productId: string;
  readonly name: string;
  readonly vendor: string | null;
  readonly product: string | null;
  readonly version: string | null;
  readonly versionRange: string | null;
  readonly cpe: string | null;
  readonly purl: string | null;
  readonly modelNumbers: readonly string[];
  readonly serialNumbers: readonly string[];
}

/** The flattened tree: products by id, groups by id (each to its product ids). */
export interface ProductTree {
  readonly products: ReadonlyMap<string, CsafProduct>;
  readonly groups: ReadonlyMap<string, readonly string[]>;
}

/** What the branches above a product say about it. */
interface BranchContext {
  readonly vendor: string | null;
  readonly product: string | null;
  readonly family: string | null;
  readonly version: string | null;
  readonly versionRange: string | null;
}

const ROOT_CONTEXT: BranchContext = {
  vendor: null,
  product: null,
  family: null,
  version: null,
  versionRange: null,
};

/** Builds the flat tree; problems are reported, never thrown. */
export class ProductTreeReader {
  private readonly products = new Map<string, CsafProduct>();
  private readonly groups = new Map<string, readonly string[]>();
  private readonly treeOffset: number;
  private capped = false;
  private deepReported = false;

  constructor(private readonly log: CsafLog) {
    this.treeOffset = log.locate('"product_tree"');
  }

  read(tree: JsonRecord | null): ProductTree {
    if (tree !== null) {
      this.walk(records(tree, 'branches'), ROOT_CONTEXT, 1);
      for (const full of records(tree, 'full_product_names')) this.add(full, ROOT_CONTEXT);
      this.readRelationships(records(tree, 'relationships'));
      this.readGroups(records(tree, 'product_groups'));
    }
    return { products: this.products, groups: this.groups };
  }

  private walk(branches: readonly JsonRecord[], parent: BranchContext, depth: number): void {
    if (depth > MAX_BRANCH_DEPTH) {
      if (!this.deepReported) {
        this.deepReported = true;
        this.log.report(
          'WL_CSAF_LIMIT_EXCEEDED',
          'warning',
          `product_tree branches nest more than ${MAX_BRANCH_DEPTH} deep; deeper branches are skipped.`,
          this.treeOffset,
        );
      }
      return;
    }
    for (const branch of branches) {
      if (this.capped) return;
      const context = narrow(parent, text(branch, 'category'), text(branch, 'name'));
      const product = record(branch, 'product');
      if (product !== null) this.add(product, context);
      this.walk(records(branch, 'branches'), context, depth + 1);
    }
  }

  /** Adds one `full_product_name` with what its branches say; false when it is not added. */
  private add(full: JsonRecord, context: BranchContext, base?: CsafProduct): boolean {
    const productId = text(full, 'product_id');
    if (productId === null) {
      this.log.report(
        'WL_CSAF_FIELD_MISSING',
        'warning',
        'A product in product_tree has no product_id; it is skipped.',
        this.treeOffset,
      );
      return false;
    }
    if (this.products.has(productId)) {
      this.log.report(
        'WL_CSAF_PRODUCT_DUPLICATE',
        'warning',
        `The product id ${JSON.stringify(productId)} is defined twice; the first definition is kept.`,
        this.at(productId),
      );
      return false;
    }
    if (this.products.size >= MAX_PRODUCTS) {
      this.cap();
      return false;
    }
    const helper = record(full, 'product_identification_helper');
    const own: CsafProduct = {
      productId,
      name: text(full, 'name') ?? productId,
      vendor: context.vendor,
      product: context.product ?? context.family,
      version: context.version,
      versionRange: context.versionRange,
      cpe: text(helper, 'cpe'),
      purl: this.purl(helper, productId),
      modelNumbers: texts(helper, 'model_numbers'),
      serialNumbers: texts(helper, 'serial_numbers'),
    };
    this.products.set(productId, base === undefined ? own : merge(own, base, text(full, 'name')));
    return true;
  }

  /** `purl` (2.0) or the first of `purls` (2.1), canonical; invalid ones are reported. */
  private purl(helper: JsonRecord | null, productId: string): string | null {
    const stated = text(helper, 'purl') ?? texts(helper, 'purls')[0] ?? null;
    if (stated === null) return null;
    const canonical = canonicalPurl(stated);
    if (canonical === null) {
      this.log.report(
        'WL_CSAF_PURL_INVALID',
        'warning',
        `The purl of product ${JSON.stringify(productId)} is not a valid package URL; it is ignored.`,
        this.log.locate(JSON.stringify(stated), this.treeOffset),
      );
    }
    return canonical;
  }

  /**
   * Each relationship defines a new product: the component (`product_reference`) as part of or
   * installed on the platform (`relates_to_product_reference`). Relationships may build on one
   * another, so unresolved ones are retried while any pass makes progress.
   */
  private readRelationships(relationships: readonly JsonRecord[]): void {
    let pending = relationships;
    while (pending.length > 0 && !this.capped) {
      const next = pending.filter((relationship) => !this.relate(relationship, false));
      if (next.length === pending.length) break;
      pending = next;
    }
    for (const relationship of pending) this.relate(relationship, true);
  }

  /** Adds the relationship's product; true when done (added or hopeless), false to retry. */
  private relate(relationship: JsonRecord, last: boolean): boolean {
    const full = record(relationship, 'full_product_name');
    const componentId = text(relationship, 'product_reference');
    const platformId = text(relationship, 'relates_to_product_reference');
    const category = text(relationship, 'category') ?? 'default_component_of';
    if (full === null || componentId === null || platformId === null) {
      this.log.report(
        'WL_CSAF_FIELD_MISSING',
        'warning',
        'A relationship lacks full_product_name, product_reference or relates_to_product_reference; it is skipped.',
        this.log.locate('"relationships"', this.treeOffset),
      );
      return true;
    }
    const component = this.products.get(componentId);
    const platform = this.products.get(platformId);
    if (component === undefined || platform === undefined) {
      if (!last) return false;
      const missing = component === undefined ? componentId : platformId;
      this.log.report(
        'WL_CSAF_PRODUCT_UNKNOWN',
        'warning',
        `A relationship names the unknown product id ${JSON.stringify(missing)}; it is skipped.`,
        this.at(missing),
      );
      return true;
    }
    const combined: CsafProduct = {
      ...component,
      name: `${component.name} ${category.replaceAll('_', ' ')} ${platform.name}`.slice(
        0,
        MAX_STRING_CHARS,
      ),
    };
    this.add(full, ROOT_CONTEXT, combined);
    return true;
  }

  private readGroups(groups: readonly JsonRecord[]): void {
    for (const group of groups) {
      const groupId = text(group, 'group_id');
      if (groupId === null) continue;
      const ids: string[] = [];
      for (const id of texts(group, 'product_ids')) {
        if (this.products.has(id)) ids.push(id);
        else this.unknownInGroup(groupId, id);
      }
      this.groups.set(groupId, unique(ids));
    }
  }

  private unknownInGroup(groupId: string, id: string): void {
    this.log.report(
      'WL_CSAF_PRODUCT_UNKNOWN',
      'warning',
      `The product group ${JSON.stringify(groupId)} names the unknown product id ${JSON.stringify(id)}; it is left out.`,
      this.at(id),
    );
  }

  private cap(): void {
    if (this.capped) return;
    this.capped = true;
    this.log.report(
      'WL_CSAF_LIMIT_EXCEEDED',
      'error',
      `product_tree defines more than ${MAX_PRODUCTS} products; the rest are skipped.`,
      this.treeOffset,
    );
  }

  private at(productId: string): number {
    return this.log.locate(JSON.stringify(productId), this.treeOffset);
  }
}

/**
 * A relationship's product: its own name when stated, else the combined one; the rest from its
 * own helper where given, else from the component.
 */
function merge(own: CsafProduct, base: CsafProduct, statedName: string | null): CsafProduct {
  return {
    productId: own.productId,
    name: statedName ?? base.name,
    vendor: base.vendor,
    product: base.product,
    version: base.version,
    versionRange: base.versionRange,
    cpe: own.cpe ?? base.cpe,
    purl: own.purl ?? base.purl,
    modelNumbers: unique([...base.modelNumbers, ...own.modelNumbers]),
    serialNumbers: unique([...base.serialNumbers, ...own.serialNumbers]),
  };
}

/** The context below a branch of `category` named `name` (§3.2.2.1.1). */
function narrow(
  parent: BranchContext,
  category: string | null,
  name: string | null,
): BranchContext {
  if (name === null) return parent;
  switch (category) {
    case 'vendor':
      return { ...parent, vendor: name };
    case 'product_family':
      return { ...parent, family: name };
    case 'product_name':
      return { ...parent, product: name };
    case 'product_version':
      // CISA writes "all versions" as a `vers:` range in a product_version branch.
      return name.startsWith('vers:')
        ? { ...parent, versionRange: name }
        : { ...parent, version: name };
    case 'product_version_range':
      return { ...parent, versionRange: name };
    case null:
    default:
      // architecture, host_name, language, legacy, patch_level, service_pack, specification:
      // part of the full product name, nothing Wardline matches on separately.
      return parent;
  }
}

/** The purl in canonical form, or `null` when it is not a valid purl. */
export function canonicalPurl(value: string): string | null {
  if (!value.startsWith('pkg:')) return null;
  try {
    return PackageURL.fromString(value).toString();
  } catch {
    // packageurl-js throws its own errors and, for some golang versions, a ReferenceError.
    return null;
  }
}
