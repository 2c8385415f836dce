/**
 * The ops an analysis cites, without holding every op.
 *
 * The index keeps no ops (history-index.ts), yet anomalies cite them whole.
 * So an analysis asks for op position o and gets a placeholder object, the
 * same one each time it asks for o (anomalies that cite one op share it, as
 * they did when ops were held). When the analyses are done, `wanted` lists
 * the cited ops by their position in what was fed to the builder, the caller
 * finds just those again (in the array it holds, or by re-reading their
 * lines), and `fill` copies each into its placeholder.
 *
 * Invariant: a placeholder is empty until `fill`; nothing that holds one is
 * handed out before then (check.ts returns the result only after filling).
 *
 * A caller that holds the ops anyway says so with `lookUpAt`: then the
 * ops themselves are cited, no placeholders, as callers that compare ops by
 * identity expect.
 */
import type { Op } from '../maelstrom/history/op.js';

/** Finds an op by its position among the ops fed to the builder (nemesis included); undefined if there is none. */
export type OpLookup = (seq: number) => Op | undefined;

export class Citations {
  /** Op position -> its placeholder. */
  private readonly cited = new Map<number, Op>();
  private lookup: OpLookup | null = null;

  /** @param opSeq op position -> position among all ops fed */
  constructor(private readonly opSeq: Int32Array) {}

  /** Cite the ops `lookup` finds from now on, instead of placeholders. */
  lookUpAt(lookup: OpLookup): void {
    this.lookup = lookup;
  }

  cite(o: number): Op {
    let op = this.cited.get(o);
    if (op === undefined) this.cited.set(o, (op = this.lookup === null ? ({} as Op) : this.find(this.lookup, o)));
    return op;
  }

  /** The cited ops' positions among all ops fed, ascending. */
  wanted(): number[] {
    return [...this.cited.keys()].map((o) => this.opSeq[o] as number).sort((a, b) => a - b);
  }

  fill(lookup: OpLookup): void {
    if (this.lookup !== null) return;
    for (const [o, placeholder] of this.cited) Object.assign(placeholder, this.find(lookup, o));
  }

  private find(lookup: OpLookup, o: number): Op {
    const seq = this.opSeq[o] as number;
    const op = lookup(seq);
    // The caller fed these very ops; not finding one again is a bug, not bad input.
    if (op === undefined) throw new Error(`cited op ${seq} not found again`);
    return op;
  }
}
