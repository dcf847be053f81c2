/**
 * Findings: the lifecycle table, what a rescan changed, and whether an exception still holds.
 * Pure: no I/O, time is an argument.
 */
export {
  transition,
  isLifecycleError,
  LIFECYCLE,
  LIFECYCLE_ERROR_CODES,
  type LifecycleError,
  type LifecycleErrorCode,
  type LifecycleEvent,
  type LifecycleEventKind,
} from './lifecycle.js';
export {
  diffMatches,
  findingKey,
  type MatchDiff,
  type RecordedFinding,
  type ScannedMatch,
} from './diff.js';
export {
  exceptionState,
  exceptionEnd,
  type ExceptionState,
  type ExceptionTerms,
} from './exceptions.js';
export { MAX_CONTROL_LENGTH, MAX_EXCEPTION_CONTROLS } from './limits.js';
