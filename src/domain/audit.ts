/** One line of the tamper-evident audit log. `hash` covers every other field and `prevHash`. */
export interface AuditEntry {
  readonly seq: number;
  readonly id: string;
  readonly at: string;
  readonly actorId: string | null;
  readonly actorName: string;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly outcome: 'success' | 'failure';
  readonly ip: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly prevHash: string;
  readonly hash: string;
}

/** What a caller supplies; sequence, id, time and hashes are the log's to assign. */
export type AuditEvent = Pick<AuditEntry, 'actorName' | 'action' | 'outcome'> &
  Partial<Pick<AuditEntry, 'actorId' | 'targetType' | 'targetId' | 'ip' | 'details'>>;
