// Preloaded (NODE_OPTIONS=--require) into every node process the benchmark
// starts, including processes those start (the cdktf CLI runs the app as a
// child). On exit each process appends its own CPU time, peak RSS and
// lifetime to BENCH_USAGE_FILE, so the parent can add up a process tree
// without platform-specific rusage tools.
'use strict';
const { appendFileSync } = require('node:fs');
const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    appendFileSync(
      file,
      `${JSON.stringify({
        pid: process.pid,
        cpuMs: (cpu.user + cpu.system) / 1000,
        maxRssMb: process.resourceUsage().maxRSS / 1024,
        lifetimeMs: performance.now(),
        script: process.argv[1],
      })}\n`,
    );
  });
}
