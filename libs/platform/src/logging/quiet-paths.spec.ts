import type { IncomingMessage } from 'node:http';
import { isQuietRequest } from './quiet-paths';

const at = (url: string) => ({ url }) as IncomingMessage;

describe('isQuietRequest', () => {
  it.each([
    '/health/live',
    '/health/ready',
    '/health/ready?verbose=1',
    '/metrics',
    '/metrics/',
    '/metrics?x',
  ])('does not auto-log %s', (url) => {
    expect(isQuietRequest(at(url))).toBe(true);
  });

  it.each(['/', '/events', '/metricsfoo', '/healthz', '/health', '/api/metrics', '/cases/health/live'])(
    'auto-logs %s',
    (url) => {
      expect(isQuietRequest(at(url))).toBe(false);
    },
  );
});
