/** Accounts: admins create users with roles, disable them, reset their second factor or password. */
import type { RequestTypeProvider } from './type-provider.js';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/services.js';
import { allow } from '../access.js';
import { actorOf } from '../session-cookie.js';
import {
  DisplayName,
  Email,
  IdParams,
  NoBody,
  PageQuery,
  RoleSchema,
  Strict,
  UserSchema,
  Username,
  pageOf,
} from './schemas.js';

const Roles = Type.Array(RoleSchema, { minItems: 1, maxItems: 5, uniqueItems: true });

export function userRoutes(services: Services) {
  const { users } = services;
  const admin = { access: allow('admin') };

  return (server: FastifyInstance, _options: unknown, done: () => void): void => {
    const app = server.withTypeProvider<RequestTypeProvider>();

    app.get(
      '/users',
      {
        config: admin,
        schema: { querystring: Strict(PageQuery), response: { 200: pageOf(UserSchema) } },
      },
      (request) => users.list(request.query),
    );

    app.post(
      '/users',
      {
        config: admin,
        schema: {
          body: Strict({
            username: Username,
            displayName: DisplayName,
            email: Type.Optional(Email),
            roles: Roles,
          }),
          response: { 200: Type.Object({ user: UserSchema, temporaryPassword: Type.String() }) },
        },
      },
      (request) => users.create(actorOf(request), request.body),
    );

    app.patch(
      '/users/:id',
      {
        config: admin,
        schema: {
          params: IdParams,
          body: Strict({
            displayName: Type.Optional(DisplayName),
            email: Type.Optional(Type.Union([Email, Type.Null()])),
            roles: Type.Optional(Roles),
            disabled: Type.Optional(Type.Boolean()),
          }),
          response: { 200: UserSchema },
        },
      },
      (request) => users.update(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/users/:id/reset-mfa',
      { config: admin, schema: { params: IdParams, body: NoBody, response: { 200: UserSchema } } },
      (request) => users.resetMfa(actorOf(request), request.params.id),
    );

    app.post(
      '/users/:id/unlock',
      { config: admin, schema: { params: IdParams, body: NoBody, response: { 200: UserSchema } } },
      (request) => users.unlock(actorOf(request), request.params.id),
    );

    app.post(
      '/users/:id/reset-password',
      {
        config: admin,
        schema: {
          params: IdParams,
          body: NoBody,
          response: { 200: Type.Object({ temporaryPassword: Type.String() }) },
        },
      },
      (request) => users.resetPassword(actorOf(request), request.params.id),
    );
    done();
  };
}
