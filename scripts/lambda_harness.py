#!/usr/bin/env python3
"""A Lambda Runtime API of our own, for `make bench`: runs a bootstrap as Lambda does and times it.

Serves the 2018-06-01 interface a custom runtime polls (`invocation/next`, `.../response`,
`.../error`, `init/error`) on a loopback port, starts the bootstrap with
`AWS_LAMBDA_RUNTIME_API` pointing at it, hands it one event at a time, and reports, in ms:
  init_ms          exec to the bootstrap's first `GET invocation/next`
  first_ms         exec to the first response posted (what a cold request waits for)
  first_invoke_ms  the first invocation alone: event handed over to response posted
  warm_p50_ms, warm_p99_ms  the same for the invocations after it
and peak_rss_kb, the bootstrap's peak resident set. Standard library only.

    python3 scripts/lambda_harness.py --bin target/release/weak-password-verification \\
        --event events/weak-password-verification/v2-strong-password.json --warm 100 --env K=V
"""
import argparse
import http.server
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

API = "/2018-06-01/runtime"
# A bootstrap that has not asked for its first event by then failed its init.
INIT_TIMEOUT_S = 30
INVOKE_TIMEOUT_S = 30


class Invocation:
    def __init__(self, event):
        self.id = str(uuid.uuid4())
        self.event = event
        self.handed_at = None
        self.answered_at = None
        self.status = None
        self.body = None
        self.done = threading.Event()


class RuntimeApi(http.server.ThreadingHTTPServer):
    """The service side of the Runtime API, one invocation at a time."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.pending = queue.Queue()
        self.in_flight = {}
        self.first_poll_at = None
        self.polled = threading.Event()
        self.init_error = None

    def handle_error(self, request, client_address):
        """The bootstrap is killed at the end of a run, mid-poll: that is no error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out as separate writes: with Nagle's algorithm on, the body would wait
    # for the runtime's delayed ACK (~40 ms) on every warm invocation.
    disable_nagle_algorithm = True

    def log_message(self, *_):
        pass

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def do_GET(self):
        api = self.server
        if self.path != f"{API}/invocation/next":
            return self.reply(404)
        if api.first_poll_at is None:
            api.first_poll_at = time.perf_counter()
            api.polled.set()
        invocation = api.pending.get()
        if invocation is None:  # the run is over
            return self.reply(410)
        api.in_flight[invocation.id] = invocation
        body = invocation.event.encode()
        headers = [
            ("Content-Type", "application/json"),
            ("Lambda-Runtime-Aws-Request-Id", invocation.id),
            ("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 30_000)),
            ("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:000000000000:function:bench"),
            ("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000"),
        ]
        invocation.handed_at = time.perf_counter()
        self.reply(200, body, headers)

    def do_POST(self):
        api = self.server
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        parts = self.path[len(API) + 1:].split("/")
        if parts == ["init", "error"]:
            api.init_error = body.decode(errors="replace")
            api.polled.set()
            return self.reply(202)
        if len(parts) == 3 and parts[0] == "invocation" and parts[2] in ("response", "error"):
            invocation = api.in_flight.pop(parts[1], None)
            if invocation is None:
                return self.reply(400)
            invocation.answered_at = time.perf_counter()
            invocation.status = parts[2]
            invocation.body = body.decode(errors="replace")
            self.reply(202)
            return invocation.done.set()
        self.reply(404)


def peak_rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def run(binary, events, warm, env):
    """Cold-starts `binary`, invokes it with the first event, then `warm` more times cycling
    through the events; returns the figures and every response."""
    api = RuntimeApi()
    threading.Thread(target=api.serve_forever, daemon=True).start()
    host, port = api.server_address
    child_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "AWS_LAMBDA_RUNTIME_API": f"{host}:{port}",
        "AWS_LAMBDA_FUNCTION_NAME": "bench",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128",
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/bench",
        "AWS_LAMBDA_LOG_STREAM_NAME": "bench",
        "AWS_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        **env,
    }
    invocations = [Invocation(events[index % len(events)]) for index in range(1 + warm)]
    # The function's logs go to a file: a pipe nobody reads would fill and stall it.
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen([str(binary)], env=child_env, stdout=log, stderr=subprocess.STDOUT)
        try:
            failure = None
            api.pending.put(invocations[0])
            if not api.polled.wait(INIT_TIMEOUT_S) or api.init_error:
                failure = f"init failed: {api.init_error or 'no poll within the timeout'}"
            for index, invocation in enumerate(invocations):
                if failure:
                    break
                if index:
                    api.pending.put(invocation)
                if not invocation.done.wait(INVOKE_TIMEOUT_S):
                    failure = f"invocation {index} got no answer"
            rss = peak_rss_kb(process.pid)
        finally:
            process.kill()
            process.wait()
            api.pending.put(None)
            api.shutdown()
            api.server_close()
        log.seek(0)
        log_tail = log.read()[-2000:].decode(errors="replace")
    if failure:
        return {"ok": False, "error": failure, "log_tail": log_tail}
    first, rest = invocations[0], invocations[1:]
    warm_ms = sorted((i.answered_at - i.handed_at) * 1000 for i in rest) or [0.0]
    return {
        "ok": True,
        "init_ms": (api.first_poll_at - started) * 1000,
        "first_ms": (first.answered_at - started) * 1000,
        "first_invoke_ms": (first.answered_at - first.handed_at) * 1000,
        "warm_p50_ms": statistics.median(warm_ms),
        "warm_p99_ms": warm_ms[min(len(warm_ms) - 1, round(0.99 * (len(warm_ms) - 1)))],
        "peak_rss_kb": rss,
        "responses": [{"status": i.status, "body": i.body} for i in invocations[: len(events)]],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--event", action="append", required=True, help="an event file (repeatable)")
    parser.add_argument("--warm", type=int, default=100)
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for the bootstrap")
    args = parser.parse_args()
    events = [open(path).read() for path in args.event]
    env = dict(item.split("=", 1) for item in args.env)
    report = run(args.bin, events, args.warm, env)
    print(json.dumps(report))
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
