import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync('/tmp/prof.json', 'utf8'));
const byId = new Map<number, any>(p.nodes.map((n: any) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
let t = p.startTime;
const samples = p.samples.map((id: number, i: number) => ({ id, t: (t += p.timeDeltas[i]) }));
// runs of non-idle samples
const runs: { start: number; end: number; ids: number[] }[] = [];
let cur: any = null;
for (const s of samples) {
  const name = byId.get(s.id).callFrame.functionName;
  if (name === '(idle)') { if (cur) { runs.push(cur); cur = null; } continue; }
  if (!cur) cur = { start: s.t, end: s.t, ids: [] };
  cur.end = s.t; cur.ids.push(s.id);
}
if (cur) runs.push(cur);
for (const run of runs.filter((r) => r.end - r.start > 20000)) {
  const incl = new Map<string, number>();
  for (const id0 of run.ids) {
    const seen = new Set<string>();
    for (let id: number | undefined = id0; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`;
      if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + 1); }
    }
  }
  console.log(`RUN ${((run.end - run.start) / 1000).toFixed(1)} ms, ${run.ids.length} samples`);
  for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log('   ', v, k);
}
