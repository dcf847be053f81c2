/**
 * `parseSigmaRule`: a Sigma YAML file (one or more documents) into detection rules and
 * correlation rules, with a problem for everything it refuses. YAML is read with the core schema
 * (no custom tags, no merge keys), a small alias cap and a size cap.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import type { Document } from 'yaml';
import { readCorrelation } from './correlation.js';
import { readDetection } from './detection.js';
import { MAX_ALIAS_COUNT, MAX_DOCUMENTS, MAX_RULE_TEXT_CHARS, MAX_YAML_DEPTH } from './limits.js';
import { readLogsource, readMeta } from './meta.js';
import type { RawMap } from './meta.js';
import { ProblemSink } from './problems.js';
import type {
  RuleProblem,
  SigmaCorrelation,
  SigmaParseOptions,
  SigmaParseResult,
  SigmaRule,
} from './types.js';

/** The YAML library reports nesting beyond the stack as this error (a RangeError caught inside). */
const STACK_EXHAUSTED = /maximum call stack/i;

type Parsed = { rule: SigmaRule } | { correlation: SigmaCorrelation } | undefined;

/** Depth of nested collections, stopping as soon as the cap is passed. */
function tooDeep(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth > MAX_YAML_DEPTH) return true;
  const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => tooDeep(child, depth + 1));
}

function readRule(raw: RawMap, sink: ProblemSink): Parsed {
  const meta = readMeta(raw, sink);
  if (raw['correlation'] !== undefined) {
    if (meta === undefined) return undefined;
    const correlation = readCorrelation(raw['correlation'], meta, sink);
    return correlation === undefined || sink.hasErrors ? undefined : { correlation };
  }
  const logsource = readLogsource(raw['logsource'], sink);
  const detection = readDetection(raw['detection'], sink);
  if (meta === undefined || logsource === undefined || detection === undefined || sink.hasErrors) {
    return undefined;
  }
  const fields = Array.isArray(raw['fields'])
    ? raw['fields'].filter((item): item is string => typeof item === 'string')
    : [];
  return { rule: { ...meta, logsource, detection, fields } };
}

function readDocument(document: Document.Parsed, sink: ProblemSink): Parsed {
  const [firstError] = document.errors;
  if (firstError !== undefined) {
    const message = firstError.message.split('\n')[0] ?? '';
    if (STACK_EXHAUSTED.test(message)) {
      sink.add('WL_SIGMA_LIMIT_EXCEEDED', 'the YAML nests too deeply to be read');
    } else {
      sink.add('WL_SIGMA_YAML_INVALID', `YAML: ${message}`);
    }
    return undefined;
  }
  for (const warning of document.warnings) {
    sink.add(
      'WL_SIGMA_YAML_INVALID',
      `YAML: ${warning.message.split('\n')[0] ?? ''}`,
      undefined,
      'warning',
    );
  }
  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    sink.add('WL_SIGMA_ALIAS_LIMIT', `YAML could not be expanded: ${message}`);
    return undefined;
  }
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    sink.add('WL_SIGMA_NOT_A_RULE', 'the document is not a map');
    return undefined;
  }
  if (tooDeep(raw, 0)) {
    sink.add('WL_SIGMA_LIMIT_EXCEEDED', `the document nests deeper than ${MAX_YAML_DEPTH} levels`);
    return undefined;
  }
  const map = raw as RawMap;
  const action = map['action'];
  if (action !== undefined) {
    sink.add(
      'WL_SIGMA_COLLECTION_UNSUPPORTED',
      `rule collections (\`action: ${typeof action === 'string' ? action : '…'}\`) were removed in Sigma 2.0 and are not supported`,
    );
    return undefined;
  }
  return readRule(map, sink);
}

function parseDocuments(text: string, lines: LineCounter): readonly Document.Parsed[] | string {
  try {
    return parseAllDocuments(text, {
      schema: 'core',
      merge: false,
      uniqueKeys: true,
      prettyErrors: false,
      lineCounter: lines,
    });
  } catch (error) {
    // Deep flow nesting can exhaust the parser's stack: that is unreadable input, not a crash.
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Parses one Sigma rule file. A document with an error yields no rule; warnings keep it.
 *
 * @example
 * parseSigmaRule('title: T\nlogsource: {product: windows}\ndetection:\n  sel: {Image|endswith: \\cmd.exe}\n  condition: sel\n', { source: 'r.yml' })
 * // → { rule: { title: 'T', logsource: { product: 'windows' }, detection: { ... }, ... },
 * //     rules: [rule], correlations: [], problems: [] }
 */
export function parseSigmaRule(yamlText: string, options: SigmaParseOptions): SigmaParseResult {
  const problems: RuleProblem[] = [];
  const rules: SigmaRule[] = [];
  const correlations: SigmaCorrelation[] = [];
  const whole = new ProblemSink(options.source, 0, 1);
  if (yamlText.length > MAX_RULE_TEXT_CHARS) {
    whole.add(
      'WL_SIGMA_INPUT_TOO_LARGE',
      `the file has ${yamlText.length} characters (cap ${MAX_RULE_TEXT_CHARS})`,
    );
    return { rule: null, rules, correlations, problems: whole.problems };
  }
  const lines = new LineCounter();
  const documents = parseDocuments(yamlText, lines);
  if (typeof documents === 'string') {
    whole.add('WL_SIGMA_YAML_INVALID', `YAML could not be read: ${documents}`);
    return { rule: null, rules, correlations, problems: whole.problems };
  }
  if (documents.length > MAX_DOCUMENTS) {
    whole.add(
      'WL_SIGMA_TOO_MANY_DOCUMENTS',
      `the file has ${documents.length} documents (cap ${MAX_DOCUMENTS})`,
    );
    return { rule: null, rules, correlations, problems: whole.problems };
  }
  for (const document of documents) {
    const offset = document.range[0];
    const sink = new ProblemSink(options.source, offset, lines.linePos(offset).line);
    const parsed = readDocument(document, sink);
    problems.push(...sink.problems);
    if (parsed === undefined) continue;
    if ('rule' in parsed) rules.push(parsed.rule);
    else correlations.push(parsed.correlation);
  }
  if (rules.length === 0 && correlations.length === 0 && problems.length === 0) {
    whole.add('WL_SIGMA_NOT_A_RULE', 'the file holds no rule');
    problems.push(...whole.problems);
  }
  return { rule: rules[0] ?? null, rules, correlations, problems };
}
