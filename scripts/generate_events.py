#!/usr/bin/env python3
"""Regenerates the API Gateway event fixtures in events/.

Each fixture starts from what `sam local generate-event apigateway http-api-proxy` (HTTP API,
payload v2) or `... aws-proxy` (REST API, payload v1) prints, then gets the route, headers,
body and token of its case. Expected responses live beside them in expected-responses.json,
written by hand: they are the contract, not an output of this script.

    .tools/venv/bin/python scripts/generate_events.py   # needs SAM CLI (make test or make dev installs it)
"""
import base64
import copy
import json
import pathlib
import shutil
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from dev_token import mint  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAM = shutil.which("sam") or str(ROOT / ".tools/venv/bin/sam")
PROJECT_ID = "0123456789abcdef0123456789abcdef"
# Projects of scripts/demo-policies.json: one with its own policy, one whose item is malformed.
POLICY_PROJECT = "demo-policy-project"
MALFORMED_POLICY_PROJECT = "demo-malformed-policy"
GOOD_TOKEN_USER = "user-fully-bound"


def sam_event(kind):
    out = subprocess.run([SAM, "local", "generate-event", "apigateway", kind], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


V2_BASE = sam_event("http-api-proxy")
V1_BASE = sam_event("aws-proxy")


def v2(request_id, method, route, path, headers, body=None, query=None, path_parameters=None, base64_body=False):
    event = copy.deepcopy(V2_BASE)
    event["routeKey"] = f"{method} {route}"
    event["rawPath"] = path
    event["rawQueryString"] = "&".join(f"{k}={v}" for k, v in (query or {}).items())
    event.pop("cookies", None)
    event["headers"] = {"host": "id.execute-api.us-east-1.amazonaws.com", "user-agent": "fixture", **headers}
    event["queryStringParameters"] = query
    if query is None:
        del event["queryStringParameters"]
    context = event["requestContext"]
    context.pop("authentication", None)
    context.pop("authorizer", None)
    context["http"].update(method=method, path=path, userAgent="fixture")
    context["requestId"] = request_id
    context["routeKey"] = event["routeKey"]
    event["pathParameters"] = path_parameters
    if path_parameters is None:
        del event["pathParameters"]
    event.pop("stageVariables", None)
    if body is None:
        event.pop("body", None)
        event["isBase64Encoded"] = False
    elif base64_body:
        event["body"] = base64.b64encode(body.encode()).decode()
        event["isBase64Encoded"] = True
    else:
        event["body"] = body
        event["isBase64Encoded"] = False
    return event


def v1(request_id, method, resource, path, headers, body=None, query=None, path_parameters=None):
    event = copy.deepcopy(V1_BASE)
    event["resource"] = resource
    event["path"] = path
    event["httpMethod"] = method
    event["headers"] = {"Host": "id.execute-api.us-east-1.amazonaws.com", "User-Agent": "fixture", **headers}
    event["multiValueHeaders"] = {name: [value] for name, value in event["headers"].items()}
    event["queryStringParameters"] = query
    event["multiValueQueryStringParameters"] = {k: [v] for k, v in query.items()} if query else None
    event["pathParameters"] = path_parameters
    event["stageVariables"] = None
    event["body"] = body
    event["isBase64Encoded"] = False
    context = event["requestContext"]
    context.update(requestId=request_id, resourcePath=resource, httpMethod=method, path=f"/prod{path}")
    context["identity"]["userAgent"] = "fixture"
    return event


WPV_ROUTE = "/v3/{project_id}/weak-password-verification"
WPV_PATH = f"/v3/{PROJECT_ID}/weak-password-verification"
JSON = {"content-type": "application/json;charset=utf-8"}
TOKEN = {"x-auth-token": mint(GOOD_TOKEN_USER)}


def wpv(name, body, headers=None, **kwargs):
    merged = {**JSON, **TOKEN}
    if headers is not None:
        merged = {k: v for k, v in {**merged, **headers}.items() if v is not None}
    kwargs.setdefault("project_id", PROJECT_ID)
    project_id = kwargs.pop("project_id")
    method = kwargs.pop("method", "POST")
    path = f"/v3/{project_id}/weak-password-verification"
    return name, v2(f"wpv-{name}", method, WPV_ROUTE, path, merged, body, kwargs.get("query"), {"project_id": project_id}, kwargs.get("base64_body", False))


def wpv_rest(name, body, headers=None):
    merged = {"Content-Type": "application/json", "X-Auth-Token": TOKEN["x-auth-token"]}
    merged = {k: v for k, v in {**merged, **(headers or {})}.items() if v is not None}
    return name, v1(f"wpv-{name}", "POST", WPV_ROUTE, WPV_PATH, merged, body, None, {"project_id": PROJECT_ID})


def body(**fields):
    return json.dumps(fields)


WEAK_PASSWORD_EVENTS = [
    wpv("v2-weak-password", body(password="P@ssw0rd2024!")),
    wpv("v2-strong-password", body(password="plum-Orbit-velvet-93-harbor")),
    wpv("v2-detail", body(password="P@ssw0rd2024!"), query={"detail": "true"}),
    wpv("v2-detail-strong", body(password="plum-Orbit-velvet-93-harbor"), query={"detail": "true"}),
    wpv("v2-base64-body", body(password="plum-Orbit-velvet-93-harbor"), base64_body=True),
    wpv("v2-user-inputs", body(password="plum-Orbit-velvet-93-harbor-alicesmith", user_inputs=["alicesmith", "alice@example.com"])),
    wpv("v2-unknown-fields", body(password="plum-Orbit-velvet-93-harbor", remember_me=True, nested={"a": 1})),
    wpv("v2-missing-token", body(password="plum-Orbit-velvet-93-harbor"), headers={"x-auth-token": None}),
    wpv("v2-expired-token", body(password="plum-Orbit-velvet-93-harbor"), headers={"x-auth-token": mint(GOOD_TOKEN_USER, expires=1600000000)}),
    wpv("v2-bad-signature", body(password="plum-Orbit-velvet-93-harbor"), headers={"x-auth-token": mint(GOOD_TOKEN_USER, secret="not-the-key")}),
    wpv("v2-alg-none-token", body(password="plum-Orbit-velvet-93-harbor"), headers={"x-auth-token": mint(GOOD_TOKEN_USER, header={"alg": "none", "typ": "JWT"})}),
    wpv("v2-malformed-token", body(password="plum-Orbit-velvet-93-harbor"), headers={"x-auth-token": "not-a-jwt"}),
    wpv("v2-body-not-json", "password=hunter2"),
    wpv("v2-body-not-object", json.dumps(["password", "hunter2"])),
    wpv("v2-empty-body", None),
    wpv("v2-password-missing", body(passwd="hunter2")),
    wpv("v2-password-null", body(password=None)),
    wpv("v2-password-empty", body(password="")),
    wpv("v2-password-not-string", body(password=12345678)),
    wpv("v2-password-too-long", body(password="Zq8#" * 64 + "x")),
    wpv("v2-body-too-large", body(password="plum-Orbit-velvet-93-harbor", padding="x" * 17000)),
    wpv("v2-user-inputs-invalid", body(password="plum-Orbit-velvet-93-harbor", user_inputs="alice")),
    wpv("v2-detail-invalid", body(password="plum-Orbit-velvet-93-harbor"), query={"detail": "maybe"}),
    wpv("v2-wrong-content-type", "password=hunter2", headers={"content-type": "application/x-www-form-urlencoded"}),
    wpv("v2-malformed-project-id", body(password="plum-Orbit-velvet-93-harbor"), project_id="not%20a%20project!"),
    wpv("v2-wrong-method", None, method="GET"),
    wpv("v2-project-banned-word", body(password="c0nt0s0-ww-Zq8#"), query={"detail": "true"}, project_id=POLICY_PROJECT),
    wpv("v2-project-banned-word-strong-rest", body(password="contoso hires purple kangaroos"), project_id=POLICY_PROJECT),
    wpv("v2-project-min-length", body(password="Xk9#mQ2$vL7"), query={"detail": "true"}, project_id=POLICY_PROJECT),
    wpv("v2-project-without-policy", body(password="c0nt0s0-ww-Zq8#"), query={"detail": "true"}),
    wpv("v2-breached-password", body(password="correct horse battery staple"), query={"detail": "true"}),
    wpv("v2-breached-password-plain", body(password="correct horse battery staple")),
    wpv("v2-project-malformed-policy", body(password="plum-Orbit-velvet-93-harbor"), project_id=MALFORMED_POLICY_PROJECT),
    wpv_rest("v1-weak-password", body(password="iloveyou")),
    wpv_rest("v1-strong-password", body(password="plum-Orbit-velvet-93-harbor")),
    wpv_rest("v1-missing-token", body(password="plum-Orbit-velvet-93-harbor"), headers={"X-Auth-Token": None}),
    wpv_rest("v1-password-missing", body()),
]

GSI_PATH = "/api/v3/get-security-info"


def gsi(name, sub=None, headers=None, method="GET", query=None, token=None):
    merged = {"x-authing-app-id": "demo-app", "x-authing-request-from": "sdk"}
    if token is None and sub is not None:
        token = mint(sub)
    if token is not None:
        merged["authorization"] = token
    merged.update(headers or {})
    return name, v2(f"gsi-{name}", method, GSI_PATH, GSI_PATH, merged, None, query)


def gsi_rest(name, sub=None, headers=None):
    merged = {"x-authing-app-id": "demo-app"}
    if sub is not None:
        merged["Authorization"] = "Bearer " + mint(sub)
    merged.update(headers or {})
    return name, v1(f"gsi-{name}", "GET", GSI_PATH, GSI_PATH, merged)


SECURITY_INFO_EVENTS = [
    gsi("v2-fully-bound", token="Bearer " + mint("user-fully-bound"), headers={"x-authing-lang": "en-US"}),
    gsi("v2-bare-account", "user-bare", headers={"x-authing-lang": "en-US"}),
    gsi("v2-no-password", "user-no-password", headers={"x-authing-lang": "en-US"}),
    gsi("v2-bearer-token", token="Bearer " + mint("user-bare")),
    gsi("v2-raw-token", "user-bare"),
    gsi("v2-detail", "user-bare", headers={"x-authing-lang": "en-US"}, query={"detail": "true"}),
    gsi("v2-accept-language", "user-bare", headers={"accept-language": "fr-FR, en;q=0.8, zh;q=0.5"}),
    gsi("v2-no-token", headers={"x-authing-lang": "en-US"}),
    gsi("v2-bad-token", token=mint("user-bare", secret="not-the-key"), headers={"x-authing-lang": "en-US"}),
    gsi("v2-expired-token", token=mint("user-bare", expires=1600000000)),
    gsi("v2-unknown-user", "user-unknown", headers={"x-authing-lang": "en-US"}),
    gsi("v2-malformed-account", "user-malformed", headers={"x-authing-lang": "en-US"}),
    gsi("v2-wrong-method", "user-bare", method="POST", headers={"x-authing-lang": "en-US"}),
    gsi_rest("v1-fully-bound", "user-fully-bound", headers={"x-authing-lang": "en-US"}),
    gsi_rest("v1-bare-account", "user-bare"),
    gsi_rest("v1-no-token", headers={"x-authing-lang": "en-US"}),
]


def write(directory, events):
    target = ROOT / "events" / directory
    target.mkdir(parents=True, exist_ok=True)
    for stale in target.glob("v*.json"):
        stale.unlink()
    for name, event in events:
        (target / f"{name}.json").write_text(json.dumps(event, indent=2, ensure_ascii=False) + "\n")


write("weak-password-verification", WEAK_PASSWORD_EVENTS)
write("get-security-info", SECURITY_INFO_EVENTS)
print(f"wrote {len(WEAK_PASSWORD_EVENTS)} + {len(SECURITY_INFO_EVENTS)} fixtures")
