import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync('/tmp/prof.json', 'utf8'));
const byId = new Map<number, any>(p.nodes.map((n: any) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
// total per function name (inclusive, counting once per stack)
const incl = new Map<string, number>();
const selfBy = new Map<string, number>();
for (let i = 0; i < p.samples.length; i++) {
  const dt = p.timeDeltas[i + 1] ?? 0;
  let id: number | undefined = p.samples[i];
  const seen = new Set<string>();
  const leaf = byId.get(id!);
  const lk = `${leaf.callFrame.functionName || '(anon)'}:${leaf.callFrame.lineNumber}`;
  selfBy.set(lk, (selfBy.get(lk) ?? 0) + dt);
  while (id !== undefined) {
    const n = byId.get(id);
    const k = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`;
    if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + dt); }
    id = parent.get(id);
  }
}
console.log('SELF'); for (const [k, v] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / 1000).toFixed(1), k);
console.log('INCL'); for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((v / 1000).toFixed(1), k);
