/**
 * The run at a glance: the verdict (with the checker's warnings, and the
 * verdict that came with the run, e.g. Maelstrom's results.edn, beside it),
 * what the history holds, how the replay was made and how faithful it is,
 * and anything the page must warn about.
 */
import { renderComparison, type MaelstromComparison } from '../../../src/checker/index.js';
import type { Fidelity } from '../replay/fidelity.js';
import type { Replay } from '../replay/replay.js';
import { fill, h, ms, type Child } from './dom.js';
import type { Actions, Frame, Loaded } from './frame.js';

const percent = (part: number, whole: number): string => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(part === whole ? 0 : 1)}%`);

export class SummaryPanel {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'summary-body' });
  private loaded: Loaded | undefined;

  constructor(private readonly actions: Actions) {
    this.element = h('section', { class: 'panel summary', attrs: { id: 'summary' } }, h('header', null, h('h2', null, 'Run')), this.body);
  }

  update(frame: Frame): void {
    if (frame.loaded === this.loaded) return;
    this.loaded = frame.loaded;
    const { run, check, maelstrom, replay, timeline } = frame.loaded;
    const stats = check.stats;
    const byF = Object.entries(stats['by-f'])
      .filter(([f]) => f !== 'crash')
      .map(([f, s]) => `${f} ${s.count} (${percent(s['ok-count'], s.count)} ok)`)
      .join(', ');
    fill(
      this.body,
      h(
        'p',
        { class: 'verdict-line' },
        h('span', { class: `badge ${check['valid?'] ? 'good' : 'bad'}` }, check['valid?'] ? 'VALID' : 'INVALID'),
        ' ',
        check['valid?'] ? 'no anomaly Maelstrom counts as an error' : `${check['bad-error-types'].join(', ')}`,
      ),
      ...(check.warnings ?? []).map((warning) => h('p', { class: 'warn checker-warning' }, 'Checker warning: ', warning)),
      maelstrom === undefined ? null : comparison(maelstrom),
      h('p', null, `${stats.count} completed client ops${byF === '' ? '' : `: ${byF}`}; ${ms(timeline.end_ms)} of history.`),
      replay === undefined ? null : this.replayFacts(replay, run.nodeConfigSource),
      ...run.notes.map((note) => h('p', { class: 'note' }, note)),
    );
  }

  private replayFacts(replay: Replay, configSource: string): Child {
    const f: Fidelity = replay.fidelity;
    const inferred = replay.steps.length - replay.steps.filter((s) => s.traceLine > 0).length;
    const jump = (step: number | undefined, text: string): Child => (step === undefined ? null : h('button', { class: 'link', on: { click: () => this.actions.go(step + 1) } }, text));
    return h(
      'div',
      null,
      h('p', null, `${replay.nodeIds.length} node${replay.nodeIds.length === 1 ? '' : 's'} (${replay.nodeIds.join(', ')}), ${replay.length} steps replayed through the node reducer with ${configSource === 'the defaults' ? 'the default settings' : `settings from ${configSource}`}; a snapshot every ${replay.snapshotEvery} steps.`),
      replay.tickSource === 'inferred'
        ? h('p', { class: 'muted' }, `Ticks: ${inferred} inferred (this trace was recorded outside the nodes, by the runner's router, which cannot see them; tick-inference places each where the node's next peer message says it was), and each node's init read at ${[...replay.initTimes].map(([id, t]) => `${id} ${t.toFixed(0)} ms`).join(', ') || 'the written time'}.`)
        : h('p', { class: 'muted' }, 'Ticks: recorded in the trace (by the simulator, or by our nodes themselves under the runner): the replay is exact.'),
      h(
        'p',
        null,
        'Fidelity: ',
        f.sendsCompared === 0 ? 'no acknowledged send to compare' : `${f.sendsAgreeing} of ${f.sendsCompared} send offsets agree with the history`,
        '; ',
        f.peerDelivered === 0 ? 'no peer messages' : `${f.peerReproduced} of ${f.peerDelivered} peer messages reproduced exactly (${percent(f.peerReproduced, f.peerDelivered)})`,
        f.stepErrors === 0 ? '' : `; ${f.stepErrors} steps threw`,
        '.',
      ),
      f.firstSendDisagreement === undefined ? null : h('p', { class: 'warn' }, `First offset disagreement: ${f.firstSendDisagreement.text} `, jump(f.firstSendDisagreement.step, 'go there')),
      f.firstPeerDisagreement === undefined ? null : h('p', { class: 'muted' }, `First peer message that differs: ${f.firstPeerDisagreement.text} `, jump(f.firstPeerDisagreement.step, 'go there')),
      f.firstStepError === undefined ? null : h('p', { class: 'warn' }, `${f.firstStepError.text} `, jump(f.firstStepError.step, 'go there')),
    );
  }
}

const VERDICT_BADGES = new Map<unknown, readonly [string, string]>([
  [true, ['good', 'VALID']],
  [false, ['bad', 'INVALID']],
  ['unknown', ['warn', 'UNKNOWN']],
]);

/** The other verdict, in the checker's own words (renderComparison), its differences from ours as a list. */
const comparison = (c: MaelstromComparison): Child => {
  const [headline, ...rest] = renderComparison(c);
  const theirs = c.maelstrom.workload?.['valid?'] ?? c.maelstrom['valid?'];
  const [badgeClass, badgeText] = VERDICT_BADGES.get(theirs) ?? ['muted-badge', 'NO VERDICT'];
  const differences = rest.map((line) => line.trim()).filter((line) => line.startsWith('- '));
  const remarks = rest.map((line) => line.trim()).filter((line) => !line.startsWith('- '));
  return h(
    'div',
    { class: 'other-verdict', attrs: { id: 'other-verdict' } },
    h('p', { class: 'verdict-line' }, h('span', { class: `badge ${badgeClass}` }, badgeText), ' ', headline),
    ...remarks.map((line) => h('p', { class: c.differences.length === 0 ? 'muted' : 'warn' }, line)),
    differences.length === 0 ? null : h('ul', { class: 'differences' }, ...differences.map((line) => h('li', { class: 'warn' }, line.slice(2)))),
  );
};
