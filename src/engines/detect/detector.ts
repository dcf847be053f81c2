/**
 * The detector: compiled rules and correlations over a stream of classified events. For each event
 * it reports the rules that fired and the correlations a fired rule completed; at the end of input
 * `flush` reports correlations that only closing a window decides (`lt`, `lte`, `eq`).
 *
 * @example
 * const { detector } = createDetector({ rules, correlations });
 * for (const event of events) alerts.push(...detector.process(event));
 * alerts.push(...detector.flush());
 */
import type { Detection, LogEvent } from '../../domain/detection.js';
import { compileRules, type CompiledRule, type CompiledRuleSet } from './compile/index.js';
import { Correlator } from './correlate/index.js';
import { fieldValue } from './fields/index.js';
import type { SigmaCorrelation, SigmaRule } from './sigma/index.js';

export interface DetectorInput {
  readonly rules: readonly SigmaRule[];
  readonly correlations?: readonly SigmaCorrelation[];
  /** Values for `%name%` placeholders that rules expand with `|expand`. */
  readonly placeholders?: ReadonlyMap<string, readonly string[]>;
}

export interface DetectorProblem {
  readonly ruleId: string;
  readonly title: string;
  readonly code: string;
  readonly message: string;
}

export interface Detector {
  readonly ruleSet: CompiledRuleSet;
  process(event: LogEvent): Detection[];
  flush(): Detection[];
}

export function createDetector(input: DetectorInput): {
  detector: Detector;
  problems: DetectorProblem[];
} {
  const { ruleSet, problems } = compileRules(input.rules, { placeholders: input.placeholders });
  const correlations = input.correlations ?? [];
  const correlator = new Correlator(correlations, fieldValue);
  // A rule that only `generate: false` correlations use raises no alert of its own.
  const silenced = correlator.suppressedRules;
  const isSilenced = (rule: CompiledRule): boolean =>
    (rule.id !== undefined && silenced.has(rule.id)) ||
    (rule.name !== undefined && silenced.has(rule.name));

  const detector: Detector = {
    ruleSet,
    process(event) {
      const detections: Detection[] = [];
      for (const rule of matchAllCategories(ruleSet, event)) {
        if (!isSilenced(rule)) {
          detections.push({ ...rule.summary, kind: 'rule', events: [event], time: event.time });
        }
        if (correlations.length > 0) {
          detections.push(...correlator.observe({ ruleId: rule.id, ruleName: rule.name, event }));
        }
      }
      return detections;
    },
    flush: () => correlator.flush(),
  };
  return { detector, problems };
}

/** The rules that fire on an event under its category and each further one it belongs to. */
function matchAllCategories(ruleSet: CompiledRuleSet, event: LogEvent): readonly CompiledRule[] {
  const also = event.logsource.alsoCategories;
  return also === undefined || also.length === 0
    ? ruleSet.match(event)
    : ruleSet.match(event, { alsoCategories: also });
}
