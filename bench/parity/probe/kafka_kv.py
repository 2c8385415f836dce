#!/usr/bin/env python3
"""A Gossip-Glomers-style kafka node (5b), written the way public Python
solutions are, to probe parity on a node we did not design: offsets come from
a CAS loop on one counter per key in a key-value service (lin-kv by default,
seq-kv with KV_SERVICE=seq-kv or --seq-kv), each message is written to the
service under "msg_<key>_<offset>", committed offsets under "commit_<key>".
A poll reads the counter and then messages from the offset up, stopping at the
first one it cannot read. Dev probe for `npm run parity`, not a test fixture."""
import json
import os
import sys
import threading

SERVICE = "seq-kv" if "--seq-kv" in sys.argv else os.environ.get("KV_SERVICE", "lin-kv")
MAX_POLL = 10

lock = threading.Lock()
out_lock = threading.Lock()
next_id = [0]
waiting = {}
node_id = [None]
cache = {}  # (key, offset) -> msg: messages are immutable once written


def emit(msg):
    with out_lock:
        sys.stdout.write(json.dumps(msg) + "\n")
        sys.stdout.flush()


def reply(req, body):
    body["in_reply_to"] = req["body"].get("msg_id")
    emit({"src": node_id[0], "dest": req["src"], "body": body})


def rpc(dest, body):
    event = threading.Event()
    with lock:
        next_id[0] += 1
        mid = next_id[0]
        waiting[mid] = [event, None]
    body["msg_id"] = mid
    emit({"src": node_id[0], "dest": dest, "body": body})
    if not event.wait(5):
        with lock:
            waiting.pop(mid, None)
        raise TimeoutError(body["type"])
    with lock:
        return waiting.pop(mid)[1]


def kv_read(key):
    body = rpc(SERVICE, {"type": "read", "key": key})
    if body["type"] == "read_ok":
        return body["value"]
    if body.get("code") == 20:
        return None
    raise RuntimeError(body)


def kv_write(key, value):
    body = rpc(SERVICE, {"type": "write", "key": key, "value": value})
    if body["type"] != "write_ok":
        raise RuntimeError(body)


def kv_cas(key, frm, to):
    body = rpc(SERVICE, {"type": "cas", "key": key, "from": frm, "to": to, "create_if_not_exists": True})
    if body["type"] == "cas_ok":
        return True
    if body.get("code") in (20, 22):
        return False
    raise RuntimeError(body)


def allocate(key):
    while True:
        current = kv_read("offset_" + key)
        nxt = 0 if current is None else current + 1
        if kv_cas("offset_" + key, current, nxt):
            return nxt


def read_msg(key, offset):
    if (key, offset) in cache:
        return cache[(key, offset)]
    value = kv_read("msg_%s_%d" % (key, offset))
    if value is not None:
        cache[(key, offset)] = value
    return value


def poll_key(key, start):
    latest = kv_read("offset_" + key)
    if latest is None:
        return []
    msgs = []
    for offset in range(max(start, 0), min(latest, start + MAX_POLL - 1) + 1):
        value = read_msg(key, offset)
        if value is None:
            break
        msgs.append([offset, value])
    return msgs


def handle(req):
    body = req["body"]
    kind = body["type"]
    try:
        if kind == "init":
            node_id[0] = body["node_id"]
            reply(req, {"type": "init_ok"})
        elif kind == "send":
            offset = allocate(body["key"])
            kv_write("msg_%s_%d" % (body["key"], offset), body["msg"])
            cache[(body["key"], offset)] = body["msg"]
            reply(req, {"type": "send_ok", "offset": offset})
        elif kind == "poll":
            msgs = {k: poll_key(k, o) for k, o in body["offsets"].items()}
            reply(req, {"type": "poll_ok", "msgs": msgs})
        elif kind == "commit_offsets":
            for k, o in body["offsets"].items():
                while True:
                    current = kv_read("commit_" + k)
                    if current is not None and current >= o:
                        break
                    if kv_cas("commit_" + k, current, o):
                        break
            reply(req, {"type": "commit_offsets_ok"})
        elif kind == "list_committed_offsets":
            offsets = {}
            for k in body["keys"]:
                current = kv_read("commit_" + k)
                if current is not None:
                    offsets[k] = current
            reply(req, {"type": "list_committed_offsets_ok", "offsets": offsets})
    except Exception as error:  # a timed-out service call: the client's RPC times out too
        print("error on %s: %r" % (kind, error), file=sys.stderr, flush=True)


def main():
    for line in sys.stdin:
        req = json.loads(line)
        irt = req["body"].get("in_reply_to")
        if irt is not None:
            with lock:
                slot = waiting.get(irt)
                if slot is not None:
                    slot[1] = req["body"]
                    slot[0].set()
            continue
        threading.Thread(target=handle, args=(req,), daemon=True).start()


main()
