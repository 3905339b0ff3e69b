/** Where the topology floor's last hop writes. */
export const TOPOLOGY_FLOOR_TABLE = 'bench_topology.events';

/** What one hop of the topology floor is told, through its environment. */
export interface HopSettings {
  brokers: string[];
  /** Each input topic's consumer joins the group `<groupPrefix>.<topic>`, as each service's consumers do. */
  groupPrefix: string;
  /** Input topic → the topic its batches are forwarded to; '' for one whose batches this hop writes. */
  routes: Record<string, string>;
  /** The database a hop writes to; needed when a route ends here. */
  databaseUrl?: string;
  /** Partitions each consumer handles at once: all of its topic's, as the services do. */
  concurrency: number;
}

/** What a hop tells the bench over IPC: every consumer of it has joined its group. */
export interface HopMessage {
  joined: true;
}

export function hopSettingsToEnv(settings: HopSettings): Record<string, string> {
  return {
    HOP_BROKERS: settings.brokers.join(','),
    HOP_GROUP_PREFIX: settings.groupPrefix,
    HOP_ROUTES: JSON.stringify(settings.routes),
    HOP_DATABASE_URL: settings.databaseUrl ?? '',
    HOP_CONCURRENCY: String(settings.concurrency),
  };
}

export function hopSettingsFromEnv(env: NodeJS.ProcessEnv): HopSettings {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const routes = JSON.parse(required('HOP_ROUTES')) as Record<string, string>;
  const databaseUrl = env.HOP_DATABASE_URL || undefined;
  if (!databaseUrl && Object.values(routes).some((to) => !to))
    throw new Error('a hop without HOP_DATABASE_URL must forward every input topic');
  const concurrency = Number(required('HOP_CONCURRENCY'));
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error(`HOP_CONCURRENCY must be a whole number of at least 1, not ${env.HOP_CONCURRENCY}`);
  return {
    brokers: required('HOP_BROKERS').split(','),
    groupPrefix: required('HOP_GROUP_PREFIX'),
    routes,
    databaseUrl,
    concurrency,
  };
}
