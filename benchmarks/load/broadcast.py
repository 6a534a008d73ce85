#!/usr/bin/env python3
"""One broadcast measured (bench.sh --broadcast): register a template, create a broadcast of it to a group, then
follow GET /api/v1/broadcasts/{id} until it is done. Prints the create call's latency, the time to fix the recipients
(startedAt - createdAt, both the service's clock), the send rate (recipients handled per second between startedAt and
endedAt, and messages accepted per second), GET latency while it runs and at the end, and the service's CPU.

    broadcast.py BASE_URL GROUP_ID SERVICE_PID
"""
import json
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime

base, group, pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            out = r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        out = e.code, json.loads(e.read() or b"null")
    return out + (time.perf_counter() - t0,)


def cpu_seconds(p):
    with open(f"/proc/{p}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    import os
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def at(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


status, body, _ = call("POST", "/api/v1/templates", {"name": "bench_notice", "language": "en", "category": "utility",
                                                     "body": "Hello {{1}}, the clinic opens on {{2}}"})
assert status in (201, 409), (status, body)
cpu0 = cpu_seconds(pid)
status, created, create_s = call("POST", "/api/v1/broadcasts", {
    "name": "bench", "template": {"name": "bench_notice", "params": ["friend", "Monday"]}, "to": {"group": group}})
assert status == 201, (status, created)
bid = created["id"]
gets = []
last = None
while True:
    status, b, get_s = call("GET", "/api/v1/broadcasts/" + bid)
    assert status == 200, (status, b)
    if b["status"] == "running":
        gets.append(get_s)
    if b["status"] != last:
        print(f"{time.strftime('%H:%M:%S')} {b['status']}: recipients {b['recipients']}, sent {b['sent']}, "
              f"refused {b['refused']}, queued {b['queued']}", file=sys.stderr)
        last = b["status"]
    if b["status"] in ("done", "cancelled"):
        break
    time.sleep(0.5)
cpu = cpu_seconds(pid) - cpu0
done_gets = sorted(call("GET", "/api/v1/broadcasts/" + bid)[2] for _ in range(50))
handled = b["sent"] + b["failed"] + sum(b["refused"].values())
send_s = at(b["endedAt"]) - at(b["startedAt"])
gets.sort()
print(json.dumps(b, indent=1), file=sys.stderr)
print(f"create answered in {create_s * 1000:.0f} ms")
print(f"recipients fixed: {b['recipients']} in {at(b['startedAt']) - at(b['createdAt']):.1f} s")
print(f"sent: {handled} handled ({b['sent']} accepted, {sum(b['refused'].values())} refused, {b['failed']} failed) "
      f"in {send_s:.1f} s: {handled / send_s:.0f} recipients/s, {b['sent'] / send_s:.0f} messages/s")
if gets:
    print(f"GET while running: median {gets[len(gets) // 2] * 1000:.1f} ms, max {gets[-1] * 1000:.1f} ms "
          f"({len(gets)} calls)")
print(f"GET when done: median {done_gets[25] * 1000:.1f} ms, p98 {done_gets[48] * 1000:.1f} ms")
print(f"service CPU: {cpu:.0f} s ({cpu / max(handled, 1) * 1e6:.0f} us per recipient)")
