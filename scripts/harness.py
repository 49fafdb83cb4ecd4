"""What scripts/load-test, scripts/crash-test and scripts/outage-test share: starting the local
runner (and a moto server), sending a burst of reports, and checking the real stores — the
SQLite tables and the outbox, or the DynamoDB table, the SQS queues and the emails SES took —
until every accepted report is stored and routed exactly once, or a deadline passes.

Python 3's standard library only, except boto3 for the AWS backend (in .venv with moto).
Everything listens on 127.0.0.1 and stops with the script.
"""
import collections
import datetime
import email.parser
import email.policy
import email.utils
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = re.compile(r"OYS-[0-9A-Z]{4}-[0-9A-Z]{4}")
# The email each delivery or worker effect sends, by the start of its subject: how the outbox
# and SES are read back.
EMAIL_KINDS = [
    ("alert", re.compile(r"^(\[URGENT\] )?New report ")),
    ("police_release", re.compile(r"^Police referral ready for release")),
    ("police_force_needed", re.compile(r"^Police referral needs a force")),
    ("police_sent", re.compile(r"^Police referral sent")),
    ("advocate_proposal", re.compile(r"^Advocate proposal for ")),
]
POLICE_EMAILS = ("police_release", "police_force_needed", "police_sent")
# How long after a report the sweeper may take it over (intake::SWEEP_GRACE is 120 s): the
# scripts run the scheduled job once "as of" this much later instead of waiting.
SWEEP_AHEAD = datetime.timedelta(minutes=10)


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def default_binary():
    target = os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target"))
    return str(Path(target) / "debug" / "on-your-side")


def report_bodies():
    """The two bodies of events/, dated yesterday (a report may not be from the future, and the
    fixtures' dates grow old): a full report (police, advocate, contact) and an anonymous one."""
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    bodies = {}
    for kind, name in (("full", "report-full.json"), ("anonymous", "report-anonymous.json")):
        body = json.loads((ROOT / "events" / name).read_text())
        body["incident"]["occurred_on"] = yesterday
        body["incident"].pop("occurred_at", None)
        bodies[kind] = json.dumps(body).encode()
    return bodies


def wait_for_dispatcher(probe, timeout=180, stalled=15):
    """Waits until the running dispatcher has finished every outbox row, or made no progress for
    `stalled` seconds (a row whose claim a killed runner still holds waits for the job), or
    `timeout` passed. The scheduled job then runs as of SWEEP_AHEAD later: with that clock every
    effect claim the live dispatcher holds looks lapsed to it, so a job run while the dispatcher
    is still sending sends the same email beside it, which ten real minutes never allow (a claim
    lives 125 s, send_once::EFFECT_LEASE)."""
    started = time.monotonic()
    left, since = probe.outbox_rows(), started
    while left and time.monotonic() - since < stalled and time.monotonic() - started < timeout:
        time.sleep(1)
        now_left = probe.outbox_rows()
        if now_left < left:
            since = time.monotonic()
        left = now_left
    log(f"dispatcher idle after {time.monotonic() - started:.1f} s, {left} outbox rows left for the job")


def later(delta=SWEEP_AHEAD):
    at = datetime.datetime.now(datetime.timezone.utc) + delta
    return at.strftime("%Y-%m-%dT%H:%M:%SZ")


class Moto:
    """tests/support/moto_server.py: a moto server on a free loopback port, which stops and
    serves again (same port, same state) or fails chosen services on command."""

    def __init__(self, python, workdir):
        script = ROOT / "tests" / "support" / "moto_server.py"
        self.stderr = open(Path(workdir) / "moto.log", "w")
        self.process = subprocess.Popen(
            [python, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr, text=True
        )
        line = self.process.stdout.readline()
        if not line.strip().isdigit():
            raise SystemExit(f"moto did not start (see {self.stderr.name}); is moto[server] installed for {python}?")
        self.endpoint = f"http://127.0.0.1:{int(line)}"

    def command(self, line):
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().strip()
        if answer != f"ok {line}":
            raise RuntimeError(f"moto_server.py answered {answer!r} to {line!r}")

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.stderr.close()


def aws_environment(endpoint):
    """What the runner and boto3 need for a moto server: endpoint, region, dummy credentials."""
    return {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_REGION": "eu-west-2",
        "AWS_DEFAULT_REGION": "eu-west-2",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_EC2_METADATA_DISABLED": "true",
    }


class Runner:
    """The local runner binary (`cargo run`'s), on 127.0.0.1 with the rate limit off."""

    def __init__(self, binary, data_dir, workdir, port=0, backend="embedded", job_every=5, extra=(), env=None):
        self.binary, self.data_dir, self.workdir = binary, str(data_dir), Path(workdir)
        self.port, self.backend, self.job_every, self.extra = port, backend, job_every, list(extra)
        self.env = dict(os.environ, **(env or {}))
        self.env.setdefault("RUST_LOG", "warn")
        self.process = None
        self.printed = {}
        self.starts = 0

    def args(self):
        args = [self.binary, "--host", "127.0.0.1", "--port", str(self.port), "--data-dir", self.data_dir]
        args += ["--backend", self.backend, "--rate-limit-burst", "0", "--job-every", str(self.job_every)]
        return args + self.extra

    def start(self):
        if not os.access(self.binary, os.X_OK):
            raise SystemExit(f"no runner binary at {self.binary}: build it (cargo build) or pass --binary")
        self.starts += 1
        stderr = open(self.workdir / f"runner-{self.starts}.log", "w")
        self.process = subprocess.Popen(
            self.args(), stdout=subprocess.PIPE, stderr=stderr, text=True, env=self.env, start_new_session=True
        )
        stderr.close()
        lines = []
        for line in self.process.stdout:
            lines.append(line.rstrip())
            key, _, value = line.partition(":")
            if key in ("Data", "Outbox", "Table", "Queues", "Faults"):
                self.printed[key] = value.strip()
            if line.startswith("On Your Side is listening on "):
                self.url = line.split(" on ", 1)[1].strip()
                self.port = int(self.url.rsplit(":", 1)[1])
                threading.Thread(target=self._drain, daemon=True).start()
                return self
        self.process.wait()
        log_text = (self.workdir / f"runner-{self.starts}.log").read_text()[-2000:]
        raise SystemExit(f"the runner stopped before listening: {lines}\n{log_text}")

    def _drain(self):
        for _ in self.process.stdout:
            pass

    def kill(self):
        """kill -9: no chance to finish anything."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def run_job(self, at, extra_env=None):
        """The scheduled job once, as of `at` (`run-reminders --at`), on the same stores."""
        args = [self.binary, "--data-dir", self.data_dir, "--backend", self.backend]
        args += [a for a in self.extra if a == "--fault-injection"] + ["run-reminders", "--at", at]
        env = dict(self.env, **(extra_env or {}))
        done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=600)
        if done.returncode != 0:
            raise SystemExit(f"run-reminders failed: {done.stdout}\n{done.stderr[-2000:]}")
        return done.stdout.strip().splitlines()[-1]


class Burst:
    """N reports posted by `concurrency` threads, each on one keep-alive connection; every other
    report is the full one (police and advocate routes), the rest anonymous, each with its own
    Idempotency-Key. A request that gets no answer (refused, reset) is sent again with the same
    key after `pause` seconds, at most `retries` times, as the form would; then it is recorded
    as unanswered."""

    def __init__(self, url, count, concurrency=50, key_prefix=None, timeout=120, retries=0, pause=1.0, rate=None):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.count, self.concurrency, self.timeout = count, concurrency, timeout
        self.retries, self.pause, self.rate = retries, pause, rate
        self.key_prefix = key_prefix or f"load-{os.getpid()}-{int(time.time())}"
        self.bodies = report_bodies()
        self.results = [None] * count
        self.answered = 0
        self._next = 0
        self._lock = threading.Lock()
        self.started = self.finished = None

    def target(self, url):
        """Sends the remaining requests somewhere else (a runner restarted on another port)."""
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port or 80

    def _take(self):
        with self._lock:
            if self._next >= self.count:
                return None
            self._next += 1
            i = self._next - 1
        if self.rate:
            # Paced: request i starts i / rate seconds into the burst, so an outage cannot be
            # raced through by fast refusals.
            time.sleep(max(0.0, self.started + i / self.rate - time.monotonic()))
        return i

    def _connect(self):
        return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def _worker(self):
        connection = self._connect()
        while (i := self._take()) is not None:
            kind = "full" if i % 2 == 0 else "anonymous"
            key = f"{self.key_prefix}-{i:06d}"
            headers = {"Content-Type": "application/json", "Idempotency-Key": key}
            result = {"key": key, "kind": kind, "status": None, "reference": None, "replayed": False, "attempts": 0}
            while result["status"] is None and result["attempts"] <= self.retries:
                if result["attempts"]:
                    time.sleep(self.pause)
                result["attempts"] += 1
                try:
                    connection.request("POST", "/v1/reports", self.bodies[kind], headers)
                    response = connection.getresponse()
                    body = response.read()
                    result["status"] = response.status
                    result["replayed"] = response.getheader("idempotent-replayed") == "true"
                    if response.status == 201:
                        result["reference"] = json.loads(body)["reference"]
                    if response.getheader("connection", "").lower() == "close":
                        connection.close()
                        connection = self._connect()
                except (OSError, http.client.HTTPException) as error:
                    result["error"] = type(error).__name__
                    connection.close()
                    connection = self._connect()
            self.results[i] = result
            with self._lock:
                self.answered += result["status"] is not None
        connection.close()

    def run(self):
        self.started = time.monotonic()
        threads = [threading.Thread(target=self._worker, daemon=True) for _ in range(self.concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.finished = time.monotonic()
        return self

    def start_in_background(self):
        thread = threading.Thread(target=self.run, daemon=True)
        thread.start()
        return thread

    def in_flight(self):
        with self._lock:
            return self._next - sum(1 for r in self.results if r is not None)

    def accepted(self):
        return [r for r in self.results if r and r["status"] == 201]

    def statuses(self):
        def label(r):
            if r["status"] is None:
                return "no answer"
            retried = " after a retry" if r["attempts"] > 1 else ""
            return f"{r['status']}{' replayed' if r['replayed'] else ''}{retried}"

        counts = collections.Counter(label(r) for r in self.results if r)
        return dict(sorted(counts.items()))


def key_hash(key):
    return hashlib.sha256(key.encode()).hexdigest()


def email_kind(subject):
    for kind, pattern in EMAIL_KINDS:
        if pattern.search(subject):
            return kind
    return "other"


class Observation:
    """What the stores hold for one reference."""

    def __init__(self):
        self.stored = False
        self.routes = []
        self.pending = []
        self.emails = collections.defaultdict(list)  # kind → when each copy was sent (UTC)
        self.effects = set()
        self.proposal = False
        self.queued = 0
        self.dead = 0

    def problems(self):
        """What is missing for this report to be stored and routed; empty when nothing is.
        (Copies sent more than once are `duplicated`.)"""
        if not self.stored:
            return ["not stored"]
        found = []
        if self.pending:
            found.append(f"deliveries still owed {self.pending}")
        if not self.emails["alert"]:
            found.append("no operator alert")
        if "police_referral" in self.routes:
            police = [k for k in self.effects if k.startswith("police_referral:")]
            if not police or not any(self.emails[k] for k in POLICE_EMAILS):
                found.append(f"police referral: effects {police}, emails {[k for k in POLICE_EMAILS if self.emails[k]]}")
        if "advocate_assignment" in self.routes:
            told = "advocate_assignment:operators_told" in self.effects
            if not self.proposal or not told or not self.emails["advocate_proposal"]:
                found.append(
                    f"advocate: proposal {self.proposal}, operators told {told}, "
                    f"{len(self.emails['advocate_proposal'])} emails"
                )
        if self.queued:
            found.append(f"{self.queued} messages not consumed")
        if self.dead:
            found.append(f"{self.dead} messages dead-lettered")
        return found

    def duplicated(self):
        """Kinds of email sent more than once, with when each copy went."""
        copies = dict(self.emails)
        police = sorted(t for k in POLICE_EMAILS for t in copies.pop(k, []))
        copies["police"] = police
        return {k: sorted(v) for k, v in copies.items() if len(v) > 1 and k != "other"}


def sent_at(stamp):
    """An email's time: the outbox file name's stamp (ms) or the Date header (s)."""
    try:
        return datetime.datetime.strptime(stamp, "%Y%m%dT%H%M%S.%fZ").replace(tzinfo=datetime.timezone.utc)
    except ValueError:
        return email.utils.parsedate_to_datetime(stamp).astimezone(datetime.timezone.utc)


class EmbeddedProbe:
    """Reads the SQLite file and the outbox directly (read-only), not through the runner."""

    def __init__(self, data_dir):
        self.database = Path(data_dir) / "on-your-side.sqlite3"
        self.outbox = Path(data_dir) / "outbox"
        self.seen = {}  # outbox file name → (reference, kind)

    def _connect(self):
        connection = sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, timeout=30)
        connection.execute("PRAGMA busy_timeout = 30000")
        return connection

    def references_for_keys(self, keys):
        hashes = {key_hash(k): k for k in keys}
        found = {}
        with self._connect() as db:
            for key_hash_, record in db.execute("SELECT key_hash, record FROM idempotency"):
                if key_hash_ in hashes:
                    found[hashes[key_hash_]] = json.loads(record)["receipt"]["reference"]
        return found

    def outbox_rows(self):
        """Changes committed whose dispatch has not finished (the dispatcher deletes each row)."""
        with self._connect() as db:
            return db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]

    def _emails(self):
        for name in os.listdir(self.outbox) if self.outbox.exists() else []:
            if not name.endswith(".eml") or name in self.seen:
                continue
            with open(self.outbox / name, "rb") as f:
                head = f.read(4096).split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
            headers = email.parser.HeaderParser(policy=email.policy.default).parsestr(head + "\r\n\r\n")
            subject = str(headers.get("subject", ""))
            reference = headers.get("X-On-Your-Side-Case") or (REFERENCE.search(subject) or [None])[0]
            self.seen[name] = (str(reference).strip(), email_kind(subject), sent_at(name.split("-", 1)[0]))
        return self.seen.values()

    def observe(self, references):
        wanted = set(references)
        seen = {r: Observation() for r in wanted}
        with self._connect() as db:
            for reference, summary, pending in db.execute("SELECT reference, summary, pending FROM cases"):
                if reference in wanted:
                    o = seen[reference]
                    o.stored, o.routes, o.pending = True, json.loads(summary)["routes"], json.loads(pending)
            for reference, key in db.execute("SELECT reference, key FROM effects"):
                if reference in wanted:
                    seen[reference].effects.add(key)
            for (reference,) in db.execute("SELECT reference FROM proposals"):
                if reference in wanted:
                    seen[reference].proposal = True
            for queue, body in db.execute("SELECT queue, body FROM queue_messages"):
                reference = json.loads(body).get("reference")
                if reference in wanted:
                    if queue.endswith(".dead"):
                        seen[reference].dead += 1
                    else:
                        seen[reference].queued += 1
        for reference, kind, at in self._emails():
            if reference in wanted:
                seen[reference].emails[kind].append(at)
        return seen

    def leftovers(self):
        """Messages anywhere in the queue table (also other reports')."""
        with self._connect() as db:
            return dict(db.execute("SELECT queue, count(*) FROM queue_messages GROUP BY queue").fetchall())


class AwsProbe:
    """Reads the DynamoDB table and the SQS queues with boto3, and what SES sent from moto's
    /moto-api/data.json (moto's only way to read sent mail back)."""

    def __init__(self, endpoint, table):
        import boto3  # only the AWS backend needs it; it is in .venv with moto

        options = dict(endpoint_url=endpoint, region_name="eu-west-2")
        options.update(aws_access_key_id="testing", aws_secret_access_key="testing")
        self.endpoint, self.table = endpoint, table
        self.dynamodb = boto3.client("dynamodb", **options)
        self.sqs = boto3.client("sqs", **options)
        prefix = table.removesuffix("-reports")
        self.queues = self.sqs.list_queues(QueueNamePrefix=prefix).get("QueueUrls", [])

    def _scan(self, **extra):
        paginator = self.dynamodb.get_paginator("scan")
        for page in paginator.paginate(TableName=self.table, **extra):
            yield from page["Items"]

    def references_for_keys(self, keys):
        hashes = {key_hash(k): k for k in keys}
        found = {}
        for item in self._scan(FilterExpression="sk = :s", ExpressionAttributeValues={":s": {"S": "IDEMPOTENCY"}}):
            key = hashes.get(item["pk"]["S"].removeprefix("IDEMPOTENCY#"))
            if key:
                found[key] = item["receipt"]["M"]["reference"]["S"]
        return found

    def outbox_rows(self):
        """Changes committed whose dispatch has not finished (the dispatcher deletes each row)."""
        return sum(1 for _ in self._scan(FilterExpression="begins_with(sk, :o)", ExpressionAttributeValues={":o": {"S": "OUTBOX#"}}))

    def data(self):
        """moto's whole state; now and then it answers with an error while others write: again."""
        for attempt in range(5):
            try:
                with urllib.request.urlopen(f"{self.endpoint}/moto-api/data.json", timeout=60) as response:
                    return json.load(response)
            except (OSError, ValueError):
                if attempt == 4:
                    raise
                time.sleep(1)

    def _emails(self):
        data = self.data()
        for message in data.get("ses", {}).get("RawMessage", []):
            raw = message.get("raw_data", "")
            head = raw.split("\r\n\r\n", 1)[0]
            headers = email.parser.HeaderParser(policy=email.policy.default).parsestr(head + "\r\n\r\n")
            subject = str(headers.get("subject", ""))
            reference = REFERENCE.search(subject)
            if reference:
                yield reference[0], email_kind(subject), sent_at(str(headers.get("date")))

    def observe(self, references):
        wanted = set(references)
        seen = {r: Observation() for r in wanted}
        for item in self._scan(FilterExpression="begins_with(pk, :p)", ExpressionAttributeValues={":p": {"S": "CASE#"}}):
            reference, sk = item["pk"]["S"].removeprefix("CASE#"), item["sk"]["S"]
            if reference not in wanted:
                continue
            o = seen[reference]
            if sk == "CASE":
                o.stored = True
                o.routes = [r["S"] for r in item["routes"]["L"]]  # the summary's fields, flattened
                o.pending = [d["S"] for d in item.get("pending", {}).get("L", [])]
            elif sk.startswith("EFFECT#"):
                o.effects.add(sk.removeprefix("EFFECT#"))
            elif sk == "PROPOSAL":
                o.proposal = True
        for reference, kind, at in self._emails():
            if reference in wanted:
                seen[reference].emails[kind].append(at)
        # Per-reference queue contents would mean receiving them: the counts say whether any
        # message is left, which the summary reports (leftovers).
        return seen

    def leftovers(self):
        counts = {}
        names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
        for url in self.queues:
            attributes = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
            total = sum(int(attributes.get(n, 0)) for n in names)
            if total:
                counts[url.rsplit("/", 1)[1]] = total
        return counts


class Interruption:
    """When the stores stopped being reachable (a kill -9, an emulator that stopped serving) and
    when they were back. Sending an email and recording it cannot be one transaction: an
    interruption between the two repeats that one email once the work is taken up again
    (docs/architecture.md, "How a report is kept safe"). The local outbox keeps an effect's email
    once however often it is sent, so the embedded runs pass no interruption: every email exactly
    once. SES cannot dedupe: on AWS an email sent twice, once before the interruption began and
    once after it ended, is reported as repeated across it, not as a duplicate.
    `alerts_recorded=True` says an operators' alert of a report answered 201 can never repeat
    (true when the request itself sent it; since the outbox, the dispatcher sends it after the
    answer, so no caller passes it now)."""

    def __init__(self, name, start, end, alerts_recorded):
        self.name, self.start, self.end, self.alerts_recorded = name, start, end, alerts_recorded

    def explains(self, kind, copies, answered_first_time):
        if len(copies) != 2 or (kind == "alert" and answered_first_time and self.alerts_recorded):
            return False
        # The outbox stamps milliseconds, SES's Date header whole seconds (rounded down).
        return copies[0] <= self.start and copies[1] >= self.end.replace(microsecond=0)


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


class Verdict:
    """Waits for the stores to show every report routed, then judges."""

    def __init__(self, burst, probe, deadline, poll=None, interruption=None):
        self.burst, self.probe, self.deadline, self.interruption = burst, probe, deadline, interruption
        # Reading DynamoDB and moto's whole state is slow, and slows the workers down: less often.
        self.poll = poll or (5.0 if isinstance(probe, AwsProbe) else 2.0)

    def wait(self):
        """Polls the stores until every report to check is routed and no message is left, or
        the deadline passes. Returns the summary and whether it passed."""
        accepted = self.burst.accepted()
        by_reference = collections.defaultdict(list)
        answered_first_time = set()
        for r in accepted:
            by_reference[r["reference"]].append(r["key"])
            if not r["replayed"]:
                answered_first_time.add(r["reference"])
        # A request that got no answer or a refusal may still have stored its report (a reply
        # lost on the way back): those found by their key must be complete too.
        unanswered_keys = [r["key"] for r in self.burst.results if r and r["status"] != 201]
        started = time.monotonic()
        while True:
            # Messages first (cheap): while some are left, the workers are still busy. Then the
            # reports, with those of requests not answered 201 that exist.
            leftovers = self.probe.leftovers()
            overdue = time.monotonic() - started > self.deadline
            if not leftovers or overdue:
                found = self.probe.references_for_keys(unanswered_keys) if unanswered_keys else {}
                unanswered_refs = set(found.values()) - set(by_reference)
                seen = self.probe.observe(set(by_reference) | unanswered_refs)
                incomplete = {r: o.problems() for r, o in seen.items() if o.problems()}
                if (not incomplete and not leftovers) or overdue:
                    break
            time.sleep(self.poll)
        waited = time.monotonic() - started
        duplicates, repeated = {}, {}
        for reference, o in seen.items():
            for kind, copies in o.duplicated().items():
                explained = self.interruption and self.interruption.explains(
                    kind, copies, reference in answered_first_time
                )
                target = repeated if explained else duplicates
                target.setdefault(reference, []).append(f"{kind} x{len(copies)}")
        shared = {r: keys for r, keys in by_reference.items() if len(keys) > 1}
        seconds = max(self.burst.finished - self.burst.started, 1e-9)
        summary = {
            "sent": self.burst.count,
            "statuses": self.burst.statuses(),
            "accepted (201)": len(accepted),
            "stored": sum(1 for r in by_reference if seen[r].stored),
            "routed": sum(1 for r in by_reference if not seen[r].problems() and r not in duplicates),
            "missing": sum(1 for r in by_reference if not seen[r].stored),
            "unrouted": sum(1 for r in by_reference if seen[r].stored and seen[r].problems()),
            "duplicates": len(duplicates) + len(shared),
            "not answered 201 but stored": len(unanswered_refs),
            "of those, unrouted": sum(1 for r in unanswered_refs if seen[r].problems()),
            "messages left in queues": leftovers,
            "burst seconds": round(seconds, 1),
            "accepted per second": round(len(accepted) / seconds, 1),
            "waited for routing, s": round(waited, 1),
            "elapsed, s": round(time.monotonic() - self.burst.started, 1),
        }
        if self.interruption:
            summary[f"repeated across the {self.interruption.name}"] = len(repeated)
        self.details = {
            "incomplete": dict(list(incomplete.items())[:20]),
            "duplicates": dict(list(duplicates.items())[:20]),
            "repeated across the interruption": dict(list(repeated.items())[:20]),
            "references answered to several keys": dict(list(shared.items())[:5]),
        }
        passed = len(accepted) > 0 and not incomplete and not duplicates and not shared and not leftovers
        return summary, passed


def report(title, summary, details, passed):
    print(f"\n{title}")
    width = max(len(k) for k in summary)
    for key, value in summary.items():
        print(f"  {key:<{width}}  {value}")
    for name, value in details.items():
        if value:
            print(f"  {name}: {json.dumps(value)}")
    print("PASS" if passed else "FAIL", flush=True)


def workdir(keep):
    path = Path(tempfile.mkdtemp(prefix="oys-load-"))
    if not keep:
        import atexit

        atexit.register(shutil.rmtree, path, True)
    return path


def python_with_boto3():
    """The Python that has moto and boto3: MOTO_PYTHON, else the repo's .venv."""
    return os.environ.get("MOTO_PYTHON") or str(ROOT / ".venv" / "bin" / "python")


def reexec_with_boto3_if_needed():
    """The AWS backend needs boto3 (and moto): run again under .venv's Python if this one lacks it."""
    try:
        import boto3  # noqa: F401
    except ImportError:
        python = python_with_boto3()
        if not os.access(python, os.X_OK) or os.environ.get("OYS_REEXEC"):
            raise SystemExit(f"the AWS backend needs boto3 and moto: set MOTO_PYTHON or run scripts/test once ({python})")
        os.environ["OYS_REEXEC"] = "1"
        os.execv(python, [python] + sys.argv)
