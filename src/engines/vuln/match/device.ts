/**
 * Matching a device against CSAF products: by model number, else by product name, with the
 * vendor, serial numbers and firmware version checked.
 */
import { explain } from './explain.js';
import { MAX_NAME_LENGTH } from './limits.js';
import { normalizeProduct, vendorsAgree } from './normalize.js';
import { NO_HIT, hitFixedVersion, hitRangeText, ruleHit } from './rule.js';
import { builtCandidate, type MatchCollector } from './select.js';
import type { DeviceTarget, ProductEntry } from './types.js';
import type { IndexView } from './view.js';

const BASE_CONFIDENCE = { 'device-model': 0.85, 'device-name': 0.7 } as const;
/** Confidence lost when the makers cannot be compared (one side names none). */
const VENDOR_UNKNOWN_PENALTY = 0.1;
/** Confidence lost when the firmware version cannot be checked against the product's versions. */
const VERSION_UNKNOWN_PENALTY = 0.2;

/** `*` any run, `?` one character (CSAF serial and model numbers); linear two-pointer match. */
export function globMatches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const ch = pattern[p];
    if (ch === '?' || (ch !== undefined && ch !== '*' && ch === text[t])) {
      p++;
      t++;
    } else if (ch === '*') {
      star = p++;
      resume = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

function serialAllowed(entry: ProductEntry, serial: string | null): boolean {
  if (entry.serialNumbers.length === 0 || serial === null) return true;
  const wanted = serial.trim().toUpperCase().slice(0, MAX_NAME_LENGTH);
  return entry.serialNumbers.some((pattern) =>
    globMatches(pattern.trim().toUpperCase().slice(0, MAX_NAME_LENGTH), wanted),
  );
}

interface VersionVerdict {
  readonly hit: number;
  /** Why the version could not be checked; null when it was. */
  readonly caveat: string | null;
}

function versionVerdict(entry: ProductEntry, firmware: string | null): VersionVerdict | null {
  if (entry.rule === null) {
    return {
      hit: NO_HIT,
      caveat:
        'the advisory states its versions in words Wardline cannot read, so the confidence is lowered',
    };
  }
  if (entry.rule.all) return { hit: ruleHit(entry.rule, firmware), caveat: null };
  if (firmware === null) {
    return { hit: NO_HIT, caveat: 'the firmware version is unknown, so the confidence is lowered' };
  }
  const hit = ruleHit(entry.rule, firmware);
  return hit === NO_HIT ? null : { hit, caveat: null };
}

/** Whether the product can be this device by maker and serial: null when not, else whether the makers were compared. */
function makerCheck(
  entry: ProductEntry,
  target: DeviceTarget,
): { readonly vendorKnown: boolean } | null {
  const productVendor = entry.vendor;
  const deviceVendor = target.vendor;
  const vendorKnown = productVendor !== null && deviceVendor !== null;
  if (vendorKnown && !vendorsAgree(deviceVendor, productVendor)) return null;
  return serialAllowed(entry, target.serial) ? { vendorKnown } : null;
}

/** A vendor's "not affected" or "fixed" is only worth stating when it surely applies. */
function statementStands(entry: ProductEntry, verdict: VersionVerdict): boolean {
  const status = entry.statement.status;
  return verdict.caveat === null || status === 'affected' || status === 'under_investigation';
}

function deviceLabel(target: DeviceTarget): string {
  const model = target.model ?? '';
  return `Device ${target.vendor === null ? model : `${target.vendor} ${model}`} with firmware ${target.firmware ?? 'unknown'}`;
}

function offerDevice(
  view: IndexView,
  entry: ProductEntry,
  kind: 'device-model' | 'device-name',
  target: DeviceTarget,
  out: MatchCollector,
): void {
  const maker = makerCheck(entry, target);
  if (maker === null) return;
  const verdict = versionVerdict(entry, target.firmware);
  if (verdict === null || !statementStands(entry, verdict)) return;
  const rule = entry.rule;
  const range = rule === null || rule.all ? null : hitRangeText(rule, verdict.hit, target.firmware);
  const penalty =
    (maker.vendorKnown ? 0 : VENDOR_UNKNOWN_PENALTY) +
    (verdict.caveat === null ? 0 : VERSION_UNKNOWN_PENALTY);
  out.offer(
    entry.slot,
    builtCandidate({
      advisoryId: view.advisoryId(entry.slot),
      targetRef: target.ref,
      kind,
      confidence: Math.round((BASE_CONFIDENCE[kind] - penalty) * 100) / 100,
      criterion: entry.criterion,
      range,
      fixedVersion: rule === null ? null : hitFixedVersion(rule, verdict.hit),
      ...entry.statement,
      explanation: explain({
        subject: deviceLabel(target),
        rule: `matches the ${kind === 'device-model' ? 'model number' : 'product name'} of ${entry.criterion}`,
        range,
        statement: entry.statement,
        caveat: verdict.caveat,
      }),
    }),
  );
}

export function matchDeviceTarget(
  view: IndexView,
  target: DeviceTarget,
  out: MatchCollector,
): void {
  if (target.model === null) return;
  const key = normalizeProduct(target.model);
  if (key === '') return;
  for (const entry of view.models.get(key) ?? [])
    offerDevice(view, entry, 'device-model', target, out);
  for (const entry of view.productNames.get(key) ?? [])
    offerDevice(view, entry, 'device-name', target, out);
}
