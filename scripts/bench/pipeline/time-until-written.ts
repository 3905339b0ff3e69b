import { LoadPublisher, PreparedEvent } from '../shared/load-publisher';
import { ContenderRun } from './floor';
import { waitForCount } from './wait-for-count';

/**
 * A contender's run: publishes `events` and times from the first publish until `count` reaches their
 * number. A failed publish, or any of `failures` (a contender's process exiting, say), ends the wait
 * with its own error rather than a "stalled" one a minute later.
 */
export async function timeUntilWritten(args: {
  publisher: LoadPublisher;
  events: readonly PreparedEvent[];
  count: () => Promise<number>;
  what: string;
  failures?: ReadonlyArray<Promise<never>>;
}): Promise<ContenderRun> {
  const { events } = args;
  const started = Date.now();
  const published = args.publisher.publish(events);
  const publishFailed = published.then(() => new Promise<never>(() => undefined));
  publishFailed.catch(() => undefined);
  await Promise.race([
    waitForCount(args.count, events.length, args.what),
    publishFailed,
    ...(args.failures ?? []),
  ]);
  await published;
  const seconds = (Date.now() - started) / 1000;
  return { events: events.length, seconds, perSecond: events.length / seconds };
}
