import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Error lines the services logged during a run (pino JSON, level ≥ 50), with a few examples. */
export function serviceLogErrors(logDir: string): { count: number; examples: string[] } {
  let count = 0;
  const examples: string[] = [];
  for (const file of readdirSync(logDir).filter((name) => name.endsWith('.log'))) {
    for (const line of readFileSync(path.join(logDir, file), 'utf8').split('\n')) {
      const level =
        /"level":(\d+)/.exec(line)?.[1] ?? (/"level":"(error|fatal)"/.test(line) ? '50' : undefined);
      if (level === undefined || Number(level) < 50) continue;
      count++;
      if (examples.length < 3) examples.push(`${file}: ${line.slice(0, 300)}`);
    }
  }
  return { count, examples };
}
