import { INestApplication, Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { BaseServiceConfig } from '../config/base-service.config';
import { ConfigValidationError } from '../config/config-validation.error';
import { configureHttpApp } from './configure-http-app';

export interface BootstrapServiceOptions {
  serviceName: string;
}

/**
 * Creates, configures and starts a service's HTTP app on 0.0.0.0:PORT. The app module must
 * import PlatformModule.forRoot(...).
 *
 * A bad environment stops the start: the list of bad variables goes to stderr and the process
 * exits with code 1. Any other start failure is logged by Nest and rethrown.
 */
export async function bootstrapService(
  appModule: Type<unknown>,
  { serviceName }: BootstrapServiceOptions,
): Promise<INestApplication> {
  const app = await createApp(appModule, serviceName);
  configureHttpApp(app);
  const { PORT } = app.get(BaseServiceConfig);
  await app.listen(PORT, '0.0.0.0');
  new Logger('Bootstrap').log(`${serviceName} listening on :${PORT}`);
  return app;
}

async function createApp(appModule: Type<unknown>, serviceName: string): Promise<NestExpressApplication> {
  try {
    // Logs are held until the pino logger is installed (configureHttpApp flushes them), so
    // even start-up lines are JSON. Errors are rethrown instead of Nest exiting by itself.
    return await NestFactory.create<NestExpressApplication>(appModule, {
      bufferLogs: true,
      autoFlushLogs: false,
      abortOnError: false,
      bodyParser: false,
    });
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      // Pino cannot be set up without a valid config; plain text is also what an operator
      // at a terminal wants here. Nest's buffered report of the same error is dropped.
      process.stderr.write(`${serviceName}: ${error.message}\n`);
      process.exit(1);
    }
    Logger.flush();
    throw error;
  }
}
