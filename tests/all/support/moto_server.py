"""Starts a moto server for the test suite on a free loopback port.

Prints the port on the first line of stdout, then serves until its standard input closes,
which happens when the test process that started it exits (however it exits), so no server
is ever left behind.
"""
import logging
import sys
import threading

from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server

logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request in test output
app = DomainDispatcherApplication(create_backend_app)
server = make_server("127.0.0.1", 0, app, threaded=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_port, flush=True)
sys.stdin.read()
