import { Body, Controller, Get, INestApplication, Module, Param, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import request from 'supertest';
import { configureHttpApp } from './bootstrap/configure-http-app';
import { BaseServiceConfig } from './config/base-service.config';
import { ConfigValidationError } from './config/config-validation.error';
import { ReadinessRegistry } from './health/readiness-registry';
import { ServiceUnavailableProblemException } from './http/service-unavailable-problem.exception';
import { MetricsService } from './metrics/metrics.service';
import { PlatformModule } from './platform.module';
import { SERVICE_NAME } from './service-name.token';

class DemoConfig extends BaseServiceConfig {
  override PORT = 3999;
}

class CustomerDto {
  @IsEmail()
  email: string;
}

class CreateCaseDto {
  @IsString()
  subject: string;

  @IsInt()
  @Min(1)
  priority: number;

  @ValidateNested()
  @Type(() => CustomerDto)
  customer: CustomerDto;
}

@Controller('cases')
class CasesController {
  @Post()
  create(@Body() body: CreateCaseDto): { accepted: CreateCaseDto; isDto: boolean } {
    return { accepted: body, isDto: body instanceof CreateCaseDto };
  }

  @Get('broken')
  broken(): never {
    throw new Error('connection to 10.0.0.5 refused: password hunter2');
  }

  @Get('unavailable')
  unavailable(): never {
    throw new ServiceUnavailableProblemException('Kafka is unreachable.', { retryAfterSeconds: 5 });
  }

  @Get(':id')
  findOne(@Param('id') id: string): { id: string } {
    return { id };
  }
}

async function createApp(configValues: Record<string, string> = {}): Promise<INestApplication> {
  @Module({
    imports: [
      PlatformModule.forRoot({
        serviceName: 'demo',
        config: DemoConfig,
        configValues: { LOG_LEVEL: 'silent', HTTP_BODY_LIMIT: '1kb', ...configValues },
      }),
    ],
    controllers: [CasesController],
  })
  class DemoAppModule {}

  const moduleRef = await Test.createTestingModule({ imports: [DemoAppModule] }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false });
  configureHttpApp(app, { shutdownHooks: false });
  await app.init();
  return app;
}

const validCase = { subject: 'Refund', priority: 2, customer: { email: 'ana@example.com' } };

describe('PlatformModule', () => {
  let app: INestApplication;

  beforeEach(async () => {
    app = await createApp();
  });

  afterEach(async () => {
    await app.close();
  });

  describe('config', () => {
    it('provides the loaded config under its class and BaseServiceConfig, and the service name', () => {
      const config = app.get(DemoConfig);

      expect(config).toBeInstanceOf(DemoConfig);
      expect(app.get(BaseServiceConfig)).toBe(config);
      expect(config.PORT).toBe(3999);
      expect(config.HTTP_BODY_LIMIT).toBe('1kb');
      expect(config.KAFKA_CLIENT_ID).toBe('demo');
      expect(app.get(SERVICE_NAME)).toBe('demo');
    });

    it('fails to start with every bad variable listed', async () => {
      await expect(createApp({ PORT: 'abc', KAFKA_BROKERS: 'x' })).rejects.toThrow(ConfigValidationError);
      await expect(createApp({ PORT: 'abc', KAFKA_BROKERS: 'x' })).rejects.toThrow(
        'Invalid configuration:\n  - KAFKA_BROKERS: "x" is not a host:port list (example: 127.0.0.1:9092)\n  - PORT: "abc"',
      );
    });
  });

  describe('OpenAPI', () => {
    it('describes the routes of the app at /docs/openapi.json and serves the UI at /docs', async () => {
      const response = await request(app.getHttpServer()).get('/docs/openapi.json').expect(200);

      expect(response.body.openapi).toMatch(/^3\./);
      expect(response.body.info.title).toBe('SupportLens demo');
      expect(Object.keys(response.body.paths)).toEqual(
        expect.arrayContaining(['/cases', '/cases/{id}', '/health/ready']),
      );
      await request(app.getHttpServer()).get('/docs').expect(200).expect('Content-Type', /html/);
    });
  });

  describe('health', () => {
    it('answers /health/live with 200', async () => {
      await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
    });

    it('answers /health/ready with 200 when every check is up', async () => {
      const readiness = app.get(ReadinessRegistry);
      readiness.register('kafka', async () => undefined);
      readiness.register('postgres', async () => undefined);

      const response = await request(app.getHttpServer()).get('/health/ready').expect(200);

      expect(response.body).toEqual({
        status: 'ok',
        checks: { kafka: { status: 'up' }, postgres: { status: 'up' } },
      });
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('answers /health/ready with 503 naming the failing check', async () => {
      const readiness = app.get(ReadinessRegistry);
      readiness.register('kafka', async () => {
        throw new Error('broker 127.0.0.1:9092 unreachable');
      });
      readiness.register('postgres', async () => undefined);

      const response = await request(app.getHttpServer()).get('/health/ready').expect(503);

      expect(response.body).toEqual({
        status: 'unavailable',
        checks: {
          kafka: { status: 'down', error: 'broker 127.0.0.1:9092 unreachable' },
          postgres: { status: 'up' },
        },
      });
    });

    it('answers /health/ready with 503 once shutting down, while /health/live stays 200', async () => {
      app.get(ReadinessRegistry).markShuttingDown();

      await request(app.getHttpServer())
        .get('/health/ready')
        .expect(503, { status: 'shutting_down', checks: {} });
      await request(app.getHttpServer()).get('/health/live').expect(200);
    });
  });

  describe('metrics', () => {
    it('serves Prometheus text with the service label and the SupportLens instruments', async () => {
      app.get(MetricsService).eventsIn.inc({ topic: 'support.cases.v1' }, 3);

      const response = await request(app.getHttpServer()).get('/metrics').expect(200);

      expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(response.text).toContain(
        'supportlens_events_in_total{topic="support.cases.v1",service="demo"} 3',
      );
      expect(response.text).toContain('# TYPE supportlens_consumer_lag gauge');
      expect(response.text).toContain('process_cpu_user_seconds_total');
    });

    it('counts HTTP requests by route pattern, not raw URL', async () => {
      await request(app.getHttpServer()).get('/cases/42').expect(200);
      await request(app.getHttpServer()).get('/cases/43').expect(200);
      await request(app.getHttpServer()).get('/nowhere').expect(404);

      const text = await app.get(MetricsService).render();

      expect(text).toContain(
        'supportlens_http_requests_total{method="GET",route="/cases/:id",status="200",service="demo"} 2',
      );
      expect(text).toContain(
        'supportlens_http_requests_total{method="GET",route="unmatched",status="404",service="demo"} 1',
      );
      expect(text).toContain(
        'supportlens_http_request_duration_seconds_count{service="demo",method="GET",route="/cases/:id"} 2',
      );
      expect(text).not.toContain('/cases/42');
    });

    it('gives each app its own registry', async () => {
      const other = await createApp();
      try {
        app.get(MetricsService).eventsOut.inc({ topic: 't' });
        expect(await other.get(MetricsService).render()).not.toContain(
          'supportlens_events_out_total{topic="t"',
        );
      } finally {
        await other.close();
      }
    });
  });

  describe('requests', () => {
    it('validates and transforms bodies, stripping unknown properties', async () => {
      const response = await request(app.getHttpServer())
        .post('/cases')
        .send({ ...validCase, internalFlag: true })
        .expect(201);

      expect(response.body).toEqual({ accepted: validCase, isDto: true });
    });

    it('echoes x-request-id, or makes one up', async () => {
      const given = await request(app.getHttpServer()).get('/health/live').set('x-request-id', 'abc-123');
      const made = await request(app.getHttpServer()).get('/health/live');

      expect(given.headers['x-request-id']).toBe('abc-123');
      expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('problem+json answers', () => {
    it('answers invalid bodies with 400 validation-error listing every field', async () => {
      const response = await request(app.getHttpServer())
        .post('/cases')
        .send({ subject: 7, priority: 0, customer: { email: 'nope' } })
        .expect(400);

      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(response.body).toEqual({
        type: 'https://supportlens.dev/problems/validation-error',
        title: 'Validation failed',
        status: 400,
        detail: 'The request has 3 invalid fields.',
        instance: '/cases',
        errors: [
          { field: 'subject', message: 'subject must be a string' },
          { field: 'priority', message: 'priority must not be less than 1' },
          { field: 'customer.email', message: 'customer.email must be an email' },
        ],
      });
      expect(await app.get(MetricsService).render()).toContain(
        'supportlens_http_requests_total{method="POST",route="/cases",status="400",service="demo"} 1',
      );
    });

    it('answers malformed JSON with 400 malformed-json', async () => {
      const response = await request(app.getHttpServer())
        .post('/cases')
        .set('content-type', 'application/json')
        .send('{"subject": "Refund",')
        .expect(400);

      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(response.body).toEqual({
        type: 'https://supportlens.dev/problems/malformed-json',
        title: 'Malformed JSON',
        status: 400,
        detail: 'The request body is not valid JSON.',
        instance: '/cases',
      });
    });

    it('answers bodies over HTTP_BODY_LIMIT with 413 naming the limit', async () => {
      const response = await request(app.getHttpServer())
        .post('/cases')
        .send({ ...validCase, subject: 'x'.repeat(2048) })
        .expect(413);

      expect(response.body).toEqual({
        type: 'https://supportlens.dev/problems/payload-too-large',
        title: 'Payload too large',
        status: 413,
        detail: 'The request body is larger than the limit of 1kb.',
        instance: '/cases',
        limit: '1kb',
      });
      const text = await app.get(MetricsService).render();
      expect(text).toContain(
        'supportlens_http_requests_total{method="POST",route="unmatched",status="413",service="demo"} 1',
      );
    });

    it('answers unknown routes with 404 not-found', async () => {
      const response = await request(app.getHttpServer()).get('/nowhere?x=1').expect(404);

      expect(response.body).toEqual({
        type: 'https://supportlens.dev/problems/not-found',
        title: 'Not Found',
        status: 404,
        detail: 'Cannot GET /nowhere?x=1',
        instance: '/nowhere',
      });
    });

    it('answers unexpected errors with a generic 500 that leaks nothing', async () => {
      const response = await request(app.getHttpServer()).get('/cases/broken').expect(500);

      expect(response.body).toEqual({
        type: 'https://supportlens.dev/problems/internal-error',
        title: 'Internal Server Error',
        status: 500,
        detail: 'An unexpected error occurred. It has been logged.',
        instance: '/cases/broken',
      });
      expect(response.text).not.toContain('hunter2');
    });

    it('answers ServiceUnavailableProblemException with 503 and Retry-After', async () => {
      const response = await request(app.getHttpServer()).get('/cases/unavailable').expect(503);

      expect(response.headers['retry-after']).toBe('5');
      expect(response.body).toEqual({
        type: 'https://supportlens.dev/problems/service-unavailable',
        title: 'Service unavailable',
        status: 503,
        detail: 'Kafka is unreachable.',
        instance: '/cases/unavailable',
      });
    });
  });

  describe('shutdown', () => {
    it('marks the service not ready when the app closes', async () => {
      const readiness = app.get(ReadinessRegistry);

      await app.close();

      expect(readiness.isShuttingDown).toBe(true);
      app = await createApp(); // afterEach closes it
    });
  });
});
