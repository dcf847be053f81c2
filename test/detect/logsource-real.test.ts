/**
 * Every event of SigmaHQ's regression data (../shared/data/sigmahq-sigma/regression_data, read in
 * place) classified by content alone must land in the log source of the rule its info.yml names:
 * each attribute the rule's logsource gives must match (category through `alsoCategories` too).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';
import type { EventData, LogSource } from '../../src/domain/detection.js';
import { classifyEvent } from '../../src/engines/detect/logsource/index.js';
import type { EventClassification } from '../../src/engines/detect/logsource/index.js';

const ROOT = new URL('../../../shared/data/sigmahq-sigma/', import.meta.url).pathname;
const REGRESSION = join(ROOT, 'regression_data');
const present = existsSync(REGRESSION);

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (keep(name)) out.push(path);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** The JSON values of a file holding one or several concatenated objects. */
function jsonObjects(textIn: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < textIn.length; i += 1) {
    const char = textIn[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') {
      if (depth === 0) start = i;
      depth += 1;
    } else if (char === '}') {
      depth -= 1;
      if (depth === 0) out.push(JSON.parse(textIn.slice(start, i + 1)));
    }
  }
  return out;
}

/** Rule id → logsource, for the ids asked for (files holding none of them are not parsed). */
function ruleLogsources(ids: ReadonlySet<string>): Map<string, LogSource> {
  const found = new Map<string, LogSource>();
  const folders = readdirSync(ROOT).filter((name) => name.startsWith('rules'));
  for (const folder of folders) {
    for (const path of filesUnder(join(ROOT, folder), (name) => name.endsWith('.yml'))) {
      const content = readFileSync(path, 'utf8');
      if (![...ids].some((id) => content.includes(id))) continue;
      for (const doc of parseAllDocuments(content)) {
        const rule = doc.toJS() as { id?: string; logsource?: LogSource } | null;
        if (rule?.id !== undefined && rule.logsource !== undefined && ids.has(rule.id)) {
          found.set(rule.id, rule.logsource);
        }
      }
    }
  }
  return found;
}

function selects(rule: LogSource, event: EventClassification): boolean {
  const { logsource, alsoCategories = [] } = event;
  if (rule.product !== undefined && rule.product !== logsource.product) return false;
  if (rule.service !== undefined && rule.service !== logsource.service) return false;
  if (rule.category === undefined) return true;
  return rule.category === logsource.category || alsoCategories.includes(rule.category);
}

describe.skipIf(!present)('SigmaHQ regression data: log source by content', () => {
  it('classifies every regression event into its rule’s log source', { timeout: 120_000 }, () => {
    const infos = filesUnder(REGRESSION, (name) => name === 'info.yml');
    const cases = infos.map((info) => {
      const meta = parse(readFileSync(info, 'utf8')) as { rule_metadata: { id: string }[] };
      const ruleId = meta.rule_metadata[0]?.id ?? '';
      return { ruleId, events: filesUnder(dirname(info), (name) => name.endsWith('.json')) };
    });
    const logsources = ruleLogsources(new Set(cases.map((item) => item.ruleId)));
    let events = 0;
    const misses: string[] = [];
    for (const { ruleId, events: files } of cases) {
      const rule = logsources.get(ruleId);
      if (rule === undefined) continue;
      for (const file of files) {
        for (const data of jsonObjects(readFileSync(file, 'utf8'))) {
          events += 1;
          const found = classifyEvent(data as EventData);
          expect(found.time, file).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
          if (!selects(rule, found)) {
            misses.push(
              `${file}: rule ${JSON.stringify(rule)} got ${JSON.stringify(found.logsource)}`,
            );
          }
        }
      }
    }
    console.log(
      `SigmaHQ regression data: ${events} events from ${cases.length} tests, ${logsources.size} rules found, ${misses.length} misses`,
    );
    expect(logsources.size).toBeGreaterThan(cases.length * 0.9);
    expect(events).toBeGreaterThan(100);
    expect(misses).toEqual([]);
  });
});

const SAMPLES = new URL('../../../shared/data/evtx-samples-jsonl/', import.meta.url).pathname;
const samplesPresent = existsSync(SAMPLES);

describe.skipIf(!samplesPresent)(
  'EVTX sample records (evtx-samples-jsonl): Windows by content',
  () => {
    it('reads every record as Windows with its time and computer', { timeout: 120_000 }, () => {
      let records = 0;
      let withService = 0;
      const sysmonCategories = new Set<string>();
      for (const file of filesUnder(SAMPLES, (name) => name.endsWith('.jsonl'))) {
        for (const line of readFileSync(file, 'utf8').split('\n')) {
          if (line.trim() === '') continue;
          const found = classifyEvent(JSON.parse(line) as EventData);
          records += 1;
          expect(found.shape).toBe('evtx-json');
          expect(found.logsource.product).toBe('windows');
          expect(found.time, file).toBeDefined();
          expect(found.host, file).toBeDefined();
          if (found.logsource.service !== undefined) withService += 1;
          if (found.logsource.service === 'sysmon' && found.logsource.category !== undefined) {
            sysmonCategories.add(found.logsource.category);
          }
        }
      }
      console.log(
        `EVTX samples: ${records} records, ${withService} with a service, Sysmon categories: ${[...sysmonCategories].sort().join(' ')}`,
      );
      expect(records).toBeGreaterThan(1000);
      expect(withService / records).toBeGreaterThan(0.9);
    });
  },
);

describe.skipIf(present)(
  'SigmaHQ regression data (SKIPPED: ../shared/data/sigmahq-sigma is absent)',
  () => {
    it('has no data to read', () => {
      expect(present).toBe(false);
    });
  },
);
