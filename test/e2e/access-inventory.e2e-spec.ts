import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ALL_API_KEY_SCOPES, ANONYMOUS_ACCESS, ApiKeyScope, REQUIRED_SCOPE } from '@supportlens/platform';
import { createApiKey, startService } from '@supportlens/testing';
import { AppModule as ClassifierApp } from '../../services/classifier/src/app.module';
import { AppModule as IngestApp } from '../../services/ingest/src/app.module';
import { AppModule as InsightsApp } from '../../services/insights/src/app.module';
import { AppModule as SurveyScoringApp } from '../../services/survey-scoring/src/app.module';

/**
 * The access inventory: every route each application registers, as Express holds them (Nest's
 * controllers and what Express serves itself, such as the OpenAPI document), is called
 *   - without a credential → 401 problem+json, except the probes listed in ANONYMOUS_ROUTES;
 *   - with a key holding every scope but the one the route names → 403 problem+json;
 *   - with a key holding only that scope → neither 401 nor 403;
 *   - and, for routes that take a body, one over the body limit → 413 problem+json.
 * Routes are found, not listed, so a route added later without a scope fails here (a route that
 * names no scope is refused to every key, which the third call catches).
 */
const APPS: Array<[string, Type<unknown>]> = [
  ['ingest', IngestApp],
  ['classifier', ClassifierApp],
  ['survey-scoring', SurveyScoringApp],
  ['insights', InsightsApp],
];

/** Over HTTP_BODY_LIMIT (1 MB by default): every route that takes a body must refuse it with 413. */
const OVERSIZED_BODY = JSON.stringify({ padding: 'x'.repeat(1_100_000) });

/** The only routes anyone may call: what an orchestrator probes. */
const ANONYMOUS_ROUTES = ['GET /health/live', 'GET /health/ready'];

interface RegisteredRoute {
  method: string;
  path: string;
  /** The scope the Nest handler names; undefined for routes Express serves itself. */
  scope: ApiKeyScope | undefined;
  anonymous: boolean;
}

describe('access inventory: no route answers without the right credential', () => {
  const started: INestApplication[] = [];
  const keys = new Map<string, string>();

  beforeAll(async () => {
    const databaseUrl = process.env.DATABASE_URL!;
    for (const scope of ALL_API_KEY_SCOPES) {
      keys.set(`only ${scope}`, (await createApiKey(databaseUrl, `inventory only ${scope}`, [scope])).key);
      const others = ALL_API_KEY_SCOPES.filter((other) => other !== scope);
      keys.set(
        `all but ${scope}`,
        (await createApiKey(databaseUrl, `inventory all but ${scope}`, others)).key,
      );
    }
  }, 60_000);

  afterAll(async () => {
    for (const app of started.reverse()) await app.close();
  });

  it.each(APPS)(
    '%s',
    async (name, module) => {
      const { app, url } = await startService(module);
      started.push(app);
      const routes = registeredRoutes(app);
      expect(routes.length).toBeGreaterThan(3);

      const problems: string[] = [];
      for (const route of routes) {
        const label = `${route.method} ${route.path}`;
        const target = `${url}${concrete(route.path)}`;
        const anonymous = await call(route.method, target);
        if (ANONYMOUS_ROUTES.includes(label)) {
          if (!route.anonymous) problems.push(`${label}: listed as anonymous but not marked @AllowAnonymous`);
          continue;
        }
        if (anonymous.status !== 401 || !anonymous.problem) {
          problems.push(`${label}: anonymous call answered ${anonymous.status}, expected 401 problem+json`);
        }
        const invalid = await call(route.method, target, 'slk_' + 'A'.repeat(43));
        if (invalid.status !== 401)
          problems.push(`${label}: unknown key answered ${invalid.status}, expected 401`);
        if (route.scope === undefined) {
          // Served by Express itself (the API description): any live key, whatever its scopes.
          const withKey = await call(route.method, target, keys.get('only metrics:read')!);
          if (withKey.status === 401 || withKey.status === 403) {
            problems.push(`${label}: a live key answered ${withKey.status}`);
          }
          continue;
        }
        const wrongScope = await call(route.method, target, keys.get(`all but ${route.scope}`)!);
        if (wrongScope.status !== 403 || !wrongScope.problem) {
          problems.push(`${label}: key without ${route.scope} answered ${wrongScope.status}, expected 403`);
        }
        const rightScope = await call(route.method, target, keys.get(`only ${route.scope}`)!);
        if (rightScope.status === 401 || rightScope.status === 403) {
          problems.push(`${label}: key with only ${route.scope} answered ${rightScope.status}`);
        }
        if (route.method !== 'GET') {
          const oversized = await call(
            route.method,
            target,
            keys.get(`only ${route.scope}`)!,
            OVERSIZED_BODY,
          );
          if (oversized.status !== 413 || !oversized.problem) {
            problems.push(
              `${label}: a body over the limit answered ${oversized.status}, expected 413 problem+json`,
            );
          }
        }
      }
      for (const probe of ANONYMOUS_ROUTES) {
        if (!routes.some((route) => `${route.method} ${route.path}` === probe))
          problems.push(`${probe}: not registered`);
      }
      expect({ app: name, problems }).toEqual({ app: name, problems: [] });
    },
    120_000,
  );
});

/** Every route in the Express router, with the scope metadata of the Nest handler behind it. */
function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const nestRoutes = nestHandlers(app);
  const express = app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  const routes: RegisteredRoute[] = [];
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    const path = String(layer.route.path);
    // Nest's catch-all answers unknown paths with 404; it serves nothing.
    if (path.includes('*')) continue;
    for (const method of Object.keys(layer.route.methods)) {
      if (method === '_all') continue;
      const upper = method.toUpperCase();
      const nest = nestRoutes.get(`${upper} ${path}`);
      routes.push({ method: upper, path, scope: nest?.scope, anonymous: nest?.anonymous ?? false });
    }
  }
  return routes;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Nest's routes and their metadata, keyed like Express's (`GET /v1/customers/:id`). */
function nestHandlers(
  app: INestApplication,
): Map<string, { scope: ApiKeyScope | undefined; anonymous: boolean }> {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const handlers = new Map<string, { scope: ApiKeyScope | undefined; anonymous: boolean }>();
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
    if (!controller) continue;
    const prototype = controller.prototype as Record<string, object>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const scope =
        Reflect.getMetadata(REQUIRED_SCOPE, handler) ?? Reflect.getMetadata(REQUIRED_SCOPE, controller);
      const anonymous =
        (Reflect.getMetadata(ANONYMOUS_ACCESS, handler) ??
          Reflect.getMetadata(ANONYMOUS_ACCESS, controller)) !== undefined;
      for (const base of pathsOf(controller)) {
        for (const sub of pathsOf(handler)) {
          const path = `/${base}/${sub}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
          handlers.set(`${RequestMethod[method]} ${path}`, { scope, anonymous });
        }
      }
    }
  }
  return handlers;
}

function pathsOf(target: object): string[] {
  const path = Reflect.getMetadata(PATH_METADATA, target) as string | string[] | undefined;
  return Array.isArray(path) ? path : [path ?? '/'];
}

/** A callable path: every `:param` filled in. */
function concrete(path: string): string {
  return path.replace(/:[A-Za-z0-9_]+/g, 'inventory-probe');
}

async function call(
  method: string,
  url: string,
  key?: string,
  body = '{}',
): Promise<{ status: number; problem: boolean }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch(url, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : body,
  });
  await response.arrayBuffer();
  return {
    status: response.status,
    problem: (response.headers.get('content-type') ?? '').startsWith('application/problem+json'),
  };
}
