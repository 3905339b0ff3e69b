import { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configureHttpApp } from '@supportlens/platform';

/**
 * Starts a service's real AppModule in this process, configured exactly as `main.ts` does (pipes,
 * problem+json, body limits, shutdown hooks), listening on a free port. Config comes from
 * process.env, which the global test setup points at the test broker and database.
 */
export async function startService(
  appModule: Type<unknown>,
): Promise<{ app: INestApplication; url: string }> {
  const moduleRef = await Test.createTestingModule({ imports: [appModule] }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, bufferLogs: true });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}` };
}
