#!/usr/bin/env python3
"""Slow clients against the real `jianmei serve` (issue 22): opens N slow connections
(a third trickle their header a byte at a time, a third are idle keep-alives after one request,
a third trickle a body), and meanwhile a well-behaved client on 127.0.0.1 asks GET /healthz and
POST /api/v1/screen on one kept-alive connection. Then SIGTERM, and the server must exit 0
within the drain deadline plus one second.

  tests/slow_clients.py --jianmei BUILD/jianmei [--slow 200] [--seconds 4] [--max-ms 100]
                        [--sources 0] [--drain-ms MS] [--config 'key = value']

As a test (ctest server_slow_clients): fails when any answer of the good client takes longer
than --max-ms, when a slow connection was refused or closed early, or on a bad exit.
--sources K spreads the slow connections over 127.0.0.2 … 127.0.0.(K+1) (the good client stays
on 127.0.0.1); with K = 0 they come from 127.0.0.1 like the good client. It always prints the
good client's p50/p99 (bench/slow_clients_bench.sh runs it with 1,000 slow connections).
"""
import argparse
import http.client
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time


def start_server(jianmei, kb, home, extra_config):
    config = os.path.join(home, "server.toml")
    with open(config, "w") as f:
        f.write("[server]\nport = 0\nrate_per_second = 0\n" + extra_config)
    proc = subprocess.Popen([jianmei, "--kb", kb, "serve", "--config", config],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, JIANMEI_HOME=home))
    line = proc.stdout.readline()
    if not line.startswith("listening on "):
        proc.kill()
        sys.exit("server did not start: " + line + proc.stderr.read())
    host, port = line.split()[-1].rsplit(":", 1)
    return proc, int(port)


def open_slow(port, n, sources):
    """Returns (socket, kind) pairs, with each kind's first bytes sent."""
    conns = []
    for i in range(n):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if sources > 0:
            s.bind(("127.0.0.%d" % (2 + i % sources), 0))
        s.connect(("127.0.0.1", port))
        kind = ("header", "idle", "body")[i % 3]
        if kind == "header":
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        elif kind == "idle":
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        else:
            s.sendall(b"POST /api/v1/screen HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 100000\r\n\r\n{\"text\":\"")
        conns.append((s, kind))
    return conns


def trickle(conns, stop):
    """One byte per second on each header and body connection, until stop is set."""
    while not stop.wait(1.0):
        for s, kind in conns:
            if kind != "idle":
                try:
                    s.send(b"a")
                except OSError:
                    pass


def still_open(conns):
    """Counts the slow connections the server has neither closed nor refused."""
    alive = 0
    for s, kind in conns:
        s.setblocking(False)
        try:
            data = s.recv(65536)
            # The idle ones got their one answer; anything else (or EOF) means closed or refused.
            if kind == "idle" and data.startswith(b"HTTP/1.1 200"):
                try:
                    more = s.recv(65536)
                    alive += 0 if more == b"" else 1
                except BlockingIOError:
                    alive += 1
        except BlockingIOError:
            alive += 1
        except OSError:
            pass
        s.setblocking(True)
    return alive


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100.0 * (len(values) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jianmei", required=True)
    ap.add_argument("--kb", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kb"))
    ap.add_argument("--slow", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=4)
    ap.add_argument("--max-ms", type=float, default=100)
    ap.add_argument("--sources", type=int, default=0)
    ap.add_argument("--drain-ms", type=int, default=None,
                    help="drain_timeout_ms to configure (default: the server's own, 10000)")
    ap.add_argument("--config", default="", help="extra [server] lines")
    args = ap.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, args.slow + 256)), hard))

    failures = []
    with tempfile.TemporaryDirectory() as home:
        extra = args.config.replace("\\n", "\n") + "\n"
        if args.drain_ms is not None:
            extra += "drain_timeout_ms = %d\n" % args.drain_ms
        drain_ms = 10000 if args.drain_ms is None else args.drain_ms
        proc, port = start_server(args.jianmei, args.kb, home, extra)
        try:
            good = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            good.request("GET", "/healthz")
            good.getresponse().read()
            conns = open_slow(port, args.slow, args.sources)
            stop = threading.Event()
            trickler = threading.Thread(target=trickle, args=(conns, stop), daemon=True)
            trickler.start()
            body = json.dumps({"text": "小腿肌肉阻断术，没有副作用，不反弹，仅需39800"})
            latencies = []
            end = time.monotonic() + args.seconds
            i = 0
            while time.monotonic() < end:
                start = time.monotonic()
                try:
                    if i % 2 == 0:
                        good.request("GET", "/healthz")
                    else:
                        good.request("POST", "/api/v1/screen", body, {"Content-Type": "application/json"})
                    r = good.getresponse()
                    r.read()
                    if r.status != 200:
                        failures.append("good client got %d" % r.status)
                except (http.client.HTTPException, OSError) as e:
                    failures.append("good client: %s after %.0f ms" % (e, (time.monotonic() - start) * 1000))
                    good.close()
                    good = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                latencies.append((time.monotonic() - start) * 1000)
                i += 1
                time.sleep(0.01)
            stop.set()
            trickler.join()
            alive = still_open(conns)
            worst = max(latencies)
            print("slow connections: %d open of %d (from %s); good client: %d answers, p50 %.2f ms, "
                  "p99 %.2f ms, max %.2f ms" % (alive, args.slow,
                                                "127.0.0.1" if args.sources == 0 else
                                                "%d addresses" % args.sources, len(latencies),
                                                percentile(latencies, 50), percentile(latencies, 99), worst))
            if worst > args.max_ms:
                failures.append("an answer took %.1f ms, more than %.0f ms" % (worst, args.max_ms))
            if alive < args.slow:
                failures.append("%d slow connections were closed or refused early" % (args.slow - alive))
            good.close()
            start = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            try:
                code = proc.wait(timeout=drain_ms / 1000.0 + 1)
                took = time.monotonic() - start
                print("SIGTERM: exit %d after %.2f s (drain deadline %.1f s)" % (code, took, drain_ms / 1000.0))
                if code != 0:
                    failures.append("exit %d after SIGTERM" % code)
            except subprocess.TimeoutExpired:
                failures.append("still running %.1f s after SIGTERM" % (drain_ms / 1000.0 + 1))
            for s, _ in conns:
                s.close()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    for f in failures:
        print("FAIL: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
