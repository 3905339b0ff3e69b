import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  percent: number;
}

export interface ProfileSummary {
  sampledSeconds: number;
  /** Self time by where the code lives: a package, one of our libraries, the service, V8/Node. */
  byArea: ProfileShare[];
  /** Self time of the heaviest functions. */
  topFunctions: ProfileShare[];
}

/** Where a frame's code lives: `pg`, `kafkajs`, `libs/messaging`, `insights`, `(garbage collector)`… */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const lib = /\/(libs\/[^/]+)\//.exec(url);
  if (lib) return lib[1];
  const service = /\/services\/([^/]+)\/src\/([^/]+)/.exec(url);
  if (service) return `${service[1]}/${service[2]}`;
  if (url.startsWith('node:')) return 'node (built-in modules)';
  return url;
}

/** Self-time shares of a V8 `.cpuprofile`, by area and by function. */
export function summariseCpuProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const area = areaOf(url, functionName);
    const where = url ? `${url.replace(/^.*\/(node_modules|dist)\//, '')}:${lineNumber + 1}` : '';
    const name = `${functionName || '(anonymous)'} ${where}`.trim();
    areas.set(area, (areas.get(area) ?? 0) + micros);
    functions.set(name, (functions.get(name) ?? 0) + micros);
    total += micros;
  });
  const shares = (map: Map<string, number>, limit: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, micros]) => ({ name, percent: (100 * micros) / total }));
  return { sampledSeconds: total / 1e6, byArea: shares(areas, top), topFunctions: shares(functions, top) };
}
