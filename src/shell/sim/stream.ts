/**
 * A simulated run written to its store as it is made, as the runner writes
 * its trace: every so many events the shell drains what the simulation
 * recorded (src/sim/drain.ts) and appends it here, so memory holds a few
 * thousand events' records, not the run's.
 *
 *   history.jsonl       each op, as encodeJson writes it
 *   trace.jsonl         each input delivered to a node, ticks included
 *   node-logs/<id>.log  each node's log lines, "<seconds> <text>"
 *   sim.log             the command, seed and replay line, then the harness's log lines
 *
 * The bytes are those of the whole run written at its end.
 */
import { join } from 'node:path';
import type { SimRecords } from '../../sim/drain.js';
import { encodeJson } from '../json.js';
import { LineFile, type RunDir } from '../runner/store.js';

export class SimStream {
  private readonly history: LineFile;
  private readonly trace: LineFile;
  private readonly simLog: LineFile;
  private readonly nodeLogs: ReadonlyMap<string, LineFile>;

  /** `header`: sim.log's first lines, before the harness's. */
  constructor(run: RunDir, nodeIds: readonly string[], header: readonly string[]) {
    this.history = new LineFile(join(run.dir, 'history.jsonl'));
    this.trace = new LineFile(join(run.dir, 'trace.jsonl'));
    this.simLog = new LineFile(join(run.dir, 'sim.log'));
    this.nodeLogs = new Map(nodeIds.map((id) => [id, new LineFile(join(run.node_logs, `${id}.log`))]));
    for (const line of header) this.simLog.line(line);
  }

  write(records: SimRecords): void {
    for (const op of records.history) this.history.line(encodeJson(op));
    for (const entry of records.trace) this.trace.line(encodeJson(entry));
    for (const log of records.logs) (this.nodeLogs.get(log.source) ?? this.simLog).line(`${(log.time_ms / 1000).toFixed(6)} ${log.text}`);
  }

  /** Closes every file; `last`: lines that end sim.log. */
  close(last: readonly string[]): void {
    for (const line of last) this.simLog.line(line);
    for (const file of [this.history, this.trace, this.simLog, ...this.nodeLogs.values()]) file.close();
  }
}
