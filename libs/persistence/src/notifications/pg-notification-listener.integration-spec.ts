import { createTestDatabase, TestDatabase, waitFor } from '@supportlens/testing';
import { DataSource } from 'typeorm';
import { createServiceDataSource } from '../data-source/create-data-source';
import { PgNotificationListener } from './pg-notification-listener';

const CHANNEL = 'listener_test';
const APPLICATION = 'pg-listener-test';

describe('PgNotificationListener (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const listeners: PgNotificationListener[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createServiceDataSource({
      url: database.url,
      schema: 'public',
      applicationName: APPLICATION,
    });
    await dataSource.initialize();
  });

  afterEach(async () => {
    for (const listener of listeners.splice(0)) await listener.stop();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  function listen(channel = CHANNEL) {
    const payloads: Array<string | undefined> = [];
    let listening = 0;
    const listener = new PgNotificationListener(dataSource, {
      channel,
      onNotification: (payload) => payloads.push(payload),
      onListening: () => listening++,
      firstRetryMs: 50,
      maxRetryMs: 200,
    });
    listeners.push(listener);
    listener.start();
    return { listener, payloads, listening: () => listening };
  }

  const notify = (payload: string, channel = CHANNEL) =>
    dataSource.query(`SELECT pg_notify($1, $2)`, [channel, payload]);

  const listenConnections = async (): Promise<number[]> =>
    (
      (await dataSource.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
        [`${APPLICATION}-listen`],
      )) as Array<{ pid: number }>
    ).map((row) => row.pid);

  it('delivers notifications on its channel only, once listening, on a connection of its own', async () => {
    const { listener, payloads, listening } = listen();
    await waitFor('listening', async () => (listening() === 1 ? true : undefined));
    expect(listener.listening).toBe(true);
    expect(await listenConnections()).toHaveLength(1);

    await notify('other channel', 'listener_test_other');
    await notify('7');
    await waitFor('the notification', async () => (payloads.length > 0 ? payloads : undefined));
    expect(payloads).toEqual(['7']);
  });

  it('reconnects when its connection is killed, says it is listening again, and keeps delivering', async () => {
    const { listener, payloads, listening } = listen();
    await waitFor('listening', async () => (listening() === 1 ? true : undefined));
    const [pid] = await listenConnections();
    await dataSource.query(`SELECT pg_terminate_backend($1)`, [pid]);

    await waitFor('listening again', async () => (listening() === 2 ? true : undefined), {
      timeoutMs: 10_000,
    });
    expect(listener.listening).toBe(true);
    const pids = await listenConnections();
    expect(pids).toHaveLength(1);
    expect(pids[0]).not.toBe(pid);
    await notify('after reconnect');
    await waitFor('the notification', async () => (payloads.includes('after reconnect') ? true : undefined));
  });

  it('closes its connection on stop and neither delivers nor reconnects afterwards', async () => {
    const { listener, payloads, listening } = listen();
    await waitFor('listening', async () => (listening() === 1 ? true : undefined));
    await listener.stop();
    expect(listener.listening).toBe(false);
    await waitFor('the connection closed', async () =>
      (await listenConnections()).length === 0 ? true : undefined,
    );

    await notify('too late');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(payloads).toEqual([]);
    expect(listening()).toBe(1);
    expect(await listenConnections()).toEqual([]);
  });

  it('survives a callback that throws', async () => {
    let calls = 0;
    const listener = new PgNotificationListener(dataSource, {
      channel: CHANNEL,
      onNotification: () => {
        calls++;
        throw new Error('callback bug');
      },
    });
    listeners.push(listener);
    listener.start();
    await waitFor('listening', async () => (listener.listening ? true : undefined));
    await notify('1');
    await notify('2');
    await waitFor('both notifications', async () => (calls === 2 ? true : undefined));
    expect(listener.listening).toBe(true);
  });

  it('refuses a channel that is not a plain identifier (it is interpolated into LISTEN)', () => {
    expect(
      () =>
        new PgNotificationListener(dataSource, {
          channel: 'x; DROP TABLE y',
          onNotification: () => undefined,
        }),
    ).toThrow(/Invalid SQL notification channel/);
  });
});
