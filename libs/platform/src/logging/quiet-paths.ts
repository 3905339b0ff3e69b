import type { IncomingMessage } from 'node:http';

// Probes and scrapes arrive every few seconds; logging each would drown the useful lines.
const QUIET_PATHS = /^\/(?:health\/[^/?#]*|metrics)\/?(?:[?#]|$)/;

/** True for /health/* and /metrics, which are not auto-logged. */
export function isQuietRequest(req: IncomingMessage): boolean {
  return QUIET_PATHS.test(req.url ?? '');
}
