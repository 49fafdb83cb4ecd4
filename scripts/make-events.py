#!/usr/bin/env python3
"""Regenerates the generated events in events/ (API Gateway, SQS, scheduler) from the report
bodies there.

API Gateway events: HTTP API (payload format 2.0) and, for the public API, REST API (payload
format 1.0), shaped as AWS sends them to Lambda."""
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


# The public API is an API Gateway REST API (stage "live", Lambda proxy integration, payload
# format 1.0), shaped as it sends them to Lambda. Header names keep the client's casing, and API
# Gateway adds Host and the X-Forwarded-* headers; every header is also in multiValueHeaders.
# Absent query strings, path parameters and stage variables are null, as are the identity fields
# of an unauthenticated caller. The top-level path has no stage; requestContext.path has it
# (lambda_http prefixes the stage unless AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH is set, as the
# template sets it for submit-report).
REST_API_ID = "abc123def4"
REST_DOMAIN = f"{REST_API_ID}.execute-api.eu-west-2.amazonaws.com"
REST_STAGE = "live"


def rest_event(name, method, path, resource, resource_id, request_id, extended_request_id,
               body=None, content_type=None, extra_headers=None):
    headers = {"Accept": "application/json"}
    if body is not None:
        headers["Content-Length"] = str(len(body.encode()))
        headers["Content-Type"] = content_type
    headers.update({
        "Host": REST_DOMAIN,
        "User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)",
        "X-Amzn-Trace-Id": "Root=1-6743a1b2-0a1b2c3d4e5f6a7b8c9d0e1f",
        "X-Forwarded-For": "198.51.100.23",
        "X-Forwarded-Port": "443",
        "X-Forwarded-Proto": "https",
    })
    headers.update(extra_headers or {})
    proxy = path.lstrip("/") if resource == "/{proxy+}" else None
    payload = {
        "resource": resource,
        "path": path,
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {key: [value] for key, value in headers.items()},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": {"proxy": proxy} if proxy is not None else None,
        "stageVariables": None,
        "requestContext": {
            "resourceId": resource_id,
            "resourcePath": resource,
            "httpMethod": method,
            "extendedRequestId": extended_request_id,
            "requestTime": "24/Nov/2026:10:15:07 +0000",
            "path": f"/{REST_STAGE}{path}",
            "accountId": "123456789012",
            "protocol": "HTTP/1.1",
            "stage": REST_STAGE,
            "domainPrefix": REST_API_ID,
            "requestTimeEpoch": 1795515307000,
            "requestId": request_id,
            "identity": {
                "cognitoIdentityPoolId": None,
                "accountId": None,
                "cognitoIdentityId": None,
                "caller": None,
                "sourceIp": "198.51.100.23",
                "principalOrgId": None,
                "accessKey": None,
                "cognitoAuthenticationType": None,
                "cognitoAuthenticationProvider": None,
                "userArn": None,
                "userAgent": headers["User-Agent"],
                "user": None,
            },
            "domainName": REST_DOMAIN,
            "apiId": REST_API_ID,
        },
        "body": body,
        "isBase64Encoded": False,
    }
    with open(EVENTS / name, "w") as f:
        json.dump(payload, f, indent=2, ensure_ascii=False)
        f.write("\n")


rest_event("apigw-rest-report-full.json", "POST", "/v1/reports", "/{proxy+}", "px7k2q",
           "5e0c7b1a-3d2f-4a6e-9b8c-000000000001", "cmVzdC1tZS0wMDAx",
           compact("report-full.json"), "application/json",
           {"Idempotency-Key": "form-7f3c9a2e-rest-0001"})
rest_event("apigw-rest-report-urlencoded.json", "POST", "/v1/reports", "/{proxy+}", "px7k2q",
           "5e0c7b1a-3d2f-4a6e-9b8c-000000000002", "cmVzdC1tZS0wMDAy",
           (EVENTS / "report-form.txt").read_text(), "application/x-www-form-urlencoded")
rest_event("apigw-rest-health.json", "GET", "/health", "/health", "hl4m9t",
           "5e0c7b1a-3d2f-4a6e-9b8c-000000000003", "cmVzdC1tZS0wMDAz")
# The report form, as a browser asks for it and sends it without scripts.
rest_event("apigw-rest-form-page.json", "GET", "/zh-Hant/", "/{proxy+}", "px7k2q",
           "5e0c7b1a-3d2f-4a6e-9b8c-000000000004", "cmVzdC1tZS0wMDA0",
           extra_headers={"Accept": "text/html", "Accept-Language": "zh-HK,zh;q=0.9"})
rest_event("apigw-rest-form-post.json", "POST", "/en/", "/{proxy+}", "px7k2q",
           "5e0c7b1a-3d2f-4a6e-9b8c-000000000005", "cmVzdC1tZS0wMDA1",
           "form_key=rest-form-0001&consent.privacy_notice_version=2026-01&incident.occurred_on=2026-11-20"
           "&incident.types=verbal_abuse&incident.description=Shouted+at+on+the+bus&incident.location.online=true"
           "&reporter.role=victim&consent.police=no&consent.advocate_support=false",
           "application/x-www-form-urlencoded", {"Accept": "text/html"})


# SQS batches as the Lambda SQS event source delivers them to the workers.
SQS_REPORT_ID = "5b0f4c1e-7d2a-4e8b-9a61-3c2f1d0e9b7a"
SQS_REFERENCE = "OYS-K7M2-Q9XD"


def routing_message(route):
    return json.dumps({
        "schema_version": 1, "report_id": SQS_REPORT_ID, "reference": SQS_REFERENCE,
        "route": route, "routes": ["police_referral", "advocate_assignment"], "channel": "online",
        "language": "zh-Hant", "nation": "england", "received_at": "2026-11-24T10:15:07Z",
        "incident_types": ["verbal_abuse", "spitting_or_coughing"], "motivations": ["race"],
        "place_type": "public_transport", "police_consent": "anonymous",
        "support_needs": ["emotional_wellbeing", "police_follow_up"],
    }, separators=(",", ":"))


def sqs_record(message_id, body, queue, receive_count):
    return {
        "messageId": message_id,
        "receiptHandle": "AQEB" + message_id.replace("-", "")[:24] + "==",
        "body": body,
        "attributes": {
            "ApproximateReceiveCount": str(receive_count),
            "SentTimestamp": "1795515307950",
            "SenderId": "AROAEXAMPLE:submit-report",
            "ApproximateFirstReceiveTimestamp": "1795515308011",
        },
        "messageAttributes": {},
        "md5OfBody": "",
        "eventSource": "aws:sqs",
        "eventSourceARN": f"arn:aws:sqs:eu-west-2:123456789012:on-your-side-{queue}",
        "awsRegion": "eu-west-2",
    }


for route, queue in [("police_referral", "police-referral"), ("advocate_assignment", "advocate-assignment")]:
    body = routing_message(route)
    batch = {"Records": [
        sqs_record("0f8c5c2e-1a11-4b7e-9d5e-000000000001", body, queue, 1),
        # The same message delivered again (SQS is at-least-once): must change nothing more.
        sqs_record("0f8c5c2e-1a11-4b7e-9d5e-000000000002", body, queue, 2),
        sqs_record("0f8c5c2e-1a11-4b7e-9d5e-000000000003", '{"reference": "OYS-K7M2', queue, 1),
    ]}
    (EVENTS / f"sqs-{queue}-batch.json").write_text(json.dumps(batch, indent=2) + "\n")


# Operator API requests as API Gateway delivers them after its JWT authorizer (Cognito) accepted
# the token: the claims are in requestContext.authorizer.jwt.claims, every value a string.
def operator_event(name, method, path, claims, request_id, body=None):
    headers = {
        "accept": "application/json",
        "authorization": "Bearer eyJraWQiOiJleGFtcGxlIn0.eyJzdWIiOiJleGFtcGxlIn0.c2lnbmF0dXJl",
        "host": "ops123def4.execute-api.eu-west-2.amazonaws.com",
        "x-forwarded-proto": "https",
    }
    if body is not None:
        headers["content-type"] = "application/json"
    context = {
        "accountId": "123456789012",
        "apiId": "ops123def4",
        "domainName": "ops123def4.execute-api.eu-west-2.amazonaws.com",
        "domainPrefix": "ops123def4",
        "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "203.0.113.7",
                 "userAgent": "Mozilla/5.0"},
        "requestId": request_id,
        "routeKey": f"{method} {path}",
        "stage": "$default",
        "time": "29/Nov/2026:10:00:00 +0000",
        "timeEpoch": 1795946400000,
    }
    if claims is not None:
        context["authorizer"] = {"jwt": {"claims": claims, "scopes": None}}
    payload = {
        "version": "2.0",
        "routeKey": f"{method} {path}",
        "rawPath": path,
        "rawQueryString": "",
        "headers": headers,
        "requestContext": context,
        "isBase64Encoded": False,
    }
    if body is not None:
        payload["body"] = json.dumps(body)
    (EVENTS / name).write_text(json.dumps(payload, indent=2) + "\n")


def claims(sub, groups, partner=None):
    result = {"sub": sub, "cognito:groups": "[" + " ".join(groups) + "]", "token_use": "access",
              "iss": "https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_EXAMPLE", "client_id": "exampleclient"}
    if partner:
        result["custom:partner_id"] = partner
    return result


CASE = f"/v1/cases/{SQS_REFERENCE}"
operator_event("apigw-v2-operator-list-cases.json", "GET", "/v1/cases",
               claims("5f1c-operator", ["operator"]), "b3BlcmF0b3ItMDAwMQ==")
operator_event("apigw-v2-operator-record-event.json", "POST", f"{CASE}/events",
               claims("5f1c-operator", ["operator"]), "b3BlcmF0b3ItMDAwMg==",
               {"type": "assignment_confirmed", "partner_id": "example-north-west"})
operator_event("apigw-v2-advocate-get-case.json", "GET", CASE,
               claims("9a7e-advocate", ["advocate"], "example-north-west"), "YWR2b2NhdGUtMDAwMQ==")
operator_event("apigw-v2-other-advocate-get-case.json", "GET", CASE,
               claims("2b4d-advocate", ["advocate"], "example-london"), "YWR2b2NhdGUtMDAwMg==")
operator_event("apigw-v2-lead-case-audit.json", "GET", f"{CASE}/audit",
               claims("7c2f-lead", ["operator", "lead"]), "bGVhZC0wMDAx")
operator_event("apigw-v2-no-authorizer-list-cases.json", "GET", "/v1/cases", None, "bm9hdXRoLTAwMDE=")

# EventBridge Scheduler invoking the reminder job (the Input the template sets, with the
# scheduled time filled in by the scheduler's context attribute).
(EVENTS / "scheduler-deadline-reminders.json").write_text(json.dumps({
    "source": "on-your-side.scheduler",
    "detail-type": "Deadline reminders",
    "time": "2026-11-29T10:00:00Z",
    "schedule": "arn:aws:scheduler:eu-west-2:123456789012:schedule/default/on-your-side-deadline-reminders",
}, indent=2) + "\n")
