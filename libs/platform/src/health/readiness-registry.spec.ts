import { ReadinessRegistry } from './readiness-registry';

describe('ReadinessRegistry', () => {
  let registry: ReadinessRegistry;

  beforeEach(() => {
    registry = new ReadinessRegistry();
  });

  it('is ready when nothing is registered', async () => {
    await expect(registry.check()).resolves.toEqual({ status: 'ok', checks: {} });
  });

  it('is ready when every check resolves', async () => {
    registry.register('kafka', async () => undefined);
    registry.register('postgres', async () => undefined);

    await expect(registry.check()).resolves.toEqual({
      status: 'ok',
      checks: { kafka: { status: 'up' }, postgres: { status: 'up' } },
    });
    expect(registry.checkNames).toEqual(['kafka', 'postgres']);
  });

  it('reports each failing check with its error message', async () => {
    registry.register('kafka', async () => {
      throw new Error('There is no leader for this topic-partition');
    });
    registry.register('postgres', async () => undefined);
    registry.register('weird', () => Promise.reject('plain string'));
    registry.register('sync', () => {
      throw new Error('thrown before returning a promise');
    });

    await expect(registry.check()).resolves.toEqual({
      status: 'unavailable',
      checks: {
        kafka: { status: 'down', error: 'There is no leader for this topic-partition' },
        postgres: { status: 'up' },
        weird: { status: 'down', error: 'plain string' },
        sync: { status: 'down', error: 'thrown before returning a promise' },
      },
    });
  });

  it('runs the checks in parallel and counts a slow one as down after the timeout', async () => {
    const started: string[] = [];
    registry.register('slow', () => {
      started.push('slow');
      return new Promise(() => undefined); // never settles
    });
    registry.register('fast', async () => {
      started.push('fast');
    });

    const before = Date.now();
    const report = await registry.check(50);

    expect(Date.now() - before).toBeLessThan(1000);
    expect(started).toEqual(['slow', 'fast']);
    expect(report).toEqual({
      status: 'unavailable',
      checks: { slow: { status: 'down', error: 'timed out after 50 ms' }, fast: { status: 'up' } },
    });
  });

  it('uses a 2 s timeout by default', async () => {
    jest.useFakeTimers();
    try {
      registry.register('stuck', () => new Promise(() => undefined));
      const report = registry.check();
      await jest.advanceTimersByTimeAsync(1999);
      let settled = false;
      void report.then(() => (settled = true));
      await Promise.resolve();
      expect(settled).toBe(false);

      await jest.advanceTimersByTimeAsync(1);

      await expect(report).resolves.toMatchObject({
        checks: { stuck: { error: 'timed out after 2000 ms' } },
      });
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses two checks with the same name', () => {
    registry.register('kafka', async () => undefined);

    expect(() => registry.register('kafka', async () => undefined)).toThrow(
      'Readiness check "kafka" is already registered',
    );
  });

  it('reports shutting down without running the checks once marked', async () => {
    const check = jest.fn(async () => undefined);
    registry.register('kafka', check);

    registry.markShuttingDown();

    expect(registry.isShuttingDown).toBe(true);
    await expect(registry.check()).resolves.toEqual({ status: 'shutting_down', checks: {} });
    expect(check).not.toHaveBeenCalled();
  });

  it('reports shutting down when shutdown starts while checks run', async () => {
    registry.register('kafka', async () => {
      registry.markShuttingDown();
    });

    await expect(registry.check()).resolves.toEqual({
      status: 'shutting_down',
      checks: { kafka: { status: 'up' } },
    });
  });
});
