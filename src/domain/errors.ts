/**
 * The one error type Wardline raises, and the catalog of its stable codes.
 *
 * Every code is `WL_<AREA>_<CONDITION>`. The API shows `{ error: { code, message } }` with the
 * catalog's HTTP status; the CLI prints `code: message` and exits non-zero. `docs/errors.md` lists
 * the same codes and a test keeps the two in sync.
 */

interface CatalogEntry {
  readonly status: number;
  readonly description: string;
}

export const ERROR_CATALOG = {
  WL_INTERNAL: { status: 500, description: 'An unexpected failure inside Wardline.' },
  WL_REQUEST_INVALID: {
    status: 400,
    description: 'The request body, query or parameters do not match the route schema.',
  },
  WL_REQUEST_MALFORMED: { status: 400, description: 'The request body is not well-formed JSON.' },
  WL_REQUEST_TOO_LARGE: { status: 413, description: 'The request body exceeds the size limit.' },
  WL_REQUEST_UNSUPPORTED_MEDIA: {
    status: 415,
    description: 'The request body has a content type the route does not accept.',
  },
  WL_REQUEST_POISONED: {
    status: 400,
    description: 'The request carries a `__proto__` or `constructor` key.',
  },
  WL_NOT_FOUND: { status: 404, description: 'No such route or record.' },
  WL_CONFLICT: { status: 409, description: 'The record already exists or changed meanwhile.' },
  WL_RATE_LIMITED: { status: 429, description: 'Too many requests; try again later.' },
  WL_AUTH_REQUIRED: { status: 401, description: 'The route needs a signed-in session.' },
  WL_AUTH_INVALID_CREDENTIALS: {
    status: 401,
    description: 'The user name, password or second factor is wrong.',
  },
  WL_AUTH_LOCKED: {
    status: 423,
    description: 'The account is locked after repeated failed sign-ins; it unlocks by itself.',
  },
  WL_AUTH_DISABLED: { status: 403, description: 'The account is disabled.' },
  WL_AUTH_MFA_REQUIRED: {
    status: 401,
    description: 'The session has passed the password step but not the second factor.',
  },
  WL_AUTH_ENROLLMENT_REQUIRED: {
    status: 403,
    description: 'The account must enroll a second factor before it can do anything else.',
  },
  WL_AUTH_FORBIDDEN: { status: 403, description: "The user's roles do not allow this action." },
  WL_AUTH_PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    description: 'The password was set by an administrator; the user must choose their own first.',
  },
  WL_AUTH_CSRF: {
    status: 403,
    description: 'A state-changing request lacks the session CSRF token.',
  },
  WL_AUTH_PASSWORD_WEAK: {
    status: 400,
    description: 'The password is shorter than 12 characters or is a common password.',
  },
  WL_AUTH_WEBAUTHN_FAILED: {
    status: 400,
    description: 'The passkey response could not be verified.',
  },
  WL_BOOTSTRAP_CLOSED: {
    status: 409,
    description: 'An administrator already exists; the bootstrap token is spent.',
  },
  WL_BOOTSTRAP_TOKEN_INVALID: {
    status: 401,
    description: 'The bootstrap token is wrong or has expired.',
  },
  WL_CONFIG_INVALID: { status: 500, description: 'The configuration has invalid values.' },
  WL_STORE_MIGRATION_FAILED: { status: 500, description: 'A database migration failed.' },
  WL_STORE_UNAVAILABLE: { status: 503, description: 'The database cannot be reached.' },
  WL_KEYS_INVALID_MASTER: {
    status: 500,
    description: 'The master key is malformed or cannot unwrap the data key.',
  },
  WL_KEYS_FILE_INSECURE: {
    status: 500,
    description:
      'The master key file can be read or written by other users; Wardline refuses it until its mode is 0600.',
  },
  WL_KEYS_DECRYPT_FAILED: {
    status: 500,
    description: 'A sealed value failed authentication; it was altered or the key is wrong.',
  },
  WL_AUDIT_CHAIN_BROKEN: {
    status: 500,
    description: 'The audit log hash chain does not verify; an entry was altered or removed.',
  },
  WL_CLI_USAGE: { status: 400, description: 'The command line is incomplete or contradictory.' },
  WL_JOB_CANCELLED: { status: 409, description: 'The job was cancelled before it finished.' },
  WL_IMPORT_UNREADABLE: {
    status: 422,
    description: 'The imported file is not in the declared format, or nothing in it could be read.',
  },
  WL_IMPORT_UNKNOWN_FORMAT: {
    status: 400,
    description: 'The file format could not be recognized; name it explicitly.',
  },
  WL_DEMO_FAILED: { status: 500, description: 'The demo hospital could not be loaded.' },
  WL_NMAP_UNREADABLE: {
    status: 422,
    description: 'The input is not XML, or its root element is not an Nmap `nmaprun`.',
  },
  WL_NMAP_XML_MALFORMED: {
    status: 422,
    description:
      'The Nmap XML breaks a well-formedness rule at the given line; the host around it is skipped.',
  },
  WL_NMAP_HOST_INVALID: {
    status: 422,
    description:
      'An Nmap `host` element lacks a required part or has a malformed value; it is skipped.',
  },
  WL_NMAP_TRUNCATED: {
    status: 422,
    description:
      'The Nmap XML ends before `</nmaprun>`; the complete hosts before the cut are kept.',
  },
  WL_NMAP_DTD_IGNORED: {
    status: 422,
    description:
      'The Nmap XML declares a DTD subset or entities; Wardline never loads or expands them.',
  },
  WL_NMAP_LIMIT_EXCEEDED: {
    status: 422,
    description:
      'The Nmap XML exceeds a size, depth or count limit; parsing stops and earlier hosts are kept.',
  },
  WL_OPENVAS_UNREADABLE: {
    status: 422,
    description:
      'The input is not XML, its root is not a GMP `report` or `get_reports_response`, or the report is a non-XML export.',
  },
  WL_NESSUS_UNREADABLE: {
    status: 422,
    description: 'The input is not XML, or its root element is not `NessusClientData_v2`.',
  },
  WL_PCAP_UNREADABLE: {
    status: 422,
    description:
      'The capture is neither pcap nor pcapng (wrong magic bytes), its file header is cut short, or the stream cannot be read.',
  },
  WL_SBOM_UNREADABLE: {
    status: 422,
    description:
      'The input is not a CycloneDX (JSON or XML) or SPDX 2.x (JSON or tag-value) document, or the stream cannot be read.',
  },
  WL_CYCLONEDX_UNREADABLE: {
    status: 422,
    description:
      'The input is not a CycloneDX document: not a JSON object, not XML, or its root is not a CycloneDX `bom`.',
  },
  WL_SPDX_UNREADABLE: {
    status: 422,
    description:
      'The input is not an SPDX 2.x document: not a JSON object, no tag-value lines, or SPDX 3 JSON-LD.',
  },
  WL_INVENTORY_UNREADABLE: {
    status: 422,
    description:
      'The device inventory export is empty, binary (an Excel workbook, a PDF), has no CSV header, is JSON that is neither an array nor a `result`/`records` wrapper, or the stream cannot be read.',
  },
  WL_INVENTORY_MAPPING_INVALID: {
    status: 400,
    description:
      'The inventory column mapping names an unknown Wardline field, maps two fields to one column, or has an unknown option or value.',
  },
  WL_FEED_UNAVAILABLE: {
    status: 502,
    description:
      'A feed could not be fetched: the server answered with an error, the body exceeds its cap, or the network failed after retries. The previous snapshot stays in force.',
  },
  WL_FEED_UNREADABLE: {
    status: 422,
    description:
      'A feed file is not one Wardline reads (KEV, EPSS, NVD, CVE JSON 5, OSV, CSAF), or nothing in it could be read.',
  },
  WL_FINDING_TRANSITION: {
    status: 409,
    description:
      'The finding cannot move to that status from where it is, or the change lacks what it needs (a compensating control, an expiry date).',
  },
  WL_VULN_EXCEPTION_INVALID: {
    status: 400,
    description:
      'An exception needs a reason, at least one compensating control for a mitigation, and an expiry in the future.',
  },
  WL_ALERT_TRANSITION: {
    status: 409,
    description: 'The alert cannot move to that status from where it is.',
  },
  WL_SUPPRESSION_INVALID: {
    status: 400,
    description:
      'A suppression needs a reason, an end in the future, and a rule, host or asset to cover.',
  },
  WL_RULE_INVALID: {
    status: 400,
    description:
      'The Sigma rule text could not be read or compiled; the problems name each rule and the reason.',
  },
  WL_INGEST_TOKEN_INVALID: {
    status: 401,
    description: 'The ingest request carries no source token, or one no enabled source holds.',
  },
  WL_LOG_UNREADABLE: {
    status: 422,
    description: 'The log file is of no kind Wardline reads, or could not be opened.',
  },
} as const satisfies Record<string, CatalogEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export class WardlineError extends Error {
  override readonly name = 'WardlineError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.status = ERROR_CATALOG[code].status;
    this.details = options.details;
  }
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CATALOG, value);
}

/** Turns any thrown value into a WardlineError, keeping the original as `cause`. */
export function toWardlineError(thrown: unknown): WardlineError {
  if (thrown instanceof WardlineError) return thrown;
  return new WardlineError('WL_INTERNAL', 'An unexpected error occurred.', { cause: thrown });
}
