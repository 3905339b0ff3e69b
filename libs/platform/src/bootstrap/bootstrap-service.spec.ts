import { INestApplication, Logger, Module } from '@nestjs/common';
import { AddressInfo, createServer } from 'node:net';
import request from 'supertest';
import { BaseServiceConfig } from '../config/base-service.config';
import { PlatformModule } from '../platform.module';
import { bootstrapService } from './bootstrap-service';

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('bootstrapService', () => {
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
    jest.restoreAllMocks();
  });

  it('listens on PORT with the whole platform configured and says so', async () => {
    const port = await freePort();
    const log = jest.spyOn(Logger.prototype, 'log');

    @Module({
      imports: [
        PlatformModule.forRoot({
          serviceName: 'ingest',
          config: BaseServiceConfig,
          configValues: { PORT: String(port), LOG_LEVEL: 'silent', HTTP_BODY_LIMIT: '64b' },
        }),
      ],
    })
    class IngestLikeModule {}

    app = await bootstrapService(IngestLikeModule, { serviceName: 'ingest' });
    const base = `http://127.0.0.1:${port}`;

    await request(base).get('/health/live').expect(200, { status: 'ok' });
    const tooLarge = await request(base)
      .post('/anything')
      .send({ text: 'x'.repeat(100) })
      .expect(413);
    expect(tooLarge.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(tooLarge.headers['x-powered-by']).toBeUndefined();
    expect(log).toHaveBeenCalledWith(`ingest listening on :${port}`);
  });
});

describe('bootstrapService with a bad environment', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('prints every bad variable and exits with code 1', async () => {
    @Module({
      imports: [
        PlatformModule.forRoot({
          serviceName: 'ingest',
          config: BaseServiceConfig,
          configValues: { PORT: 'abc', KAFKA_BROKERS: 'x' },
        }),
      ],
    })
    class MisconfiguredModule {}
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    jest.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);

    await expect(bootstrapService(MisconfiguredModule, { serviceName: 'ingest' })).rejects.toThrow('exit 1');

    expect(stderr).toHaveBeenCalledWith(
      'ingest: Invalid configuration:\n' +
        '  - KAFKA_BROKERS: "x" is not a host:port list (example: 127.0.0.1:9092)\n' +
        '  - PORT: "abc" is not an integer between 1 and 65535\n',
    );
    // bootstrapService left Nest's own report buffered; release the buffer so later logs flow.
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    Logger.flush();
  });
});
