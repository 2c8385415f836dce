/**
 * Transcript tests of one node: each file in test/transcripts holds request
 * lines (`> `) and, after each, exactly what the node did (`< ` a message
 * sent, `! ` a log line or a skipped input), replayed through decode+step.
 * After an intended change of behaviour, rewrite them with
 * UPDATE_TRANSCRIPTS=1 and review the diff.
 */
import { join } from 'node:path';
import { initialNodeState } from '../../src/core/node/state.js';
import { feedLine } from '../support/feed.js';
import { describeTranscripts } from '../support/transcripts.js';

describeTranscripts('transcripts', join(import.meta.dirname, '..', 'transcripts'), 6, () => {
  let state = initialNodeState();
  return (line, output) => {
    if (!line.startsWith('> ')) return;
    const fed = feedLine(state, line.slice(2));
    state = fed.state;
    output.push(...fed.output);
  };
});
