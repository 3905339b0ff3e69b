import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The repository folder, from the compiled (dist/scripts/bench/…) or the source location. */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'deploy', 'kafka', 'kafka.sh'))) return dir;
    if (path.dirname(dir) === dir)
      throw new Error(`repository root (deploy/kafka/kafka.sh) not found above ${__dirname}`);
  }
}
