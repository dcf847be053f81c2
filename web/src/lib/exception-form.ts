/** The exception register's create form: what it holds and how it becomes the API's request. */
import type { ExceptionCreate, ExceptionKind } from '../api/vuln-types';
import { isIsoDate, splitLines } from './finding-events';

export interface ExceptionFormValues {
  readonly assetId: string | null;
  readonly vulnId: string;
  readonly kind: ExceptionKind;
  readonly reason: string;
  /** One control per line. */
  readonly controls: string;
  readonly until: string;
}

export const EMPTY_EXCEPTION_FORM: ExceptionFormValues = {
  assetId: null,
  vulnId: '',
  kind: 'risk_accepted',
  reason: '',
  controls: '',
  until: '',
};

export type ExceptionFormProblems = Partial<Record<keyof ExceptionFormValues, string>>;

const VULN_ID = /^[A-Za-z0-9._:#-]{3,128}$/;

function checkControls(controls: readonly string[], kind: ExceptionKind): string | undefined {
  if (kind === 'mitigated' && controls.length === 0)
    return 'A mitigation names the compensating controls, one per line.';
  if (controls.length > 20) return 'At most 20 controls.';
  if (controls.some((c) => c.length > 500)) return 'Each control at most 500 characters.';
  return undefined;
}

/** The request, or the problems per field. `today` is `YYYY-MM-DD` (UTC). */
export function prepareException(
  values: ExceptionFormValues,
  today: string,
): { request: ExceptionCreate } | { problems: ExceptionFormProblems } {
  const vulnId = values.vulnId.trim();
  const reason = values.reason.trim();
  const until = values.until.trim();
  const controls = splitLines(values.controls);
  const problems: ExceptionFormProblems = {
    assetId: values.assetId === null || values.assetId === '' ? 'Choose the asset.' : undefined,
    vulnId:
      vulnId !== '' && !VULN_ID.test(vulnId)
        ? 'A vulnerability id such as CVE-2024-1234, or empty for every finding.'
        : undefined,
    reason:
      reason === ''
        ? 'Say why the exception is needed.'
        : reason.length > 2000
          ? 'At most 2,000 characters.'
          : undefined,
    controls: checkControls(controls, values.kind),
    until: !isIsoDate(until)
      ? 'The date it ends, YYYY-MM-DD.'
      : until <= today
        ? 'A date after today.'
        : undefined,
  };
  if (Object.values(problems).some(Boolean) || values.assetId === null) {
    return { problems };
  }
  return {
    request: {
      assetId: values.assetId,
      vulnId: vulnId === '' ? null : vulnId,
      kind: values.kind,
      reason,
      controls,
      until,
    },
  };
}
