import { readFileSync } from 'node:fs';
const t = JSON.parse(readFileSync('/tmp/trace.json', 'utf8'));
const ev: any[] = t.traceEvents ?? t;
const main = ev.filter((e) => e.name === 'RunTask' && e.dur > 25000);
for (const task of main) {
  const kids = ev.filter((e) => e.pid === task.pid && e.tid === task.tid && e.ts >= task.ts && e.ts < task.ts + task.dur && e.dur > 1500 && e !== task);
  console.log(`TASK ${(task.dur / 1000).toFixed(1)} ms tid ${task.tid}`);
  for (const k of kids.sort((a, b) => a.ts - b.ts)) console.log(`   +${((k.ts - task.ts) / 1000).toFixed(1)} ${(k.dur / 1000).toFixed(1)} ${k.name} ${JSON.stringify(k.args?.data ?? k.args ?? '').slice(0, 160)}`);
}
