// Judges "the reconciler runs once across replicas" from the replicas' logs.
//
// Backstage's global scheduler starts a round only on the replica that claims
// the task row, and sets the next start to
// greatest(next_run_start_at + interval, now()) (@backstage/backend-defaults
// 0.18, TaskWorker.computeNextRunStartAt). Rounds therefore follow a grid: a
// round that started late (each replica polls every min(interval, 5 s), more
// on a loaded machine) can be followed by the next one well within one
// interval, so the gap between two rounds proves nothing. What a second
// runner (scope local, or two schedulers on two databases) breaks is:
//   - overlap: a round starting before another one ended;
//   - count: more rounds than the grid allows over the span, which for n
//     rounds is n <= span / interval + 1, plus one for the first round's lag.
// Each round's line carries its start and duration (scheduleReconciler.ts).

const ROUND = /Operation reconciler round: .*\(started (\S+Z), took (\d+) ms\)/;

/** Every round in `logs` ({ replicaName: text }), sorted by start. */
export function parseRounds(logs) {
  const rounds = [];
  for (const [replica, text] of Object.entries(logs)) {
    for (const line of text.split('\n')) {
      const m = ROUND.exec(line.replace(/\x1b\[[0-9;]*m/g, ''));
      if (!m) continue;
      const start = Date.parse(m[1]);
      rounds.push({ replica, start, end: start + Number(m[2]) });
    }
  }
  return rounds.sort((x, y) => x.start - y.start);
}

/** { ok, detail } for the rounds of one shared scheduler. */
export function judgeRounds(rounds, intervalMs) {
  if (rounds.length < 3) {
    return { ok: false, detail: `only ${rounds.length} rounds logged` };
  }
  const overlaps = [];
  let latestEnd = rounds[0];
  for (const r of rounds.slice(1)) {
    if (r.start < latestEnd.end) overlaps.push([latestEnd, r]);
    if (r.end > latestEnd.end) latestEnd = r;
  }
  const span = rounds[rounds.length - 1].start - rounds[0].start;
  const allowed = Math.floor(span / intervalMs) + 2;
  const gaps = rounds.slice(1).map((r, i) => r.start - rounds[i].start);
  const on = [...new Set(rounds.map(r => r.replica))].join('+');
  const detail = `${rounds.length} rounds on ${on} over ${(span / 1000).toFixed(
    0,
  )} s at ${intervalMs / 1000} s (grid allows ${allowed}), ${
    overlaps.length
  } overlapping${
    overlaps.length
      ? ` (first: ${overlaps[0][0].replica} until ${new Date(
          overlaps[0][0].end,
        ).toISOString()}, ${overlaps[0][1].replica} from ${new Date(
          overlaps[0][1].start,
        ).toISOString()})`
      : ''
  }; start gaps min ${Math.min(...gaps)} ms, median ${
    [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]
  } ms`;
  return { ok: overlaps.length === 0 && rounds.length <= allowed, detail };
}
