/** Host names as events carry them. */
import type { EventValue } from '../../../domain/detection.js';
import { MAX_HOST_CHARS } from './limits.js';

/** A plausible host name: text without spaces or control characters, within the cap; `-` is none. */
export function hostName(value: EventValue | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_HOST_CHARS || trimmed === '-') return undefined;
  // eslint-disable-next-line no-control-regex
  return /[\s\u0000-\u001f\u007f]/.test(trimmed) ? undefined : trimmed;
}
