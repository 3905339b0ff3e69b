import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';

/**
 * Ports below Linux's ephemeral range (32768–60999 by default). The OS gives ephemeral ports to
 * every outbound connection, so a port it handed out as "free" could be taken by some client's
 * socket before a broker started seconds later binds it — or between a broker's stop and restart
 * on the same port. Nothing takes a port from this range unless it asks for it by number.
 */
const LOWEST = 20_000;
const HIGHEST = 32_000;
const ATTEMPTS = 200;

/** A TCP port nothing listens on right now, outside the range the OS hands to outbound sockets. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const port = randomInt(LOWEST, HIGHEST + 1);
    if (await canListen(port)) return port;
  }
  throw new Error(`no free TCP port between ${LOWEST} and ${HIGHEST} after ${ATTEMPTS} attempts`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
