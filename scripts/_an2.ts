import { readFileSync } from 'node:fs';
const t = JSON.parse(readFileSync('/tmp/trace.json', 'utf8'));
const ev: any[] = t.traceEvents ?? t;
const tasks = ev.filter((e) => e.name === 'RunTask' && e.dur > 5000);
const t0 = Math.min(...tasks.map((e) => e.ts));
for (const task of tasks.sort((a, b) => a.ts - b.ts)) {
  const kids = ev.filter((e) => e.pid === task.pid && e.tid === task.tid && e.ts >= task.ts && e.ts < task.ts + task.dur && e !== task && ['TimerFire', 'Layout', 'UpdateLayoutTree', 'EventDispatch', 'FunctionCall', 'MinorGC', 'MajorGC', 'PrePaint', 'Paint'].includes(e.name) && e.dur > 1000);
  console.log(`@${((task.ts - t0) / 1000).toFixed(0)} ${(task.dur / 1000).toFixed(1)} ms: ${kids.map((k) => `${k.name} ${(k.dur / 1000).toFixed(1)}`).join(', ')}`);
}
