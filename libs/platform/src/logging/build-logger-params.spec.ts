import { Writable } from 'node:stream';
import type { Options } from 'pino-http';
import pino from 'pino';
import { BaseServiceConfig } from '../config/base-service.config';
import { loadConfig } from '../config/load-config';
import { buildLoggerParams } from './build-logger-params';

function pinoHttpOptions(env: NodeJS.ProcessEnv = {}): Options {
  return buildLoggerParams('survey-scoring', loadConfig(BaseServiceConfig, env)).pinoHttp as Options;
}

/** Logs one line through a pino built from the options and returns it parsed. */
function logLine(options: Options, write: (logger: pino.Logger) => void): Record<string, unknown> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  write(pino(options, sink));
  return JSON.parse(lines[0]) as Record<string, unknown>;
}

describe('buildLoggerParams', () => {
  it('takes the level from LOG_LEVEL', () => {
    expect(pinoHttpOptions().level).toBe('info');
    expect(pinoHttpOptions({ LOG_LEVEL: 'debug' }).level).toBe('debug');
  });

  it('writes JSON lines tagged with the service, with a text level and no pretty printing', () => {
    const options = pinoHttpOptions();
    const line = logLine(options, (logger) => logger.info('hello'));

    expect(options.transport).toBeUndefined();
    expect(line).toMatchObject({ level: 'info', service: 'survey-scoring', msg: 'hello' });
    expect(typeof line.time).toBe('string');
  });

  it('redacts credentials in request headers', () => {
    const line = logLine(pinoHttpOptions(), (logger) =>
      logger.info(
        {
          req: {
            headers: { authorization: 'Bearer t0ken', 'x-api-key': 'k3y', cookie: 's=1', accept: 'json' },
          },
        },
        'request completed',
      ),
    );

    expect(line.req).toEqual({
      headers: {
        authorization: '[redacted]',
        'x-api-key': '[redacted]',
        cookie: '[redacted]',
        accept: 'json',
      },
    });
  });

  it('logs server errors as error and client errors as warn', () => {
    const level = pinoHttpOptions().customLogLevel!;
    const req = {} as never;

    expect(level(req, { statusCode: 200 } as never, undefined)).toBe('info');
    expect(level(req, { statusCode: 404 } as never, undefined)).toBe('warn');
    expect(level(req, { statusCode: 503 } as never, undefined)).toBe('error');
    expect(level(req, { statusCode: 200 } as never, new Error('x'))).toBe('error');
  });
});
