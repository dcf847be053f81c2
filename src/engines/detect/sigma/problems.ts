/** Collects the problems of one YAML document, each placed at the document's start. */
import type { DiagnosticSeverity } from '../../../domain/diagnostic.js';
import type { RuleProblem, SigmaProblemCode } from './types.js';

export class ProblemSink {
  readonly problems: RuleProblem[] = [];
  ruleId: string | undefined;
  private errorCount = 0;

  constructor(
    private readonly source: string,
    private readonly offset: number,
    private readonly line: number,
  ) {}

  /** Records a problem; an `error` rejects the document it belongs to. */
  add(
    code: SigmaProblemCode,
    message: string,
    field?: string,
    severity: DiagnosticSeverity = 'error',
  ): void {
    if (severity === 'error') this.errorCount += 1;
    this.problems.push({
      source: this.source,
      offset: this.offset,
      line: this.line,
      code,
      severity,
      message: this.ruleId === undefined ? message : `rule ${this.ruleId}: ${message}`,
      ...(this.ruleId === undefined ? {} : { ruleId: this.ruleId }),
      ...(field === undefined ? {} : { field }),
    });
  }

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }
}
