/**
 * Runs `work` with these environment variables set, then restores them. A service reads its config
 * from the environment when its app is created, so an app started inside gets these values; suites
 * share one worker process, so nothing set here outlives the call.
 */
export async function withEnv<T>(values: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  try {
    return await work();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
