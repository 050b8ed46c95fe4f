/**
 * `tsx bench/profile.ts <file.cpuprofile> [top]`: where a V8 CPU profile (node --cpu-prof) spent its
 * time — self time by function and by package/folder — for finding the cost behind a missed target.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

export function summarize(file: string, top = 30): string {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (const [i, id] of p.samples.entries())
    self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const short = url
      .replace(/^file:\/\//, '')
      .replace(/^.*\/node_modules\//, 'nm:')
      .replace(/^.*\/work\/main\//, '');
    const key = `${functionName || '(anon)'} ${short}:${lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const group =
      url === ''
        ? `(${functionName})`
        : short.startsWith('nm:')
          ? short
              .split('/')
              .slice(0, short.startsWith('nm:@') ? 2 : 1)
              .join('/')
          : short.startsWith('node:')
            ? 'node:internal'
            : short.split('/').slice(0, 2).join('/');
    pkg.set(group, (pkg.get(group) ?? 0) + us);
  }
  const fmt = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  return `total ${(total / 1e6).toFixed(2)} s sampled\n-- by package/folder --\n${fmt(pkg, 25)}\n-- by function (self) --\n${fmt(fn, top)}`;
}

if (import.meta.url === `file://${process.argv[1]}`)
  console.log(summarize(process.argv[2]!, Number(process.argv[3] ?? 40)));
