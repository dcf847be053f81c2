/** Compile problems as values: a rule that cannot compile throws this inside the compiler only. */
import type { CompileProblemCode } from './types.js';

export class RuleCompileError extends Error {
  constructor(
    readonly code: CompileProblemCode,
    message: string,
  ) {
    super(message);
  }
}
