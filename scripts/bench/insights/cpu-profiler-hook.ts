import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

/**
 * Preloaded into the service process by the bench (`node --require …/cpu-profiler-hook.js`, with an
 * IPC channel) when it runs with `--profile`: the message `profile:start` starts V8's CPU profiler,
 * `profile:stop` writes the profile to $BENCH_CPU_PROFILE (Chrome DevTools / speedscope format) and
 * answers `profile:written`. So the profile covers exactly the throughput phase, not the start-up,
 * and the service code is not touched. (Signals would not do: the service's shutdown hooks listen
 * to SIGUSR2 as well, and `node --cpu-prof` writes nothing when the shutdown re-raises SIGTERM.)
 */
const target = process.env.BENCH_CPU_PROFILE;
if (target && process.send) {
  // The channel must not keep the service alive on its own.
  process.channel?.unref();
  const session = new Session();
  session.connect();
  process.on('message', (message) => {
    if (message === 'profile:start') {
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')),
      );
    } else if (message === 'profile:stop') {
      session.post('Profiler.stop', (error, result) => {
        if (!error) {
          // Written aside and renamed, so the bench never reads half a file.
          writeFileSync(`${target}.partial`, JSON.stringify(result.profile));
          renameSync(`${target}.partial`, target);
        }
        process.send!(error ? `profile:failed ${error.message}` : 'profile:written');
      });
    }
  });
}
