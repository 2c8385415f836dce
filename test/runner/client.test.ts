/**
 * The kafka client, one RPC at a time: what it puts on the wire and how each
 * reply (or its absence) ends the operation.
 */
import { describe, expect, it } from 'vitest';
import type { Body } from '../../src/core/machine.js';
import { clientReceive, expireClient, invokeClient, openClient, type ClientStep, type KafkaClient } from '../../src/maelstrom/workload/client.js';

const TIMEOUT = 5000;
/** A reply body before its in_reply_to is filled in (Omit would drop `type` along with the index signature). */
type ReplyBody = Pick<Body, 'type'> & Readonly<Record<string, unknown>>;

const reply = (step: ClientStep, body: ReplyBody, now_ms = 1): ClientStep =>
  clientReceive(step.client, { ...body, in_reply_to: step.client.pending!.msg_id }, now_ms, TIMEOUT);

const fresh = (positions: Record<string, number> = {}): KafkaClient => ({ ...openClient('c9', 'n1'), positions });

describe('the kafka client', () => {
  it('sends, then records the offset it was given', () => {
    const sent = invokeClient(fresh(), { f: 'send', key: '3', msg: 7 }, 0, TIMEOUT);
    expect(sent.request).toEqual({ src: 'c9', dest: 'n1', body: { type: 'send', msg_id: 1, key: '3', msg: 7 } });
    const done = reply(sent, { type: 'send_ok', offset: 12 });
    expect(done.outcome).toEqual({ type: 'ok', value: [['send', '3', [12, 7]]] });
    expect(done.client.pending).toBeNull();
  });

  it('polls from its positions, advances them, and commits the highest offsets in the same operation', () => {
    const polled = invokeClient(fresh({ a: 2, b: 0 }), { f: 'poll' }, 0, TIMEOUT);
    expect(polled.request?.body).toEqual({ type: 'poll', msg_id: 1, offsets: { a: 2, b: 0 } });
    const msgs = { a: [[2, 'x'], [3, 'y']], b: [] };
    const committing = reply(polled, { type: 'poll_ok', msgs });
    expect(committing.outcome).toBeNull();
    expect(committing.request?.body).toEqual({ type: 'commit_offsets', msg_id: 2, offsets: { a: 3 } });
    expect(committing.client.positions).toEqual({ a: 4, b: 0 });
    const done = reply(committing, { type: 'commit_offsets_ok' });
    expect(done.outcome).toEqual({ type: 'ok', value: [['poll', msgs]] });
  });

  it('does not commit after a poll that returned nothing', () => {
    const polled = invokeClient(fresh({ a: 0 }), { f: 'poll' }, 0, TIMEOUT);
    const done = reply(polled, { type: 'poll_ok', msgs: {} });
    expect(done.request).toBeNull();
    expect(done.outcome).toEqual({ type: 'ok', value: [['poll', {}]] });
  });

  it('asks for the committed offsets on assign and, as Maelstrom 0.2.3, ignores them: own position, else 0', () => {
    const asked = invokeClient(fresh({ a: 5, z: 9 }), { f: 'assign', keys: ['a', 'b', 'c'], seek_to_beginning: false }, 0, TIMEOUT);
    expect(asked.request?.body).toEqual({ type: 'list_committed_offsets', msg_id: 1, keys: ['a', 'b', 'c'] });
    const done = reply(asked, { type: 'list_committed_offsets_ok', offsets: { a: 1, b: 4, c: -1 } });
    expect(done.outcome).toEqual({ type: 'ok', value: ['a', 'b', 'c'] });
    expect(done.client.positions).toEqual({ a: 5, b: 0, c: 0 });
  });

  it('in strict mode resumes a key it has no position for at its committed offset', () => {
    const asked = invokeClient(fresh({ a: 5, z: 9 }), { f: 'assign', keys: ['a', 'b', 'c'], seek_to_beginning: false }, 0, TIMEOUT);
    const body = { type: 'list_committed_offsets_ok', offsets: { a: 1, b: 4 }, in_reply_to: asked.client.pending!.msg_id };
    const done = clientReceive(asked.client, body, 1, TIMEOUT, true);
    expect(done.client.positions).toEqual({ a: 5, b: 4, c: 0 });
  });

  it('fails an assign on any error or timeout (Maelstrom counts assign idempotent), keeping its positions', () => {
    const assign = { f: 'assign', keys: ['a'], seek_to_beginning: false } as const;
    const asked = invokeClient(fresh({ a: 3 }), assign, 0, TIMEOUT);
    const errored = reply(asked, { type: 'error', code: 13, text: 'crashed' });
    expect(errored.outcome).toEqual({ type: 'fail', error: [13, 'crashed'] });
    expect(errored.client.positions).toEqual({ a: 3 });
    expect(expireClient(asked.client, TIMEOUT).outcome).toEqual({ type: 'fail', error: 'timeout' });
  });

  it('is info on a list_committed_offsets reply that breaks the schema: Maelstrom checks it though it ignores it', () => {
    const asked = invokeClient(fresh(), { f: 'assign', keys: ['a'], seek_to_beginning: false }, 0, TIMEOUT);
    expect(reply(asked, { type: 'list_committed_offsets_ok', offsets: { a: 'x' } }).outcome?.type).toBe('info');
    expect(reply(asked, { type: 'fetch_committed_offsets_ok', offsets: {} }).outcome?.type).toBe('info');
    expect(reply(asked, { type: 'list_committed_offsets_ok', offsets: {}, note: 1 }).outcome?.type).toBe('info');
    expect(reply(asked, { type: 'list_committed_offsets_ok', offsets: {}, msg_id: 4 }).outcome?.type).toBe('ok');
  });

  it('seeks to the beginning without an RPC', () => {
    const done = invokeClient(fresh({ a: 5 }), { f: 'assign', keys: ['a', 'b'], seek_to_beginning: true }, 0, TIMEOUT);
    expect(done.request).toBeNull();
    expect(done.outcome?.type).toBe('ok');
    expect(done.client.positions).toEqual({ a: 0, b: 0 });
  });

  it('fails on an error code Maelstrom registers as definite, and is info on any other', () => {
    const sent = invokeClient(fresh(), { f: 'send', key: '1', msg: 1 }, 0, TIMEOUT);
    expect(reply(sent, { type: 'error', code: 11, text: 'busy' }).outcome).toEqual({ type: 'fail', error: [11, 'busy'] });
    expect(reply(sent, { type: 'error', code: 13, text: 'crashed' }).outcome?.type).toBe('info');
    expect(reply(sent, { type: 'error', code: 1000, text: 'custom' }).outcome?.type).toBe('info');
    expect(reply(sent, { type: 'error', code: 5, text: 'unregistered' }).outcome?.type).toBe('info');
    expect(reply(sent, { type: 'error', text: 'no code' }).outcome?.type).toBe('info');
  });

  it('ends a poll as its commit ends: fail on a definite error, with its positions advanced all the same', () => {
    const polled = invokeClient(fresh({ a: 0 }), { f: 'poll' }, 0, TIMEOUT);
    const committing = reply(polled, { type: 'poll_ok', msgs: { a: [[0, 1]] } });
    const failed = reply(committing, { type: 'error', code: 11, text: 'no' });
    expect(failed.outcome?.type).toBe('fail');
    expect(failed.client.positions).toEqual({ a: 1 });
    expect(reply(committing, { type: 'error', code: 0, text: 'lost' }).outcome?.type).toBe('info');
  });

  it('times out after timeout_ms of silence, as info', () => {
    const sent = invokeClient(fresh(), { f: 'send', key: '1', msg: 1 }, 100, TIMEOUT);
    expect(expireClient(sent.client, 100 + TIMEOUT - 1).outcome).toBeNull();
    expect(expireClient(sent.client, 100 + TIMEOUT).outcome).toEqual({ type: 'info', error: 'timeout' });
  });

  it('treats a reply that breaks the schema as malformed, info', () => {
    const sent = invokeClient(fresh(), { f: 'send', key: '1', msg: 1 }, 0, TIMEOUT);
    const done = reply(sent, { type: 'send_ok', offset: 'three' });
    expect(done.outcome?.type).toBe('info');
    expect((done.outcome as { error: unknown[] }).error[0]).toBe('malformed-reply');
    const polled = invokeClient(fresh({ a: 0 }), { f: 'poll' }, 0, TIMEOUT);
    expect(reply(polled, { type: 'poll_ok', msgs: { a: [[0]] } }).outcome?.type).toBe('info');
  });

  it('numbers its requests from 1 and ends a crash at once', () => {
    const first = invokeClient(fresh(), { f: 'send', key: '1', msg: 1 }, 0, TIMEOUT);
    const second = invokeClient(reply(first, { type: 'send_ok', offset: 0 }).client, { f: 'poll' }, 2, TIMEOUT);
    expect(second.request?.body.msg_id).toBe(2);
    expect(invokeClient(fresh(), { f: 'crash' }, 0, TIMEOUT).outcome).toEqual({ type: 'info', error: 'crash' });
  });
});
