/** The Sigma rules Wardline runs: their text, origin, whether they are on, and their problems. */
import type { Kysely } from 'kysely';
import {
  DETECTION_LEVELS,
  RULE_ORIGINS,
  type DetectionRule,
  type LogSource,
  type RuleOrigin,
} from '../domain/detection.js';
import { normalizePage, type Page, type PageRequest } from '../domain/page.js';
import { containsInsensitive, isPostgres, toCount } from './db-helpers.js';
import {
  fromFlag,
  readEnum,
  readJsonObject,
  readStringArray,
  toFlag,
  writeJson,
} from './json-columns.js';
import type { Database, DetectionRuleTable } from './schema.js';

export interface StoredRule extends DetectionRule {
  readonly yaml: string;
}

function toRule(row: DetectionRuleTable): StoredRule {
  return {
    id: row.id,
    ruleId: row.rule_id,
    title: row.title,
    level: readEnum(row.level, DETECTION_LEVELS, 'detection_rules.level'),
    kind: row.kind === 'correlation' ? 'correlation' : 'rule',
    origin: readEnum(row.origin, RULE_ORIGINS, 'detection_rules.origin'),
    path: row.path,
    logsource: readJsonObject(row.logsource, 'detection_rules.logsource'),
    tags: readStringArray(row.tags, 'detection_rules.tags'),
    enabled: fromFlag(row.enabled),
    problems: readStringArray(row.problems, 'detection_rules.problems'),
    updatedAt: row.updated_at,
    yaml: row.yaml,
  };
}

/** A stored rule without its YAML text, as lists show it. */
export function withoutText(rule: DetectionRule & { readonly yaml: string }): DetectionRule {
  return {
    id: rule.id,
    ruleId: rule.ruleId,
    title: rule.title,
    level: rule.level,
    kind: rule.kind,
    origin: rule.origin,
    path: rule.path,
    logsource: rule.logsource,
    tags: rule.tags,
    enabled: rule.enabled,
    problems: rule.problems,
    updatedAt: rule.updatedAt,
  };
}

export interface RuleRow {
  readonly id: string;
  readonly ruleId: string;
  readonly title: string;
  readonly level: string;
  readonly kind: 'rule' | 'correlation';
  readonly origin: RuleOrigin;
  readonly path: string;
  readonly yaml: string;
  readonly logsource: LogSource;
  readonly tags: readonly string[];
  readonly enabled: boolean;
  readonly problems: readonly string[];
  readonly updatedAt: string;
}

/** Inserts a rule, or replaces the one with its rule id (keeping whether it was enabled). */
export async function upsertRule(db: Kysely<Database>, rule: RuleRow): Promise<void> {
  const values = {
    id: rule.id,
    rule_id: rule.ruleId,
    title: rule.title,
    level: rule.level,
    kind: rule.kind,
    origin: rule.origin,
    path: rule.path,
    yaml: rule.yaml,
    logsource: writeJson(rule.logsource),
    tags: writeJson(rule.tags),
    enabled: toFlag(rule.enabled),
    problems: writeJson(rule.problems),
    updated_at: rule.updatedAt,
  };
  await db
    .insertInto('detection_rules')
    .values(values)
    .onConflict((oc) =>
      oc.column('rule_id').doUpdateSet({
        title: values.title,
        level: values.level,
        kind: values.kind,
        origin: values.origin,
        path: values.path,
        yaml: values.yaml,
        logsource: values.logsource,
        tags: values.tags,
        problems: values.problems,
        updated_at: values.updated_at,
      }),
    )
    .execute();
}

export async function getRule(db: Kysely<Database>, id: string): Promise<StoredRule | undefined> {
  const row = await db
    .selectFrom('detection_rules')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', id), eb('rule_id', '=', id)]))
    .executeTakeFirst();
  return row === undefined ? undefined : toRule(row);
}

export interface RuleFilters extends PageRequest {
  readonly q?: string;
  readonly origin?: RuleOrigin;
  readonly enabled?: boolean;
  readonly level?: string;
}

export async function listRules(
  db: Kysely<Database>,
  filters: RuleFilters,
): Promise<Page<DetectionRule>> {
  const { limit, offset } = normalizePage(filters);
  let query = db.selectFrom('detection_rules');
  if (filters.q !== undefined && filters.q !== '') {
    const q = filters.q;
    const postgres = isPostgres(db);
    query = query.where((eb) =>
      eb.or([
        containsInsensitive(postgres, eb.ref('title'), q),
        containsInsensitive(postgres, eb.ref('rule_id'), q),
      ]),
    );
  }
  if (filters.origin !== undefined) query = query.where('origin', '=', filters.origin);
  if (filters.enabled !== undefined) query = query.where('enabled', '=', toFlag(filters.enabled));
  if (filters.level !== undefined) query = query.where('level', '=', filters.level);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('title').orderBy('id').limit(limit).offset(offset).execute(),
    query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => withoutText(toRule(row))),
    total: toCount(count.n),
  };
}

/** Every enabled rule's text, for building the detector. */
export async function enabledRuleTexts(
  db: Kysely<Database>,
): Promise<{ ruleId: string; path: string; yaml: string }[]> {
  return db
    .selectFrom('detection_rules')
    .select(['rule_id as ruleId', 'path', 'yaml'])
    .where('enabled', '=', 1)
    .orderBy('rule_id')
    .execute();
}

export async function setRuleEnabled(
  db: Kysely<Database>,
  id: string,
  enabled: boolean,
  at: string,
): Promise<StoredRule | undefined> {
  await db
    .updateTable('detection_rules')
    .set({ enabled: toFlag(enabled), updated_at: at })
    .where((eb) => eb.or([eb('id', '=', id), eb('rule_id', '=', id)]))
    .execute();
  return getRule(db, id);
}
