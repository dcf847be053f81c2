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
import { ANY_ROLE } from '../../domain/roles.js';
import type { Services } from '../../services/services.js';
import { allow } from '../access.js';
import { Id, IdParams, PageQuery, Strict, literals, pageOf } from './schemas.js';

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
const Counts = Type.Record(Type.String(), Type.Integer());

export function inventoryRoutes(services: Services) {
  const { inventory } = services;
  const anyone = { access: allow(...ANY_ROLE) };

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
          }),
          response: { 200: pageOf(AssetSummarySchema) },
        },
      },
      (request) => inventory.listAssets(request.query),
    );

    app.get(
      '/assets/:id',
      { config: anyone, schema: { params: IdParams, response: { 200: AssetSchema } } },
      (request) => inventory.getAsset(request.params.id),
    );
    done();
  };
}
