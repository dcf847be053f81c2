/**
 * An advisory turned into index entries: OSV/CSAF packages by purl key, NVD and CSAF CPEs by
 * `part:vendor:product`, CSAF products by model number and product name.
 */
import type {
  Advisory,
  CpeConfiguration,
  CpeCriterion,
  CpeNode,
  PackageCriterion,
  ProductCriterion,
} from '../../../domain/vulnerability.js';
import {
  CPE_ANY,
  CpeParseError,
  compileCpePattern,
  hasBounds,
  hasWildcards,
  parseCpe,
  unquoteValue,
  type CpeName,
  type CpePattern,
} from '../cpe/index.js';
import { MAX_CACHED_TARGETS } from './limits.js';
import { schemeOfPurlType } from '../versions/index.js';
import { normalizeProduct, purlParts, vendorWords } from './normalize.js';
import { EVERY_VERSION, makeRule, type VersionRule } from './rule.js';
import {
  AFFECTED,
  statusOfProduct,
  type CpeEntry,
  type PackageEntry,
  type ProductEntry,
  type Statement,
} from './types.js';
import { parseVersionRange } from './vers.js';

/** Where compiled entries go, under their keys. */
export interface EntrySink {
  package(key: string, entry: PackageEntry): void;
  /** A null key: the criterion's vendor or product is not a plain value (fallback list). */
  cpe(key: string | null, entry: CpeEntry): void;
  fuzzy(key: string, entry: CpeEntry): void;
  model(key: string, entry: ProductEntry): void;
  productName(key: string, entry: ProductEntry): void;
}

/** A plain value: neither ANY, NA nor wild-carded. */
function isPlain(value: string): boolean {
  return value !== CPE_ANY && value !== '-' && !hasWildcards(value);
}

/** The `part:vendor:product` key of a name, or null when one of the three is not plain. */
export function cpeKey(name: CpeName): string | null {
  if (!isPlain(name.part) || !isPlain(name.vendor) || !isPlain(name.product)) return null;
  return `${name.part}:${name.vendor}:${name.product}`;
}

/** Whether one criterion alone satisfies its configuration. */
function standsAlone(config: CpeConfiguration, node: CpeNode): boolean {
  const nodeAlone = config.operator === 'OR' || config.nodes.length === 1;
  return nodeAlone && (node.operator === 'OR' || node.matches.length === 1);
}

/** A criterion CPE read once: its name, key, pattern and product-name key. */
interface CompiledCpe {
  readonly name: CpeName;
  readonly key: string | null;
  readonly pattern: CpePattern;
  /** The product-name key for name guesses; null when the entry is not offered to them. */
  readonly fuzzyKey: string | null;
}

/** Criteria repeat the same CPE across advisories; bounded like the target caches. */
const compiledCpes = new Map<string, CompiledCpe | null>();

/**
 * Keyed entries leave part, vendor and product out of their pattern: a lookup by key already
 * equals them (the key is unambiguous, since values quote every colon and never end in a lone
 * backslash). Fallback entries keep every attribute.
 */
function compileCpe(text: string): CompiledCpe | null {
  const cached = compiledCpes.get(text);
  if (cached !== undefined) return cached;
  const name = parseCpe(text);
  let compiled: CompiledCpe | null = null;
  if (!(name instanceof CpeParseError)) {
    const key = cpeKey(name);
    compiled = {
      name,
      key,
      pattern: compileCpePattern(name, key === null ? 0 : 3),
      fuzzyKey:
        key !== null && name.part !== 'h' ? normalizeProduct(unquoteValue(name.product)) : null,
    };
  }
  if (compiledCpes.size >= MAX_CACHED_TARGETS) compiledCpes.clear();
  compiledCpes.set(text, compiled);
  return compiled;
}

function addCpe(sink: EntrySink, cpe: CompiledCpe, entry: CpeEntry): void {
  sink.cpe(cpe.key, entry);
  if (cpe.fuzzyKey !== null) sink.fuzzy(cpe.fuzzyKey, entry);
}

function compileCriterion(
  slot: number,
  criterion: CpeCriterion,
  node: CpeNode,
  config: CpeConfiguration,
  sink: EntrySink,
): void {
  if (!criterion.vulnerable || node.negate) return;
  const cpe = compileCpe(criterion.cpe);
  if (cpe === null) return;
  const { name, pattern } = cpe;
  const bounded = hasBounds(criterion.bounds);
  addCpe(sink, cpe, {
    slot,
    criterion: criterion.cpe,
    statement: AFFECTED,
    name,
    pattern,
    rule: bounded ? makeRule('generic', [], [criterion.bounds]) : EVERY_VERSION,
    exactVersion: !bounded && isPlain(name.version) ? unquoteValue(name.version) : null,
    configuration: standsAlone(config, node) ? null : config,
  });
}

function compilePackage(slot: number, criterion: PackageCriterion, sink: EntrySink): void {
  const parts = purlParts(criterion.purl);
  if (parts === null) return;
  // A git-only range cannot be ordered; without listed versions it covers nothing Wardline can test.
  if (criterion.gitOnly && criterion.versions.length === 0 && criterion.bounds.length === 0) return;
  sink.package(parts.key, {
    slot,
    criterion: criterion.purl,
    statement: AFFECTED,
    rule: makeRule(criterion.scheme, criterion.versions, criterion.bounds),
    fixedVersions: criterion.fixedVersions,
  });
}

function statementOf(product: ProductCriterion): Statement {
  return {
    status: statusOfProduct(product.status),
    justification: product.justification,
    impactStatement: product.impactStatement,
  };
}

/** The versions a CSAF product covers: its exact version, its range, or all; null when unreadable. */
function productRule(product: ProductCriterion, scheme: VersionRule['scheme']): VersionRule | null {
  if (product.version !== null) return makeRule(scheme, [product.version], [], true);
  if (product.versionRange !== null) return parseVersionRange(product.versionRange);
  return EVERY_VERSION;
}

function compileProductIdentifiers(slot: number, product: ProductCriterion, sink: EntrySink): void {
  const statement = statementOf(product);
  const purl = product.purl === null ? null : purlParts(product.purl);
  if (purl !== null) {
    const scheme = schemeOfPurlType(purl.type);
    const rule =
      purl.version !== null ? makeRule(scheme, [purl.version], []) : productRule(product, scheme);
    if (rule !== null) {
      sink.package(purl.key, {
        slot,
        criterion: product.purl ?? '',
        statement,
        rule,
        fixedVersions: [],
      });
    }
  }
  const cpe = product.cpe === null ? null : compileCpe(product.cpe);
  if (cpe === null) return;
  const { name, pattern } = cpe;
  const rule = isPlain(name.version) ? EVERY_VERSION : productRule(product, 'generic');
  if (rule === null) return;
  addCpe(sink, cpe, {
    slot,
    criterion: product.cpe ?? '',
    statement,
    name,
    pattern,
    rule,
    exactVersion: isPlain(name.version) ? unquoteValue(name.version) : product.version,
    configuration: null,
  });
}

function compileDevice(slot: number, product: ProductCriterion, sink: EntrySink): void {
  const productName = product.product ?? product.name;
  const entry: ProductEntry = {
    slot,
    criterion: product.name,
    statement: statementOf(product),
    rule: productRule(product, 'generic'),
    vendor: product.vendor,
    serialNumbers: product.serialNumbers,
  };
  const models = new Set(product.modelNumbers.map(normalizeProduct).filter((key) => key !== ''));
  for (const model of models) sink.model(model, entry);
  const names = new Set([normalizeProduct(productName)]);
  // `Acme Infusion Pump 3000` is also known as `Infusion Pump 3000`.
  if (product.vendor !== null) {
    const vendor = vendorWords(product.vendor).join('');
    const full = normalizeProduct(productName);
    if (vendor !== '' && full.startsWith(vendor) && full.length > vendor.length)
      names.add(full.slice(vendor.length));
  }
  for (const key of names) if (key !== '') sink.productName(key, entry);
}

/** Sends every entry of an advisory to the sink. */
export function compileAdvisory(advisory: Advisory, slot: number, sink: EntrySink): void {
  for (const config of advisory.cpeConfigurations) {
    for (const node of config.nodes) {
      for (const criterion of node.matches) compileCriterion(slot, criterion, node, config, sink);
    }
  }
  for (const criterion of advisory.packages) compilePackage(slot, criterion, sink);
  for (const product of advisory.products) {
    compileProductIdentifiers(slot, product, sink);
    compileDevice(slot, product, sink);
  }
}
