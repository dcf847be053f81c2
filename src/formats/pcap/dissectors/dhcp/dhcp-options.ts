/**
 * Walks the DHCP options (RFC 2132): the options field, then `file` and `sname` when option 52
 * overloads them (RFC 2132 §9.3, in that order per RFC 2131 §4.1), joining repeated instances of
 * one code into one value (RFC 3396). Pad (0) is skipped; End (255) closes an area.
 */
import type { DhcpDiagnosticCode } from './diagnostics.js';
import { DHCP_LIMITS } from './limits.js';

/** Option codes the dissector reads (RFC 2132, RFC 4702). */
export const DHCP_OPTION = {
  PAD: 0,
  HOST_NAME: 12,
  REQUESTED_IP: 50,
  OVERLOAD: 52,
  MESSAGE_TYPE: 53,
  PARAMETER_REQUEST_LIST: 55,
  VENDOR_CLASS: 60,
  CLIENT_ID: 61,
  CLIENT_FQDN: 81,
  END: 255,
} as const;

/** Where the areas sit in a BOOTP message (RFC 951 / RFC 2131 §2). */
export const DHCP_LAYOUT = {
  sname: [44, 108],
  file: [108, 236],
  cookie: 236,
  options: 240,
} as const;

/** An option that could not be read whole. */
export interface OptionProblem {
  readonly code: DhcpDiagnosticCode;
  readonly message: string;
}

/** Options by code (repeated instances joined) and the problems met. */
export interface OptionsRead {
  readonly options: ReadonlyMap<number, Uint8Array>;
  readonly problems: readonly OptionProblem[];
}

interface Walk {
  readonly payload: Uint8Array;
  readonly chunks: Map<number, Uint8Array[]>;
  readonly sizes: Map<number, number>;
  readonly problems: OptionProblem[];
  count: number;
}

/** Reads every option area of a message whose magic cookie has been checked. */
export function readDhcpOptions(payload: Uint8Array): OptionsRead {
  const walk: Walk = {
    payload,
    chunks: new Map(),
    sizes: new Map(),
    problems: [],
    count: 0,
  };
  walkArea(walk, DHCP_LAYOUT.options, payload.length, 'options');
  const overload = walk.chunks.get(DHCP_OPTION.OVERLOAD)?.[0]?.[0] ?? 0;
  if ((overload & 1) !== 0) walkArea(walk, DHCP_LAYOUT.file[0], DHCP_LAYOUT.file[1], 'file');
  if ((overload & 2) !== 0) walkArea(walk, DHCP_LAYOUT.sname[0], DHCP_LAYOUT.sname[1], 'sname');
  const options = new Map<number, Uint8Array>();
  for (const [code, parts] of walk.chunks) options.set(code, joinParts(parts));
  return { options, problems: walk.problems };
}

function walkArea(walk: Walk, start: number, end: number, area: string): void {
  const { payload } = walk;
  let at = start;
  while (at < end) {
    const code = payload[at] ?? DHCP_OPTION.END;
    if (code === DHCP_OPTION.END) return;
    if (code === DHCP_OPTION.PAD) {
      at++;
      continue;
    }
    const length = payload[at + 1];
    if (length === undefined || at + 2 + length > end) {
      walk.problems.push({
        code: 'WL_DHCP_OPTION_INVALID',
        message: `option ${code} runs past the end of the ${area} area; the rest of it is ignored.`,
      });
      return;
    }
    if (++walk.count > DHCP_LIMITS.maxOptions) {
      walk.problems.push({
        code: 'WL_DHCP_LIMIT_EXCEEDED',
        message: `more than ${DHCP_LIMITS.maxOptions} options; the rest are ignored.`,
      });
      return;
    }
    keep(walk, code, payload.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
}

function keep(walk: Walk, code: number, value: Uint8Array): void {
  const size = walk.sizes.get(code) ?? 0;
  const room = DHCP_LIMITS.maxOptionBytes - size;
  if (value.length > room) {
    walk.problems.push({
      code: 'WL_DHCP_LIMIT_EXCEEDED',
      message: `option ${code} is longer than ${DHCP_LIMITS.maxOptionBytes} bytes; cut there.`,
    });
  }
  const part = value.subarray(0, Math.max(0, room));
  if (part.length === 0 && size > 0) return;
  walk.sizes.set(code, size + part.length);
  const parts = walk.chunks.get(code);
  if (parts === undefined) walk.chunks.set(code, [part]);
  else parts.push(part);
}

function joinParts(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] ?? new Uint8Array(0);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
