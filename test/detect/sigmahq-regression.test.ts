/**
 * SigmaHQ's regression data: for every `regression_data/**\/info.yml`, the rule it names (by
 * `rule_metadata[].id`, found in `rules*`) must fire on the events in the JSON files beside it
 * (evtx-json shape), each classified by content with `classifyEvent`. Read in place from
 * ../shared/data/sigmahq-sigma; SKIPPED when absent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { EventData, LogEvent } from '../../src/domain/detection.js';
import { compileRules } from '../../src/engines/detect/compile/index.js';
import { classifyEvent } from '../../src/engines/detect/logsource/index.js';
import {
  filesUnder,
  jsonDocuments,
  loadRules,
  ruleFiles,
  SIGMAHQ_ROOT,
  sigmahqPresent,
} from './sigmahq-files.js';

interface Case {
  readonly info: string;
  readonly ruleId: string;
  readonly events: readonly string[];
}

function cases(): Case[] {
  return filesUnder(join(SIGMAHQ_ROOT, 'regression_data'), 'info.yml').flatMap((info) => {
    const meta = parse(readFileSync(info, 'utf8')) as { rule_metadata?: { id?: string }[] };
    const folder = dirname(info);
    const events = readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .map((name) => join(folder, name));
    return (meta.rule_metadata ?? []).flatMap((entry) =>
      entry.id === undefined ? [] : [{ info, ruleId: entry.id, events }],
    );
  });
}

function eventOf(data: EventData): { event: LogEvent; also: readonly string[] } {
  const found = classifyEvent(data);
  return {
    event: { time: found.time ?? '', shape: found.shape, logsource: found.logsource, data },
    also: found.alsoCategories ?? [],
  };
}

describe.skipIf(!sigmahqPresent)('SigmaHQ regression data', () => {
  it('fires every rule on its own regression events', { timeout: 120_000 }, () => {
    const all = cases();
    const wanted = new Set(all.map((one) => one.ruleId));
    const loaded = loadRules(ruleFiles(), wanted);
    const { ruleSet, problems } = compileRules(loaded.map((item) => item.rule));
    const failures: string[] = [];
    let pairs = 0;
    for (const one of all) {
      const where = relative(SIGMAHQ_ROOT, one.info);
      if (!ruleSet.rules.some((rule) => rule.id === one.ruleId)) {
        const problem = problems.find((item) => item.ruleId === one.ruleId);
        failures.push(
          `${where}: rule ${one.ruleId} ${problem ? `not compiled: ${problem.message}` : 'not found in rules*'}`,
        );
        continue;
      }
      for (const file of one.events) {
        pairs += 1;
        const events = jsonDocuments(readFileSync(file, 'utf8')) as EventData[];
        const fired = events.some((data) => {
          const { event, also } = eventOf(data);
          return ruleSet
            .match(event, { alsoCategories: also })
            .some((rule) => rule.id === one.ruleId);
        });
        if (!fired) {
          const first = events[0] === undefined ? undefined : eventOf(events[0]);
          failures.push(
            `${where}: rule ${one.ruleId} did not fire on ${events.length} event(s), classified ${JSON.stringify(first?.event.logsource)} also ${JSON.stringify(first?.also)}`,
          );
        }
      }
    }
    console.log(
      `SigmaHQ regression: ${pairs - failures.length}/${pairs} rule/event-file pairs fire` +
        (failures.length > 0 ? `; not firing:\n${failures.join('\n')}` : ''),
    );
    expect(all.length).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });
});

describe.skipIf(sigmahqPresent)(
  'SigmaHQ regression data (SKIPPED: ../shared/data/sigmahq-sigma is absent)',
  () => {
    it('has no data to read', () => {
      expect(sigmahqPresent).toBe(false);
    });
  },
);
