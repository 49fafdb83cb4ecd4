"""Starts a moto server for the test suite on a free loopback port.

Prints the port on the first line of stdout, then serves until its standard input closes,
which happens when the test process that started it exits (however it exits), so no server
is ever left behind.

DynamoDB requests are served one at a time. moto checks a transaction's conditions and then
writes without a lock, and on a cancelled transaction restores a copy of the whole table taken
before it began, wiping other threads' writes made meanwhile. Real DynamoDB transactions are
serialisable; without the lock, two requests racing on one Idempotency-Key could both "win"
under load (seen once in CI). SQS is left concurrent: its long polls would hold the lock.
"""
import logging
import sys
import threading

from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server

logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request in test output
moto_app = DomainDispatcherApplication(create_backend_app)
dynamodb_lock = threading.Lock()


def app(environ, start_response):
    if environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB_"):
        with dynamodb_lock:
            # The whole body is produced under the lock, not just the call.
            return list(moto_app(environ, start_response))
    return moto_app(environ, start_response)


server = make_server("127.0.0.1", 0, app, threaded=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_port, flush=True)
sys.stdin.read()
