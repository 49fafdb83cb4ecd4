#!/usr/bin/env python3
"""Regenerates events/apigw-v2-submit-*.json from the report bodies in events/.

API Gateway HTTP API (payload format 2.0) events, shaped as AWS sends them to Lambda."""
import json
import pathlib

EVENTS = pathlib.Path(__file__).resolve().parent.parent / "events"


def event(name, body, content_type, request_id, extra_headers=None):
    headers = {
        "accept": "application/json",
        "content-length": str(len(body.encode())),
        "content-type": content_type,
        "host": "abc123def4.execute-api.eu-west-2.amazonaws.com",
        "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)",
        "x-amzn-trace-id": "Root=1-6743a1b2-0a1b2c3d4e5f6a7b8c9d0e1f",
        "x-forwarded-for": "198.51.100.23",
        "x-forwarded-port": "443",
        "x-forwarded-proto": "https",
    }
    headers.update(extra_headers or {})
    payload = {
        "version": "2.0",
        "routeKey": "POST /v1/reports",
        "rawPath": "/v1/reports",
        "rawQueryString": "",
        "headers": headers,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "abc123def4",
            "domainName": "abc123def4.execute-api.eu-west-2.amazonaws.com",
            "domainPrefix": "abc123def4",
            "http": {
                "method": "POST",
                "path": "/v1/reports",
                "protocol": "HTTP/1.1",
                "sourceIp": "198.51.100.23",
                "userAgent": headers["user-agent"],
            },
            "requestId": request_id,
            "routeKey": "POST /v1/reports",
            "stage": "$default",
            "time": "24/Nov/2026:10:15:07 +0000",
            "timeEpoch": 1795515307000,
        },
        "body": body,
        "isBase64Encoded": False,
    }
    with open(EVENTS / name, "w") as f:
        json.dump(payload, f, indent=2, ensure_ascii=False)
        f.write("\n")


def compact(name):
    return json.dumps(json.loads((EVENTS / name).read_text()), ensure_ascii=False, separators=(",", ":"))


event("apigw-v2-submit-full.json", compact("report-full.json"), "application/json",
      "Y2hhbmdlLW1lLTAwMDE=", {"idempotency-key": "form-7f3c9a2e-0001"})
event("apigw-v2-submit-anonymous.json", compact("report-anonymous.json"), "application/json",
      "Y2hhbmdlLW1lLTAwMDI=")
event("apigw-v2-submit-invalid.json", compact("report-invalid.json"), "application/json; charset=utf-8",
      "Y2hhbmdlLW1lLTAwMDM=", {"accept-language": "zh-HK,zh;q=0.9,en;q=0.5"})
event("apigw-v2-submit-urlencoded.json", (EVENTS / "report-form.txt").read_text(),
      "application/x-www-form-urlencoded", "Y2hhbmdlLW1lLTAwMDQ=")
