"""Starts a moto server for the test suite on a free loopback port.

Prints the port on the first line of stdout, then serves until its standard input closes,
which happens when the test process that started it exits (however it exits), so no server
is ever left behind.

DynamoDB requests are served one at a time. moto checks a transaction's conditions and then
writes without a lock, and on a cancelled transaction restores a copy of the whole table taken
before it began, wiping other threads' writes made meanwhile. Real DynamoDB transactions are
serialisable; without the lock, two requests racing on one Idempotency-Key could both "win"
under load (seen once in CI). SQS is left concurrent: its long polls would hold the lock.

Outages, for scripts/outage-test. moto keeps its state in memory, so a real restart would lose
everything; instead the server stops serving and serves again with the same state, on a line
written to its standard input (each answered with `ok <line>` on stdout) or a signal:

  stop       (or SIGUSR1) close the listening socket and every open connection: refused
  start      (or SIGUSR2) listen again on the same port
  fail sqs,ses           answer 503 to requests for those services (by the credential scope
                         of their signature), serving the others as usual
  heal                   stop answering 503

`--port N` listens on N instead of a free port.

moto keeps a reference to every model object it ever made, for its `/moto-api/data.json`
dashboard: every DynamoDB item, and a copy of the whole table per transaction, are never freed
(a load test of 500 reports grew the server past 11 GB and slowed it to a crawl). Only SES's
objects are tracked here: data.json is how the tests read sent mail back, and nothing else of
moto reads the tracked lists.
"""
import logging
import re
import signal
import socket
import sys
import threading

from moto.core.common_models import BaseModel
from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import ThreadedWSGIServer

TRACKED_SERVICES = {"ses"}


def tracked_only_for_data_json(cls, *args, **kwargs):
    instance = super(BaseModel, cls).__new__(cls)
    if cls.__module__.split(".")[1] in TRACKED_SERVICES:
        cls.instances_tracked.append(instance)
    return instance


BaseModel.__new__ = tracked_only_for_data_json

logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request in test output
moto_app = DomainDispatcherApplication(create_backend_app)
dynamodb_lock = threading.Lock()
failing = set()  # services answered 503 ("sqs", "ses", "dynamodb")
SCOPE = re.compile(r"Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request")


def app(environ, start_response):
    if failing:
        scope = SCOPE.search(environ.get("HTTP_AUTHORIZATION", ""))
        if scope and scope.group(1) in failing:
            start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
            return [b"ServiceUnavailable: injected outage (moto_server.py fail)"]
    if environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB_"):
        with dynamodb_lock:
            # The whole body is produced under the lock, not just the call.
            return list(moto_app(environ, start_response))
    return moto_app(environ, start_response)


class Server(ThreadedWSGIServer):
    """Remembers its open connections, so stopping can cut them (a keep-alive connection would
    otherwise go on being served after the listening socket closed)."""

    def __init__(self, *args, **kwargs):
        self.connections = set()
        self.connections_lock = threading.Lock()
        super().__init__(*args, **kwargs)

    def process_request(self, request, client_address):
        with self.connections_lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self.connections_lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def cut_connections(self):
        with self.connections_lock:
            open_now = list(self.connections)
        for connection in open_now:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(port):
    server = Server("127.0.0.1", port, app)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


port = 0
if "--port" in sys.argv:
    port = int(sys.argv[sys.argv.index("--port") + 1])
server = serve(port)
port = server.server_port
state_lock = threading.Lock()


def stop():
    global server
    with state_lock:
        if server is not None:
            server.shutdown()  # the accept loop ends
            server.server_close()  # the listening socket closes: new connections are refused
            server.cut_connections()
            server = None


def start():
    global server
    with state_lock:
        if server is None:
            server = serve(port)


def command(line):
    words = line.split()
    if not words:
        return
    if words[0] == "stop":
        stop()
    elif words[0] == "start":
        start()
    elif words[0] == "fail":
        failing.update(w for w in (words[1] if len(words) > 1 else "").split(",") if w)
    elif words[0] == "heal":
        failing.clear()
    else:
        print(f"unknown command: {line.strip()}", file=sys.stderr, flush=True)
        return
    print(f"ok {line.strip()}", flush=True)


signal.signal(signal.SIGUSR1, lambda *_: threading.Thread(target=stop).start())
signal.signal(signal.SIGUSR2, lambda *_: threading.Thread(target=start).start())
print(port, flush=True)
try:
    for line in sys.stdin:
        command(line)
except BrokenPipeError:
    pass  # the reader of our stdout went away: it only wanted the port
