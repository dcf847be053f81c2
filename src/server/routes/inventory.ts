/** Inventory reads: the overview, sites, zones and the asset list and detail. */
import type { RequestTypeProvider } from './type-provider.js';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  ASSET_CATEGORIES,
  IDENTIFIER_KINDS,
  PATIENT_SAFETY_IMPACTS,
  ZONE_KINDS,
} from '../../domain/inventory.js';
import { APPLICATION_PROTOCOLS, OBSERVATION_SOURCE_KINDS } from '../../domain/observation.js';
import { ANY_ROLE, type Role } from '../../domain/roles.js';
import { OVERRIDABLE_FACTS } from '../../services/asset-edits.js';
import type { Services } from '../../services/services.js';
import { allow } from '../access.js';
import { actorOf } from '../session-cookie.js';
import {
  Id,
  IdParams,
  IsoTime,
  NoBody,
  Ok,
  PageQuery,
  Strict,
  literals,
  pageOf,
} from './schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const SiteSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  code: Type.String(),
  address: Nullable(Type.String()),
});
const ZoneSchema = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  name: Type.String(),
  kind: literals(ZONE_KINDS),
  cidrs: Type.Array(Type.String()),
  vlan: Nullable(Type.Integer()),
  description: Nullable(Type.String()),
});
const AssetSummarySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  category: literals(ASSET_CATEGORIES),
  vendor: Nullable(Type.String()),
  model: Nullable(Type.String()),
  zoneId: Nullable(Type.String()),
  zoneName: Nullable(Type.String()),
  siteId: Nullable(Type.String()),
  patientSafety: literals(PATIENT_SAFETY_IMPACTS),
  holdsEphi: Type.Boolean(),
  lastSeen: Type.String(),
  ip: Nullable(Type.String()),
  mac: Nullable(Type.String()),
});
const AssetSchema = Type.Object({
  id: Type.String(),
  siteId: Nullable(Type.String()),
  zoneId: Nullable(Type.String()),
  name: Type.String(),
  category: literals(ASSET_CATEGORIES),
  vendor: Nullable(Type.String()),
  model: Nullable(Type.String()),
  os: Nullable(Type.String()),
  serial: Nullable(Type.String()),
  firmware: Nullable(Type.String()),
  location: Nullable(Type.String()),
  owner: Nullable(Type.String()),
  classification: Type.Object({
    confidence: Type.Number(),
    reasons: Type.Array(Type.String()),
  }),
  criticality: Type.Object({
    patientSafety: literals(PATIENT_SAFETY_IMPACTS),
    holdsEphi: Type.Boolean(),
    overridden: Type.Boolean(),
  }),
  firstSeen: Type.String(),
  lastSeen: Type.String(),
  identifiers: Type.Array(
    Type.Object({
      kind: literals(IDENTIFIER_KINDS),
      value: Type.String(),
      source: Type.String(),
      firstSeen: Type.String(),
      lastSeen: Type.String(),
    }),
  ),
});
const Source = Type.Object({ kind: literals(OBSERVATION_SOURCE_KINDS), name: Type.String() });
const AssetDetailSchema = Type.Composite([
  AssetSchema,
  Type.Object({
    facts: Type.Array(
      Type.Object({
        field: Type.String(),
        value: Type.Unknown(),
        source: Source,
        importId: Nullable(Type.String()),
        observedAt: Type.String(),
        overridden: Type.Boolean(),
      }),
    ),
    services: Type.Array(
      Type.Object({
        transport: Type.String(),
        port: Type.Integer(),
        name: Nullable(Type.String()),
        product: Nullable(Type.String()),
        version: Nullable(Type.String()),
        cpes: Type.Array(Type.String()),
        tls: Type.Boolean(),
        source: Source,
        firstSeen: Type.String(),
        lastSeen: Type.String(),
      }),
    ),
    software: Type.Array(
      Type.Object({
        kind: Type.String(),
        name: Type.String(),
        version: Nullable(Type.String()),
        supplier: Nullable(Type.String()),
        purl: Nullable(Type.String()),
        cpe: Nullable(Type.String()),
        endOfSupport: Nullable(Type.String()),
        source: Source,
        firstSeen: Type.String(),
        lastSeen: Type.String(),
      }),
    ),
    scanFindings: Type.Array(
      Type.Object({
        scannerId: Type.String(),
        title: Type.String(),
        severity: Nullable(Type.Number()),
        cves: Type.Array(Type.String()),
        port: Type.String(),
        source: Source,
        firstSeen: Type.String(),
        lastSeen: Type.String(),
      }),
    ),
    protocols: Type.Unknown(),
    sources: Type.Array(
      Type.Object({ kind: literals(OBSERVATION_SOURCE_KINDS), lastSeen: Type.String() }),
    ),
    sboms: Type.Array(
      Type.Object({
        id: Type.String(),
        attachedTo: literals(['asset', 'model']),
        format: Type.String(),
        specVersion: Nullable(Type.String()),
        name: Nullable(Type.String()),
        version: Nullable(Type.String()),
        supplier: Nullable(Type.String()),
        endOfSupport: Nullable(Type.String()),
        components: Type.Integer(),
        createdAt: Type.String(),
      }),
    ),
  }),
]);
const CommunicationSchema = Type.Object({
  id: Type.String(),
  clientIp: Type.String(),
  serverIp: Type.String(),
  serverPort: Type.Integer(),
  transport: Type.String(),
  protocol: Type.String(),
  clientAssetId: Nullable(Type.String()),
  serverAssetId: Nullable(Type.String()),
  packets: Type.Integer(),
  bytes: Type.Integer(),
  encrypted: Type.Boolean(),
  carriesEphi: Type.Boolean(),
  firstSeen: Type.String(),
  lastSeen: Type.String(),
});
const MapNodeSchema = Type.Object({
  id: Type.String(),
  assetId: Nullable(Type.String()),
  label: Type.String(),
  category: Nullable(Type.String()),
  zoneId: Nullable(Type.String()),
  zoneName: Nullable(Type.String()),
  patientSafety: Nullable(Type.String()),
});
const ProvenanceSchema = Type.Object({
  field: Type.String(),
  value: Type.Unknown(),
  source: Source,
  importId: Nullable(Type.String()),
  observedAt: Type.String(),
});
const Cidr = Type.String({ minLength: 3, maxLength: 64, pattern: '^[0-9a-fA-F:.]+/[0-9]{1,3}$' });
const ZoneFields = {
  name: Type.String({ minLength: 1, maxLength: 128 }),
  kind: literals(ZONE_KINDS),
  cidrs: Type.Array(Cidr, { maxItems: 256 }),
  vlan: Nullable(Type.Integer({ minimum: 1, maximum: 4094 })),
  description: Nullable(Type.String({ maxLength: 1000 })),
};
const ShortText = Type.String({ minLength: 1, maxLength: 256 });
const Counts = Type.Record(Type.String(), Type.Integer());

/** Who may correct assets and edit zones. */
export const INVENTORY_EDITORS: readonly Role[] = [
  'admin',
  'security-analyst',
  'clinical-engineer',
];

export function inventoryRoutes(services: Services) {
  const { inventory } = services;
  const anyone = { access: allow(...ANY_ROLE) };
  const editors = { access: allow(...INVENTORY_EDITORS) };

  return (server: FastifyInstance, _options: unknown, done: () => void): void => {
    const app = server.withTypeProvider<RequestTypeProvider>();

    app.get(
      '/overview',
      {
        config: anyone,
        schema: {
          response: {
            200: Type.Object({
              organization: Type.String(),
              sites: Type.Integer(),
              zones: Type.Integer(),
              assets: Type.Integer(),
              assetsByCategory: Counts,
              assetsByZoneKind: Counts,
            }),
          },
        },
      },
      () => inventory.overview(),
    );

    app.get('/sites', { config: anyone, schema: { response: { 200: pageOf(SiteSchema) } } }, () =>
      inventory.listSites(),
    );

    app.get(
      '/zones',
      {
        config: anyone,
        schema: {
          querystring: Strict({ siteId: Type.Optional(Id) }),
          response: { 200: pageOf(ZoneSchema) },
        },
      },
      (request) => inventory.listZones(request.query.siteId),
    );

    app.get(
      '/assets',
      {
        config: anyone,
        schema: {
          querystring: Strict({
            ...PageQuery,
            sort: Type.Optional(literals(['name', 'category', 'lastSeen', 'criticality'])),
            order: Type.Optional(literals(['asc', 'desc'])),
            q: Type.Optional(Type.String({ maxLength: 128 })),
            zoneId: Type.Optional(Id),
            category: Type.Optional(literals(ASSET_CATEGORIES)),
            criticality: Type.Optional(literals(PATIENT_SAFETY_IMPACTS)),
            source: Type.Optional(literals(OBSERVATION_SOURCE_KINDS)),
            seenSince: Type.Optional(IsoTime),
          }),
          response: { 200: pageOf(AssetSummarySchema) },
        },
      },
      (request) => inventory.listAssets(request.query),
    );

    app.get(
      '/assets/:id',
      { config: anyone, schema: { params: IdParams, response: { 200: AssetDetailSchema } } },
      (request) => inventory.getAssetDetail(request.params.id),
    );

    app.patch(
      '/assets/:id',
      {
        config: editors,
        schema: {
          params: IdParams,
          body: Strict({
            set: Strict({
              name: Type.Optional(ShortText),
              category: Type.Optional(literals(ASSET_CATEGORIES)),
              patientSafety: Type.Optional(literals(PATIENT_SAFETY_IMPACTS)),
              holdsEphi: Type.Optional(Type.Boolean()),
              location: Type.Optional(ShortText),
              owner: Type.Optional(ShortText),
            }),
            clear: Type.Array(literals(OVERRIDABLE_FACTS), { maxItems: 6 }),
          }),
          response: { 200: AssetDetailSchema },
        },
      },
      (request) => inventory.editAsset(actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/assets/:id/provenance',
      {
        config: anyone,
        schema: {
          params: IdParams,
          querystring: Strict(PageQuery),
          response: { 200: pageOf(ProvenanceSchema) },
        },
      },
      (request) => inventory.assetProvenance(request.params.id, request.query),
    );

    app.get(
      '/assets/:id/communications',
      {
        config: anyone,
        schema: { params: IdParams, response: { 200: Type.Array(CommunicationSchema) } },
      },
      (request) => inventory.assetCommunications(request.params.id),
    );

    app.get(
      '/map',
      {
        config: anyone,
        schema: {
          querystring: Strict({
            zoneId: Type.Optional(Id),
            protocol: Type.Optional(literals(APPLICATION_PROTOCOLS)),
          }),
          response: {
            200: Type.Object({
              nodes: Type.Array(MapNodeSchema),
              edges: Type.Array(CommunicationSchema),
            }),
          },
        },
      },
      (request) => inventory.communicationMap(request.query),
    );

    app.post(
      '/zones',
      {
        config: editors,
        schema: { body: Strict({ siteId: Id, ...ZoneFields }), response: { 200: ZoneSchema } },
      },
      (request) => inventory.createZone(actorOf(request), request.body),
    );

    app.patch(
      '/zones/:id',
      {
        config: editors,
        schema: {
          params: IdParams,
          body: Type.Partial(Strict(ZoneFields)),
          response: { 200: ZoneSchema },
        },
      },
      (request) => inventory.updateZone(actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/zones/:id',
      { config: editors, schema: { params: IdParams, body: NoBody, response: { 200: Ok } } },
      async (request) => {
        await inventory.deleteZone(actorOf(request), request.params.id);
        return { ok: true as const };
      },
    );
    done();
  };
}
