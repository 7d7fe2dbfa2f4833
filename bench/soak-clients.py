#!/usr/bin/env python3
"""The clients of bench/soak that wrk cannot play, each on its own thread:

  claims       creates one-time links at a steady rate; each must redirect
               exactly once (302), then answer 400, and its stats must load
  slow readers connections that pipeline 2,000 requests and never read an
  answer; each must be dropped within the idle timeout (+ margin)
  floods       1,000 pipelined requests on one connection, all read back
  garbage      bytes that are not HTTP, smuggling attempts, oversized
               headers, a 1 MiB request line, an oversized body behind
               Expect: 100-continue; each must get one 4xx and nothing else
  bursts       every BURST_EVERY seconds, BURST connections at once, each
               with one request that must be answered

Runs for --duration seconds, then prints one line
  CLIENTS {json of counters}
and exits 1 if any check failed (the first failures are printed before).
"""

import argparse
import errno
import http.client
import json
import os
import random
import resource
import select
import socket
import threading
import time

ap = argparse.ArgumentParser()
ap.add_argument("--port", type=int, required=True)
ap.add_argument("--duration", type=float, required=True)
ap.add_argument("--idle-timeout", type=float, required=True)
ap.add_argument("--hot-slug", required=True)
ap.add_argument("--create-rate", type=float, default=20.0)
ap.add_argument("--slow-readers", type=int, default=8)
ap.add_argument("--burst", type=int, default=1000)
ap.add_argument("--burst-every", type=float, default=30.0)
args = ap.parse_args()

HOST = "127.0.0.1"
END = time.monotonic() + args.duration
lock = threading.Lock()
counts = {}
failures = []


def count(name, n=1):
    with lock:
        counts[name] = counts.get(name, 0) + n


def fail(what):
    count("failures")
    with lock:
        if len(failures) < 20:
            failures.append(what)
            print("soak-clients: FAIL " + what, flush=True)


def running():
    return time.monotonic() < END


def connect(source=None, timeout=10.0):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if source:
        s.bind((source, 0))
    s.settimeout(timeout)
    s.connect((HOST, args.port))
    return s


def statuses(data):
    """Every status code in a byte stream of responses."""
    out, at = [], data.find(b"HTTP/1.1 ")
    while at >= 0:
        out.append(int(data[at + 9:at + 12]))
        at = data.find(b"HTTP/1.1 ", at + 1)
    return out


def read_until_closed(s, limit=1 << 20):
    data = b""
    try:
        while len(data) < limit:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except (socket.timeout, ConnectionResetError):
        pass
    return data


def claims():
    period = 1.0 / args.create_rate
    next_at = time.monotonic()
    conn = http.client.HTTPConnection(HOST, args.port, timeout=10)
    n = 0
    while running():
        n += 1
        try:
            conn.request("POST", "/api/create", json.dumps({"url": "https://example.com/claim/%d" % n, "max_clicks": 1}),
                         {"Content-Type": "application/json"})
            r = conn.getresponse()
            body = r.read()
            if r.status != 201:
                fail("create: %d %s" % (r.status, body[:200]))
                continue
            slug = json.loads(body)["slug"]
            count("created")
            for expected in (302, 400):
                conn.request("GET", "/" + slug)
                r = conn.getresponse()
                r.read()
                if r.status != expected:
                    fail("claim %d of one-time link %s: %d, expected %d" % (1 if expected == 302 else 2, slug, r.status, expected))
                else:
                    count("claims_302" if expected == 302 else "claims_400")
            conn.request("GET", "/api/stats/" + slug)
            r = conn.getresponse()
            r.read()
            if r.status != 200:
                fail("stats of %s: %d" % (slug, r.status))
            else:
                count("stats_200")
        except (OSError, http.client.HTTPException, ValueError, KeyError) as e:
            fail("claims: %r" % e)
            conn.close()
            conn = http.client.HTTPConnection(HOST, args.port, timeout=10)
        next_at += period
        delay = next_at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        else:
            next_at = time.monotonic()


def slow_reader(index):
    flood = b"GET /static/app.js HTTP/1.1\r\nHost: x\r\n\r\n" * 2000
    source = "127.0.4.%d" % (1 + index)
    while running():
        started = time.monotonic()
        try:
            s = connect(source, timeout=2.0)
            try:
                s.sendall(flood)
            except socket.timeout:
                pass  # the server stopped reading us, as it should
            # Wait for the server to drop us, without reading a byte: a reset
            # shows as POLLERR/POLLHUP.
            p = select.poll()
            p.register(s, select.POLLERR | select.POLLHUP | select.POLLRDHUP)
            limit = args.idle_timeout + 10
            dropped = False
            while time.monotonic() - started < limit:
                if p.poll(500):
                    dropped = True
                    break
            if dropped:
                count("slow_readers_dropped")
            else:
                fail("a connection that never reads was still open after %.0f s" % limit)
            s.close()
        except OSError as e:
            fail("slow reader: %r" % e)
            time.sleep(1)


def floods():
    while running():
        try:
            s = connect("127.0.5.1")
            n = 1000
            s.sendall(("GET /%s HTTP/1.1\r\nHost: x\r\n\r\n" % args.hot_slug).encode() * n)
            data = b""
            while data.count(b"HTTP/1.1 ") < n:
                chunk = s.recv(1 << 20)
                if not chunk:
                    break
                data += chunk
            got = statuses(data)
            if got.count(302) != n:
                fail("pipelined flood: %d of %d answers were 302 (%s)" % (got.count(302), n, sorted(set(got))))
            else:
                count("flood_requests", n)
            s.close()
        except OSError as e:
            fail("flood: %r" % e)
        time.sleep(0.2)


def smuggle(line):
    hidden = b"GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n"
    return b"GET /robots.txt HTTP/1.1\r\nHost: x\r\n" + line % len(hidden) + b"\r\n\r\n" + hidden


GARBAGE = [
    ("not http", lambda: b"garbage\r\n\r\n"),
    ("random bytes", lambda: bytes(random.getrandbits(8) for _ in range(512)) + b"\r\n\r\n"),
    ("content-length with transfer-encoding", lambda: smuggle(b"Content-Length: %d\r\nTransfer-Encoding: chunked")),
    ("duplicate content-length", lambda: smuggle(b"Content-Length: %d\r\nContent-Length: 0")),
    ("folded content-length", lambda: smuggle(b"X-A: a\r\n Content-Length: %d")),
    ("bare cr", lambda: smuggle(b"X-A: a\rContent-Length: %d")),
    ("20 KiB header", lambda: b"GET / HTTP/1.1\r\nX-Pad: " + b"a" * 20000 + b"\r\n\r\n"),
    ("1 MiB request line", lambda: b"GET /" + b"a" * (1 << 20) + b" HTTP/1.1\r\n\r\n"),
    ("expect on 100 MB", lambda: b"POST /api/create HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                                 b"Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n" + b"x" * 65536),
]


def garbage():
    while running():
        name, make = random.choice(GARBAGE)
        try:
            s = connect()
            try:
                s.sendall(make())
            except (BrokenPipeError, ConnectionResetError, socket.timeout):
                pass  # refused before it was all sent
            got = statuses(read_until_closed(s))
            if len(got) > 1 or (got and not 400 <= got[0] < 500):
                fail("%s: answered %s" % (name, got))
            else:
                count("garbage_refused")
            s.close()
        except OSError as e:
            fail("garbage (%s): %r" % (name, e))
        time.sleep(0.05)


def bursts():
    request = ("GET /%s HTTP/1.1\r\nHost: x\r\n\r\n" % args.hot_slug).encode()
    while running():
        deadline = time.monotonic() + args.burst_every
        socks = []
        try:
            for i in range(args.burst):
                socks.append(connect("127.0.6.%d" % (1 + i % 16)))
            for s in socks:
                s.sendall(request)
            answered = 0
            for s in socks:
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = s.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                answered += data.startswith(b"HTTP/1.1 302")
            if answered != args.burst:
                fail("burst: %d of %d connections got their redirect" % (answered, args.burst))
            else:
                count("burst_connections", answered)
        except OSError as e:
            fail("burst: %r" % e)
        for s in socks:
            s.close()
        while running() and time.monotonic() < deadline:
            time.sleep(0.5)


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, args.burst + 256)), hard))
    workers = [threading.Thread(target=claims), threading.Thread(target=floods),
               threading.Thread(target=garbage), threading.Thread(target=bursts)]
    workers += [threading.Thread(target=slow_reader, args=(i,)) for i in range(args.slow_readers)]
    for w in workers:
        w.daemon = True
        w.start()
    for w in workers:
        w.join(timeout=max(0.0, END - time.monotonic()) + args.idle_timeout + 30)
    with lock:
        print("CLIENTS " + json.dumps(counts, sort_keys=True), flush=True)
    os._exit(1 if counts.get("failures") else 0)


main()
