/** Where the topology floor's last hop writes. */
export const TOPOLOGY_FLOOR_TABLE = 'bench_topology.events';

/** What one hop of the topology floor is told, through its environment. */
export interface HopSettings {
  brokers: string[];
  groupId: string;
  /** Input topic → the topic its batches are forwarded to; '' for the last hop, which writes them. */
  routes: Record<string, string>;
  /** The last hop's database; none for a forwarding hop. */
  databaseUrl?: string;
  partitions: number;
}

/** What a hop tells the bench over IPC. */
export interface HopMessage {
  joined: true;
}

export function hopSettingsToEnv(settings: HopSettings): Record<string, string> {
  return {
    HOP_BROKERS: settings.brokers.join(','),
    HOP_GROUP_ID: settings.groupId,
    HOP_ROUTES: JSON.stringify(settings.routes),
    HOP_DATABASE_URL: settings.databaseUrl ?? '',
    HOP_PARTITIONS: String(settings.partitions),
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
  return {
    brokers: required('HOP_BROKERS').split(','),
    groupId: required('HOP_GROUP_ID'),
    routes,
    databaseUrl,
    partitions: Number(required('HOP_PARTITIONS')),
  };
}
