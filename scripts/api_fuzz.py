"""Schemathesis against docs/openapi.json and the local runner; run through scripts/api-fuzz,
which installs the pinned Schemathesis first.

The runner gets a fresh data dir: 120 generated reports over two closed months (so the
statistics are published), then reports sent through the API (so real references and receipts
exist) and two of them shared with the partner example-north-west (so its advocate has cases
to see). Those references and receipts are a dictionary Schemathesis draws from half the time
for `{reference}` and the follow-up body, so the case routes answer more than 404.

Four passes, each over every operation of the document: no credentials, then the local tokens
of an operator, a lead and the advocate of example-north-west. Everything goes to 127.0.0.1 only;
the runner and every pass stop by themselves (time limits below)."""

import argparse
import datetime
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMATHESIS = ROOT / ".venv" / "bin" / "schemathesis"
ADVOCATE_PARTNER = "example-north-west"
PASSES = [
    ("no credentials", None),
    ("operator", "local-operator-token"),
    ("lead", "local-lead-token"),
    (f"advocate {ADVOCATE_PARTNER}", f"local-advocate-{ADVOCATE_PARTNER}-token"),
]
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
        "negative_data_rejection",
        "ignored_auth",
    ]
)
PASS_TIME_LIMIT = 240  # seconds; a pass still running then has failed
START_TIME_LIMIT = 60


def parse_args():
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    parser = argparse.ArgumentParser(prog="scripts/api-fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("runner", nargs="?", type=pathlib.Path, default=target / "debug" / "on-your-side")
    parser.add_argument("--examples", type=int, default=50, help="generated test cases per operation and pass")
    parser.add_argument("--min-requests", type=int, default=5000, help="fewer requests in all fail the run")
    parser.add_argument("--seed", type=int, help="Schemathesis seed (default: a new one, printed)")
    parser.add_argument("--artefacts", type=pathlib.Path, default=target / "api-fuzz")
    return parser.parse_args()


def runner_environment():
    """This environment without what would point the runner elsewhere (OYS_*, PORT, AWS, partners)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OYS_")}
    for name in ("PORT", "PARTNERS_JSON", "AWS_ENDPOINT_URL"):
        env.pop(name, None)
    return env


class Runner:
    """The runner binary on a free loopback port, its output in a log file."""

    def __init__(self, binary, data_dir, log_path):
        self.log_path = log_path
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(
            [binary, "--backend", "embedded", "--host", "127.0.0.1", "--port", "0", "--data-dir", data_dir,
             "--rate-limit-burst", "0"],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=runner_environment(),
        )
        deadline = time.monotonic() + START_TIME_LIMIT
        while True:
            found = re.search(r"On Your Side is listening on (http://127\.0\.0\.1:\d+)", log_path.read_text())
            if found:
                self.base = found.group(1)
                return
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                sys.exit(f"api-fuzz: the runner did not start:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.1)

    def alive(self):
        return self.process.poll() is None

    def exit_status(self):
        code = self.process.poll()
        return f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"

    def panics(self):
        return [line for line in self.log_path.read_text(errors="replace").splitlines() if "panicked" in line]

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # the runner's graceful shutdown
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def call(base, method, path, body=None, token=None, key=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    if key:
        headers["idempotency-key"] = key
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def fixture(name, days_ago):
    report = json.loads((ROOT / "events" / name).read_text())
    occurred = datetime.date.today() - datetime.timedelta(days=days_ago)
    report["incident"]["occurred_on"] = occurred.isoformat()
    report["incident"].pop("occurred_at", None)
    return report


def seed_through_the_api(base):
    """Reports with receipts; two of them shared with the advocate's partner. Returns the
    references and receipts."""
    references, receipts = [], []
    for i, name in enumerate(["report-full.json"] * 3 + ["report-anonymous.json"]):
        status, answer = call(base, "POST", "/v1/reports", fixture(name, 2 + i), key=f"api-fuzz-seed-{i}")
        if status != 201:
            sys.exit(f"api-fuzz: seeding: POST /v1/reports answered {status}: {answer}")
        references.append(answer["reference"])
        receipts.append(answer["follow_up_receipt"])
    events = [
        {"type": "call_made", "outcome": "reached"},
        {"type": "assignment_confirmed", "partner_id": ADVOCATE_PARTNER},
        {"type": "share_consent_given", "partner_id": ADVOCATE_PARTNER, "channel": "phone",
         "privacy_notice_version": "2026-01"},
    ]
    for reference in references[:2]:
        for event in events:
            # The advocate worker proposes partners in the background: retry until it has.
            deadline = time.monotonic() + 30
            while True:
                status, answer = call(base, "POST", f"/v1/cases/{reference}/events", event, "local-operator-token")
                if status == 201:
                    break
                if time.monotonic() > deadline:
                    sys.exit(f"api-fuzz: seeding: {event['type']} on {reference} answered {status}: {answer}")
                time.sleep(0.5)
    status, answer = call(base, "GET", f"/v1/cases/{references[0]}", token=f"local-advocate-{ADVOCATE_PARTNER}-token")
    if status != 200:
        sys.exit(f"api-fuzz: seeding: the advocate does not see the shared case: {status} {answer}")
    return references, receipts


def toml_strings(values):
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def write_config(path, references, receipts):
    # Typed forms the API accepts too: any case, O/I/L for 0/1/1, spaces in a receipt.
    ref = references[0]
    references = references + [ref.lower(), ref.replace("0", "O").replace("1", "l")]
    receipts = receipts + [receipts[0].lower().replace("-", " ")]
    path.write_text(
        f"""[cache]
enabled = false

[generation]
database = "none"

[dictionaries.references]
values = {toml_strings(references)}

[dictionaries.receipts]
values = {toml_strings(receipts)}

[parameters]
"path.reference" = {{ dictionary = "references", probability = 0.5 }}
"body.reference" = {{ dictionary = "references", probability = 0.5 }}
"body.receipt" = {{ dictionary = "receipts", probability = 0.5 }}
"""
    )


def read_report(report_dir, kind):
    """The pass's report of this kind (`json`, `har`) and its path, or None if unreadable."""
    for path in report_dir.glob(f"{kind}-*.json"):
        try:
            return json.loads(path.read_text()), path
        except (OSError, ValueError):
            return None, path
    return None, None


def har_requests(har):
    """Requests sent and those that got an answer, from the pass's HAR report."""
    entries = har["log"]["entries"]
    answered = sum(1 for e in entries if (e.get("response") or {}).get("status", 0) > 0)
    return len(entries), answered


def run_pass(args, runner, work, config, label, token, number):
    report_dir = args.artefacts / f"pass-{number}"
    command = [
        str(SCHEMATHESIS), "--config-file", str(config), "run", str(ROOT / "docs" / "openapi.json"),
        "--url", runner.base, "--checks", CHECKS, "--max-examples", str(args.examples),
        "--request-timeout", "10", "--no-color", "--report", "json,har", "--report-dir", str(report_dir),
    ]
    if token:
        command += ["--header", f"Authorization: Bearer {token}"]
    if args.seed is not None:
        command += ["--seed", str(args.seed)]
    started = time.monotonic()
    output_path = args.artefacts / f"pass-{number}.txt"
    with open(output_path, "w") as output:
        try:
            exit_code = subprocess.run(command, cwd=work, stdout=output, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, timeout=PASS_TIME_LIMIT).returncode
        except subprocess.TimeoutExpired:
            exit_code = None
    seconds = time.monotonic() - started
    output = output_path.read_text(errors="replace")
    report, _ = read_report(report_dir, "json")
    har, har_path = read_report(report_dir, "har")
    cases = (report or {}).get("test_cases", {})
    failures = sum(group["count"] for group in (report or {}).get("failures", []))
    errors = sum(group["count"] for group in (report or {}).get("errors", []))
    sent, answered = har_requests(har) if har else (0, 0)
    seed = re.search(r"^Seed: (\d+)", output, re.M)
    problems = []
    if exit_code is None:
        problems.append(f"did not finish within {PASS_TIME_LIMIT} s")
    elif exit_code != 0:
        problems.append(f"schemathesis exited {exit_code}")
    if failures or errors:
        problems.append(f"{failures} failures, {errors} errors")
    if report is None or har is None:
        problems.append("its reports could not be read")
    if sent != answered:
        problems.append(f"{sent - answered} requests got no answer")
    if not runner.alive():
        problems.append("the runner stopped")
    print(
        f"api-fuzz: pass {number} ({label}): {sent} requests, {cases.get('generated', 0)} test cases, "
        f"{failures} failures, {errors} errors, {seconds:.0f} s, seed {seed.group(1) if seed else '?'}"
        + (f"  FAILED: {'; '.join(problems)}" if problems else ""),
        flush=True,
    )
    if problems:
        print(output, flush=True)
    elif har_path:
        har_path.unlink()  # tens of MB; kept only for a pass that failed
    return sent, not problems


def main():
    args = parse_args()
    # Stopped from outside (a CI time limit): still stop the runner, in the `finally` below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("api-fuzz: stopped by SIGTERM"))
    if not args.runner.is_file():
        sys.exit(f"api-fuzz: no runner at {args.runner}: `cargo build` (or `cargo test`) makes it")
    if not SCHEMATHESIS.is_file():
        sys.exit("api-fuzz: run scripts/api-fuzz, which installs Schemathesis")
    shutil.rmtree(args.artefacts, ignore_errors=True)
    args.artefacts.mkdir(parents=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="oys-api-fuzz-") as work:
        work = pathlib.Path(work)
        data = work / "data"
        seed_log = args.artefacts / "seed.txt"
        with open(seed_log, "w") as log:
            seeded = subprocess.run(
                [args.runner, "--data-dir", data, "seed", "--reports", "120", "--months", "2"],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=runner_environment(), timeout=120,
            )
        if seeded.returncode != 0:
            sys.exit(f"api-fuzz: seeding failed:\n{seed_log.read_text()[-3000:]}")
        runner = Runner(args.runner, data, args.artefacts / "runner.txt")
        ok = True
        total = passes_run = 0
        try:
            print(f"api-fuzz: runner at {runner.base}; checks {CHECKS}; {args.examples} examples per operation",
                  flush=True)
            references, receipts = seed_through_the_api(runner.base)
            config = work / "schemathesis.toml"
            write_config(config, references, receipts)
            for number, (label, token) in enumerate(PASSES, start=1):
                sent, passed = run_pass(args, runner, work, config, label, token, number)
                total += sent
                ok = ok and passed
                passes_run = number
                if not runner.alive():
                    print(f"api-fuzz: the runner stopped ({runner.exit_status()}); the end of its log:\n"
                          + runner.log_path.read_text(errors="replace")[-2000:])
                    break
        finally:
            runner.stop()
        panics = runner.panics()
        if panics:
            ok = False
            print("api-fuzz: the runner panicked:\n" + "\n".join(panics[:20]))
    if total < args.min_requests:
        ok = False
        print(f"api-fuzz: only {total} requests, fewer than {args.min_requests}")
    print(
        f"api-fuzz: {total} requests in {passes_run} of {len(PASSES)} passes, {time.monotonic() - started:.0f} s: "
        + ("no failures" if ok else "FAILED")
        + f" (reports in {args.artefacts})"
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
