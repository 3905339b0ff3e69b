import { Logger } from '@nestjs/common';
import { LiveVersionedValue, LoadedVersion } from './live-versioned-value';

interface Doc {
  version: number;
  text: string;
}

type Answer = Doc | Error | undefined;

const doc = (version: number, text = `v${version}`): Doc => ({ version, text });

/** A loader following a script of answers, the last one repeated; a doc with text 'bad' breaks the rules. */
function loaderAnswering(...answers: Answer[]) {
  return jest.fn(async (_isKnown: (version: number) => boolean): Promise<LoadedVersion<Doc> | undefined> => {
    const answer = answers.length > 1 ? answers.shift() : answers[0];
    if (answer instanceof Error) throw answer;
    if (!answer) return undefined;
    if (answer.text === 'bad') return { version: answer.version, violations: ['text is bad'] };
    return { version: answer.version, value: answer };
  });
}

describe('LiveVersionedValue', () => {
  const logger = new Logger('test');
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;
  const values: Array<LiveVersionedValue<Doc>> = [];

  function liveWith(load: ReturnType<typeof loaderAnswering>, refreshMs = 1000) {
    const live = new LiveVersionedValue<Doc>({
      name: 'document',
      activity: 'working',
      load,
      refreshMs,
      logger,
    });
    values.push(live);
    return live;
  }

  beforeEach(() => {
    jest.useFakeTimers();
    warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    log = jest.spyOn(logger, 'log').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    for (const live of values.splice(0)) await live.stop();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('loads the newest version at start', async () => {
    const live = liveWith(loaderAnswering(doc(3)));
    expect(() => live.current).toThrow('the document has not been loaded yet');
    await live.start();
    expect(live.current).toEqual(doc(3));
    expect(live.version).toBe(3);
    expect(log).toHaveBeenCalledWith('working with document version 3');
  });

  it('refuses to start when the load fails, saying what to do', async () => {
    const live = liveWith(loaderAnswering(new Error('the table holds no version')));
    await expect(live.start()).rejects.toThrow(
      'cannot load the document (has `npm run migrate` run?): the table holds no version',
    );
  });

  it('refuses to start when the newest stored version breaks the rules', async () => {
    const live = liveWith(loaderAnswering(doc(2, 'bad')));
    await expect(live.start()).rejects.toThrow(
      'cannot load the document: the newest stored version (2) breaks the rules',
    );
    expect(warn).toHaveBeenCalledWith(
      'stored document version 2 breaks the rules, not using it: text is bad',
    );
  });

  it('picks up a new version on the timer, without being asked', async () => {
    const live = liveWith(loaderAnswering(doc(1), doc(2)), 1000);
    await live.start();
    await jest.advanceTimersByTimeAsync(999);
    expect(live.current.version).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(live.current.version).toBe(2);
    expect(log).toHaveBeenLastCalledWith('working with document version 2 (was 1)');
  });

  it('tells the loader which versions it need not read again', async () => {
    const load = loaderAnswering(doc(1));
    const live = liveWith(load);
    await live.start();
    await live.refresh();
    const isKnown = load.mock.calls[1][0];
    expect([isKnown(1), isKnown(2)]).toEqual([true, false]);
  });

  it('keeps the last good value and warns when a refresh fails, then recovers', async () => {
    const live = liveWith(loaderAnswering(doc(3), new Error('connect ECONNREFUSED'), doc(4)), 1000);
    await live.start();
    await jest.advanceTimersByTimeAsync(1000);
    expect(live.current.version).toBe(3);
    expect(warn).toHaveBeenCalledWith(
      'cannot refresh the document, still working with version 3: connect ECONNREFUSED',
    );
    await jest.advanceTimersByTimeAsync(1000);
    expect(live.current.version).toBe(4);
  });

  it('does not switch to a stored version that breaks the rules, says so once, and marks it known', async () => {
    const load = loaderAnswering(doc(4), doc(5, 'bad'));
    const live = liveWith(load);
    await live.start();
    await expect(live.refresh()).resolves.toEqual(doc(4));
    await expect(live.refresh()).resolves.toEqual(doc(4));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      'stored document version 5 breaks the rules, not using it (still working with version 4): text is bad',
    );
    const isKnown = load.mock.calls[2][0];
    expect(isKnown(5)).toBe(true);
  });

  it('never lets a slow read that started earlier bring back an older version', async () => {
    let releaseSlowRead: (answer: LoadedVersion<Doc>) => void = () => undefined;
    const load = loaderAnswering(doc(1));
    const live = liveWith(load, 60_000);
    await live.start();
    load
      .mockImplementationOnce(() => new Promise((resolve) => (releaseSlowRead = resolve)))
      .mockImplementationOnce(async () => ({ version: 2, value: doc(2) }));
    const slow = live.refresh(); // e.g. the timer, just before version 2 is committed
    await expect(live.refresh()).resolves.toEqual(doc(2)); // the creating request
    releaseSlowRead({ version: 1, value: doc(1) });
    await slow;
    expect(live.current.version).toBe(2);
  });

  it('applies a version handed to it, which a read started earlier cannot replace', async () => {
    let releaseSlowRead: (answer: LoadedVersion<Doc>) => void = () => undefined;
    const load = loaderAnswering(doc(1));
    const live = liveWith(load, 60_000);
    await live.start();
    load.mockImplementationOnce(() => new Promise((resolve) => (releaseSlowRead = resolve)));
    const slow = live.refresh();
    live.apply(2, doc(2));
    expect(live.current).toEqual(doc(2));
    releaseSlowRead({ version: 1, value: doc(1) });
    await slow;
    expect(live.current.version).toBe(2);
  });

  it('stops refreshing at stop, still handing out the last value', async () => {
    const load = loaderAnswering(doc(1));
    const live = liveWith(load, 1000);
    await live.start();
    await live.stop();
    await jest.advanceTimersByTimeAsync(5000);
    await expect(live.refresh()).resolves.toEqual(doc(1));
    expect(load).toHaveBeenCalledTimes(1);
  });
});
