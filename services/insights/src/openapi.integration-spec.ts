import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { startService, withApiKey } from '@supportlens/testing';
import { getMetadataStorage } from 'class-validator';
import { AppModule } from './app.module';

interface Operation {
  parameters?: Array<{ name: string; in: string; description?: string; schema?: Record<string, unknown> }>;
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
}
type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, Operation>> };

/** A route as the app serves it: method and OpenAPI-style path (`/v1/customers/{id}`). */
interface Route {
  method: string;
  path: string;
  /** The query parameters the handler reads: the properties of its `@Query()` DTO and each `@Query('name')`. */
  query: string[];
}

/** The document's own routes, and Nest's catch-all (`/{*path}`, the 404 of unknown routes). */
const servesAnEndpoint = (path: string) => !/^\/docs(\/|$)/.test(path) && !path.includes('*');

/**
 * The routes of every controller, from Nest's own metadata (the paths and methods `@Controller` and
 * `@Get`… record, and the `@Query` parameters of each handler).
 */
function routesOf(app: INestApplication): Route[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const routes: Route[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
    if (!controller) continue;
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
        string,
        { index: number; data?: unknown }
      >;
      const parameterTypes = (Reflect.getMetadata('design:paramtypes', prototype, name) ?? []) as unknown[];
      const query = Object.entries(args)
        .filter(([key]) => key.split(':')[0] === String(RouteParamtypes.QUERY))
        .flatMap(([, arg]) =>
          typeof arg.data === 'string'
            ? [arg.data]
            : dtoProperties(parameterTypes[arg.index] as DtoClass | undefined),
        );
      for (const base of pathsOf(controller)) {
        for (const sub of pathsOf(handler)) {
          routes.push({ method: RequestMethod[method].toLowerCase(), path: openApiPath(base, sub), query });
        }
      }
    }
  }
  return routes;
}

function pathsOf(target: object): string[] {
  const path = Reflect.getMetadata(PATH_METADATA, target) as string | string[] | undefined;
  return Array.isArray(path) ? path : [path ?? '/'];
}

function openApiPath(...parts: string[]): string {
  const path = `/${parts.join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** The properties class-validator checks on a DTO, inherited ones included. */
type DtoClass = abstract new (...args: never[]) => unknown;

function dtoProperties(dto: DtoClass | undefined): string[] {
  if (!dto || (dto as unknown) === Object) return [];
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(
    dto as new () => unknown,
    '',
    true,
    false,
  );
  return [...new Set(metadatas.map((metadata) => metadata.propertyName))];
}

/** The routes Express actually has (Express 5: `router`; 4: `_router`), without the document's own. */
function expressRoutes(app: INestApplication): Array<{ method: string; path: string }> {
  const express = app.getHttpAdapter().getInstance() as {
    router?: { stack: ExpressLayer[] };
    _router?: { stack: ExpressLayer[] };
  };
  const stack = (express.router ?? express._router)?.stack ?? [];
  return stack.flatMap((layer) =>
    layer.route && typeof layer.route.path === 'string' && servesAnEndpoint(layer.route.path)
      ? Object.keys(layer.route.methods)
          .filter((method) => method !== '_all')
          .map((method) => ({ method, path: openApiPath(layer.route!.path as string) }))
      : [],
  );
}
interface ExpressLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
}

const key = (route: { method: string; path: string }) => `${route.method.toUpperCase()} ${route.path}`;

describe('the insights OpenAPI document', () => {
  let app: INestApplication;
  let url: string;
  let document: OpenApiDocument;
  let routes: Route[];

  beforeAll(async () => {
    ({ app, url } = await startService(AppModule));
    const response = await fetch(`${url}/docs/openapi.json`, withApiKey());
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenApiDocument;
    routes = routesOf(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  const operation = (method: string, path: string): Operation => {
    const found = document.paths[path]?.[method];
    if (!found) throw new Error(`${method.toUpperCase()} ${path} is not in the document`);
    return found;
  };
  const queryParameters = (method: string, path: string) =>
    (operation(method, path).parameters ?? []).filter((parameter) => parameter.in === 'query');

  it('finds the same routes in Nest’s metadata as in Express', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.map(key).sort()).toEqual(expressRoutes(app).map(key).sort());
    expect(routes.map(key)).toEqual(
      expect.arrayContaining([
        'GET /v1/customers/{id}',
        'GET /v1/insights/churn-risk',
        'GET /v1/metrics/service',
        'GET /v1/metrics/drivers',
      ]),
    );
  });

  it('documents every route the app serves, with its method, and nothing it does not serve', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => key({ method, path })),
    );
    expect(documented.sort()).toEqual(routes.map(key).sort());
  });

  it('documents every query parameter each route reads, with a description', () => {
    const missing: string[] = [];
    const undescribed: string[] = [];
    for (const route of routes) {
      const parameters = queryParameters(route.method, route.path);
      for (const name of route.query) {
        const parameter = parameters.find((p) => p.name === name);
        if (!parameter) missing.push(`${key(route)} ?${name}`);
        else if (!parameter.description?.trim()) undescribed.push(`${key(route)} ?${name}`);
      }
    }
    expect(missing).toEqual([]);
    expect(undescribed).toEqual([]);
  });

  it('files every API operation under a tag', () => {
    const untagged = routes
      .filter((route) => route.path.startsWith('/v1/'))
      .filter((route) => !(operation(route.method, route.path) as { tags?: string[] }).tags?.length)
      .map(key);
    expect(untagged).toEqual([]);
  });

  const SEGMENTS = ['industry', 'plan', 'region', 'companySize', 'role'].map((a) => `segment.${a}`);
  const FILTERS = ['period', 'from', 'to', 'issueCode', 'minScore', ...SEGMENTS];
  const LISTS: Record<string, string[]> = {
    '/v1/insights/content-topics': ['limit', 'cursor', 'sort', 'status', ...FILTERS],
    '/v1/metrics/service/cases': ['limit', 'cursor', 'from', 'to', 'issueCode', ...SEGMENTS],
    '/v1/insights/persona-signals': ['limit', 'cursor', 'sort', 'status', ...FILTERS],
    '/v1/insights/case-study-candidates': ['limit', 'cursor', 'sort', ...FILTERS],
    '/v1/insights/churn-risk': ['limit', 'cursor', 'sort', 'status', ...FILTERS],
  };

  it.each(Object.entries(LISTS))('documents paging and the filters of %s', (path, expected) => {
    const names = queryParameters('get', path).map((parameter) => parameter.name);
    expect(names).toEqual(expect.arrayContaining(expected));
  });

  it('documents the churn-risk list fully: enums, bounds and the CSV columns', () => {
    const parameters = Object.fromEntries(
      queryParameters('get', '/v1/insights/churn-risk').map((parameter) => [parameter.name, parameter]),
    );
    expect(parameters.sort.schema).toMatchObject({ enum: ['score', 'recent'] });
    expect(parameters.status.schema).toMatchObject({ enum: ['open', 'all'] });
    expect(parameters.period.schema).toMatchObject({ enum: ['day', 'week', 'month', 'quarter', 'year'] });
    expect(parameters.minScore.schema).toMatchObject({ minimum: 0, maximum: 100 });
    expect(parameters.limit.schema).toMatchObject({ minimum: 1, maximum: 1000 });
    const ok = operation('get', '/v1/insights/churn-risk').responses!['200'] as {
      content: Record<string, { schema: { description?: string } }>;
    };
    expect(Object.keys(ok.content)).toEqual(['application/json', 'text/csv']);
    expect(ok.content['text/csv'].schema.description).toContain('customer_id, score, top_reasons');
  });

  it('documents the customer id and the 404 of the customer view', () => {
    const customer = operation('get', '/v1/customers/{id}');
    expect(customer.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path', required: true })]),
    );
    expect(Object.keys(customer.responses ?? {})).toEqual(expect.arrayContaining(['200', '404']));
  });

  it('serves the UI as HTML at /docs, and the document as YAML', async () => {
    const ui = await fetch(`${url}/docs`, withApiKey());
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await ui.text()).toMatch(/swagger-ui/i);
    const yaml = await fetch(`${url}/docs/openapi.yaml`, withApiKey());
    expect(yaml.status).toBe(200);
    expect(await yaml.text()).toMatch(/^openapi: 3\./m);
  });
});
