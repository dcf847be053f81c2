/**
 * Vulnerability management use cases: matching (after a feed import, after an inventory import, or
 * all at once), the vulnerability and finding lists, a vulnerability's detail, status changes with
 * their history, the exception register, the patch policy and the SLA dashboard.
 */
import { WardlineError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import type { Page } from '../../domain/page.js';
import {
  isActiveFindingStatus,
  vulnIdOf,
  SSVC_DECISIONS,
  type Advisory,
  type ExceptionKind,
  type Finding,
  type FindingStatus,
  type VulnException,
} from '../../domain/vulnerability.js';
import { DEFAULT_PATCH_POLICY, type PatchPolicy } from '../../engines/vuln/priority/index.js';
import * as exceptionRepo from '../../store/exception-repo.js';
import { advisoriesForVuln, enrichmentFor } from '../../store/feed-repo.js';
import * as findingRepo from '../../store/finding-repo.js';
import { getSetting, setSetting } from '../../store/settings-repo.js';
import {
  listVulnerabilities,
  type VulnerabilityQuery,
  type VulnerabilitySummary,
} from '../../store/vulnerability-repo.js';
import type { AuditService } from '../audit-service.js';
import { auditedBy, type Actor, type ServiceContext } from '../context.js';
import type { FeedChange } from '../feeds/feed-service.js';
import { AdvisoryIndex } from '../../engines/vuln/match/index.js';
import { createAdvisoryCache } from './advisory-cache.js';
import { exportFindings, type ExportFile, type ExportRequest } from './exports.js';
import type { AdvisorySource } from './sbom-match.js';
import { buildDashboard, type SlaDashboard } from './dashboard.js';
import { runMatching, type MatchRunCounts } from './match-run.js';
import {
  notificationSettings,
  notifyNewFindings,
  saveNotificationSettings,
  type NotificationSettings,
} from './notify.js';
import { checkStatusChange, type StatusChange } from './status-change.js';

const POLICY_KEY = 'vuln.patch-policy';

export interface VulnerabilityDetail {
  readonly vulnId: string;
  readonly title: string | null;
  readonly advisories: readonly Advisory[];
  readonly kev: {
    readonly dateAdded: string;
    readonly dueDate: string;
    readonly ransomware: boolean;
    readonly requiredAction: string;
  } | null;
  readonly epss: { readonly epss: number; readonly percentile: number } | null;
  readonly findings: readonly Finding[];
}

export type VulnService = ReturnType<typeof createVulnService>;

export function createVulnService(ctx: ServiceContext, audit: AuditService) {
  const { db, clock } = ctx;
  const cache = createAdvisoryCache(db);
  const nowIso = () => clock().toISOString();

  async function policy(): Promise<PatchPolicy> {
    const stored = await getSetting(db, POLICY_KEY);
    if (stored === undefined || stored === null || typeof stored !== 'object') {
      return DEFAULT_PATCH_POLICY;
    }
    return { ...DEFAULT_PATCH_POLICY, ...(stored as Partial<PatchPolicy>) };
  }

  async function rematchAll(): Promise<MatchRunCounts> {
    return runMatching(
      db,
      await cache.current(),
      { assetIds: null, vulnIds: null },
      {
        now: clock(),
        policy: await policy(),
      },
    );
  }

  async function getFindingOrThrow(id: string): Promise<Finding> {
    const found = await findingRepo.getFinding(db, id, nowIso());
    if (found === undefined) throw new WardlineError('WL_NOT_FOUND', `No finding ${id}.`);
    return found;
  }

  return {
    /** After a feed import: match the new advisories everywhere; re-rank when KEV or EPSS moved. */
    async onFeedChange(change: FeedChange): Promise<MatchRunCounts | null> {
      const set = await cache.added(change.advisories);
      let counts: MatchRunCounts | null = null;
      if (change.enrichmentChanged) {
        counts = await rematchAll();
      } else if (change.advisories.length > 0) {
        const vulnIds = new Set(change.advisories.map(vulnIdOf));
        // Only the advisories about these vulnerabilities (every source's, so a finding another
        // source made is not mistaken for fixed) need asking: a small index, not the whole one.
        const scoped = AdvisoryIndex.build([...vulnIds].flatMap((v) => set.byVuln.get(v) ?? []));
        counts = await runMatching(
          db,
          { ...set, index: scoped },
          { assetIds: null, vulnIds },
          { now: clock(), policy: await policy() },
        );
      }
      await notifyNewFindings(db, audit, counts, clock());
      return counts;
    },

    notificationSettings: () => notificationSettings(db),

    setNotificationSettings: (actor: Actor, settings: NotificationSettings) =>
      saveNotificationSettings(db, audit, actor, settings, clock()),

    /** After an inventory import: these assets' software or firmware may have changed. */
    async rematchAssets(assetIds: readonly string[]): Promise<MatchRunCounts | null> {
      if (assetIds.length === 0) return null;
      return runMatching(
        db,
        await cache.current(),
        { assetIds, vulnIds: null },
        {
          now: clock(),
          policy: await policy(),
        },
      );
    },

    rematchAll,

    listVulnerabilities: (query: VulnerabilityQuery): Promise<Page<VulnerabilitySummary>> =>
      listVulnerabilities(db, query, nowIso()),

    listFindings: (query: findingRepo.FindingQuery): Promise<Page<Finding>> =>
      findingRepo.listFindings(db, query, nowIso()),

    getFinding: getFindingOrThrow,

    findingHistory: async (id: string) => {
      await getFindingOrThrow(id);
      return findingRepo.findingEvents(db, id);
    },

    async getVulnerability(vulnId: string): Promise<VulnerabilityDetail> {
      const advisories = await advisoriesForVuln(db, vulnId);
      const findings = await findingRepo.listFindings(db, { vulnId, limit: 500 }, nowIso());
      if (advisories.length === 0 && findings.total === 0) {
        throw new WardlineError('WL_NOT_FOUND', `No vulnerability ${vulnId}.`);
      }
      const { kev, epss } = await enrichmentFor(db, [vulnId]);
      const kevFacts = kev.get(vulnId);
      return {
        vulnId,
        title: findings.items[0]?.title ?? advisories.find((a) => a.title !== null)?.title ?? null,
        advisories,
        kev:
          kevFacts === undefined
            ? null
            : {
                dateAdded: kevFacts.dateAdded,
                dueDate: kevFacts.dueDate,
                ransomware: kevFacts.ransomware,
                requiredAction: kevFacts.requiredAction,
              },
        epss: epss.get(vulnId) ?? null,
        findings: findings.items,
      };
    },

    /**
     * A person moves a finding along its lifecycle; the change and its reason are kept. Mitigating
     * or accepting the risk records an exception for this finding (controls, expiry), so the
     * register shows it and the finding opens again when it runs out.
     */
    async changeStatus(actor: Actor, id: string, change: StatusChange): Promise<Finding> {
      const finding = await getFindingOrThrow(id);
      const next = checkStatusChange(finding.status, change);
      if (change.event === 'mitigate' || change.event === 'accept_risk') {
        await this.createException(actor, {
          assetId: finding.assetId,
          vulnId: finding.vulnId,
          kind: change.event === 'mitigate' ? 'mitigated' : 'risk_accepted',
          reason:
            change.note ??
            (change.event === 'mitigate' ? 'Compensating controls in place.' : 'Risk accepted.'),
          controls: change.controls ?? [],
          until: change.until ?? defaultReviewDate(clock(), change.event),
        });
        return getFindingOrThrow(id);
      }
      const now = nowIso();
      await audit.recordChange(
        (trx) =>
          findingRepo.recordStatus(trx, {
            id,
            status: next,
            note: change.note ?? null,
            riskAcceptedUntil: null,
            closedAt: isActiveFindingStatus(next) ? null : now,
            vex:
              next === 'not_affected'
                ? {
                    advisory: 'person',
                    justification: change.justification ?? null,
                    statement: change.note ?? null,
                  }
                : undefined,
            event: {
              id: newId('findingEvent'),
              findingId: id,
              at: now,
              actor: actor.name,
              from: finding.status,
              to: next,
              note: change.note ?? null,
            },
          }),
        () => ({
          ...auditedBy(actor),
          action: 'finding.status',
          targetType: 'finding',
          targetId: id,
          details: {
            from: finding.status,
            to: next,
            vulnId: finding.vulnId,
            assetId: finding.assetId,
          },
        }),
      );
      return getFindingOrThrow(id);
    },

    listExceptions: (filter: { assetId?: string } = {}): Promise<VulnException[]> =>
      exceptionRepo.listExceptions(db, filter, nowIso()),

    /** Records an exception and applies it to the open findings it covers. */
    async createException(
      actor: Actor,
      input: {
        readonly assetId: string;
        readonly vulnId: string | null;
        readonly kind: ExceptionKind;
        readonly reason: string;
        readonly controls: readonly string[];
        readonly until: string;
      },
    ): Promise<VulnException> {
      const now = nowIso();
      validateException(input, now);
      const until = endOfDay(input.until);
      const id = newId('vulnException');
      await audit.recordChange(
        (trx) =>
          exceptionRepo.insertException(trx, {
            ...input,
            until,
            id,
            createdBy: actor.name,
            createdAt: now,
          }),
        () => ({
          ...auditedBy(actor),
          action: 'vuln.exception.create',
          targetType: 'vuln_exception',
          targetId: id,
          details: {
            assetId: input.assetId,
            vulnId: input.vulnId,
            kind: input.kind,
            until: input.until,
          },
        }),
      );
      await runMatching(
        db,
        await cache.current(),
        { assetIds: [input.assetId], vulnIds: null },
        { now: clock(), policy: await policy(), actor: actor.name },
      );
      const [created] = await exceptionRepo.listExceptions(db, { id }, now);
      if (created === undefined)
        throw new WardlineError('WL_INTERNAL', `Exception ${id} vanished.`);
      return created;
    },

    async revokeException(actor: Actor, id: string): Promise<void> {
      const [found] = await exceptionRepo.listExceptions(db, { id }, nowIso());
      if (found === undefined) throw new WardlineError('WL_NOT_FOUND', `No exception ${id}.`);
      await audit.recordChange(
        (trx) => exceptionRepo.revokeException(trx, id, nowIso()),
        () => ({
          ...auditedBy(actor),
          action: 'vuln.exception.revoke',
          targetType: 'vuln_exception',
          targetId: id,
          details: { assetId: found.assetId, vulnId: found.vulnId },
        }),
      );
      await reopenExpired([found.assetId], actor.name);
    },

    /** Findings whose exception ran out (or was revoked) go back to open. */
    reopenExpired: () => reopenExpired(null, null),

    patchPolicy: policy,

    async setPatchPolicy(actor: Actor, next: PatchPolicy): Promise<PatchPolicy> {
      for (const decision of SSVC_DECISIONS) {
        const hours = next[decision];
        if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 3650) {
          throw new WardlineError(
            'WL_REQUEST_INVALID',
            `The ${decision} deadline must be 1 hour to 10 years.`,
          );
        }
      }
      await audit.recordChange(
        (trx) => setSetting(trx, POLICY_KEY, next, nowIso()),
        () => ({
          ...auditedBy(actor),
          action: 'vuln.patch-policy',
          targetType: 'settings',
          targetId: POLICY_KEY,
          details: { ...next },
        }),
      );
      await rematchAll();
      return next;
    },

    /** Findings written out as CycloneDX VEX/VDR, CSAF VEX or CSV, for a device model or the fleet. */
    exportFindings: (request: ExportRequest): Promise<ExportFile> =>
      exportFindings(db, request, clock()),

    /** The stored advisories with KEV and EPSS, for matching an SBOM outside the inventory. */
    async advisorySource(): Promise<AdvisorySource> {
      const set = await cache.current();
      const kev = new Map(
        (await db.selectFrom('kev_entries').select(['cve_id', 'ransomware']).execute()).map(
          (row) => [row.cve_id, { ransomware: row.ransomware === 1 }],
        ),
      );
      const epss = new Map(
        (await db.selectFrom('epss_scores').select(['cve_id', 'epss']).execute()).map((row) => [
          row.cve_id,
          row.epss,
        ]),
      );
      return {
        index: set.index,
        advisoriesOf: (vulnId) => set.byVuln.get(vulnId) ?? [],
        advisoryById: (id) => set.byId.get(id)?.[0],
        kev: (id) => kev.get(id) ?? null,
        epss: (id) => epss.get(id) ?? null,
      };
    },

    dashboard: async (): Promise<SlaDashboard> => {
      await reopenExpired(null, null);
      return buildDashboard(db, clock());
    },
  };

  async function reopenExpired(
    assetIds: readonly string[] | null,
    actor: string | null,
  ): Promise<void> {
    const now = nowIso();
    const states = await findingRepo.loadFindingStates(db, assetIds);
    const active = await exceptionRepo.activeExceptions(db, now);
    const covered = (f: findingRepo.FindingState) =>
      active.some((e) => e.assetId === f.assetId && (e.vulnId === null || e.vulnId === f.vulnId));
    for (const state of states) {
      if ((state.status !== 'risk_accepted' && state.status !== 'mitigated') || covered(state))
        continue;
      const to: FindingStatus = 'open';
      await findingRepo.recordStatus(db, {
        id: state.id,
        status: to,
        note: 'The exception that covered it expired or was revoked.',
        riskAcceptedUntil: null,
        closedAt: null,
        event: {
          id: newId('findingEvent'),
          findingId: state.id,
          at: now,
          actor,
          from: state.status,
          to,
          note: 'The exception that covered it expired or was revoked.',
        },
      });
    }
  }
}

/** Days a mitigation holds before someone must look at it again, when no date is given. */
const MITIGATION_REVIEW_DAYS = 90;

function defaultReviewDate(now: Date, event: StatusChange['event']): string {
  // Accepting a risk without saying until when is refused; a mitigation is reviewed in 90 days.
  if (event !== 'mitigate') return '';
  return new Date(now.getTime() + MITIGATION_REVIEW_DAYS * 86_400_000).toISOString();
}

/** A date alone (`2027-03-31`) holds through the end of that day, UTC. */
function endOfDay(until: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(until)
    ? `${until}T23:59:59.999Z`
    : new Date(until).toISOString();
}

function validateException(
  input: {
    readonly kind: ExceptionKind;
    readonly reason: string;
    readonly controls: readonly string[];
    readonly until: string;
  },
  now: string,
): void {
  const problem =
    input.reason.trim() === ''
      ? 'An exception needs a reason.'
      : input.kind === 'mitigated' && input.controls.every((c) => c.trim() === '')
        ? 'A mitigation needs at least one compensating control.'
        : Number.isNaN(Date.parse(input.until)) || input.until <= now
          ? 'An exception needs an expiry in the future.'
          : null;
  if (problem !== null) throw new WardlineError('WL_VULN_EXCEPTION_INVALID', problem);
}
