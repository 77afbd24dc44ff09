#!/usr/bin/env python3
"""End-to-end: the release binaries behind cargo lambda's emulator, against DynamoDB Local.

1. Every fixture in events/ is invoked as `sam local invoke -e` sends it (the event, verbatim,
   to the Lambda invoke API) and its response checked against expected-responses.json.
2. Requests go over HTTP to both real paths, and every response is checked against
   docs/openapi.yaml, so the description cannot drift from the service.
3. The official SDKs call the service unchanged: Authing's `get_security_level` and Huawei
   Cloud's `validate_weak_password`.

    .tools/venv/bin/python scripts/e2e.py --dynamodb http://127.0.0.1:8000

Needs: DynamoDB Local at --dynamodb holding the demo tables (scripts/seed_accounts.py and
scripts/import-demo-corpus.sh),
cargo-lambda on PATH. Builds the release binaries if they are not built yet.
"""
import argparse
import json
import os
import pathlib
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import requests
from openapi_core import OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from dev_token import mint  # noqa: E402

FUNCTIONS = ["weak-password-verification", "get-security-info"]
PROJECT_ID = "0123456789abcdef0123456789abcdef"
# scripts/demo-policies.json: minLength 12, bannedWords contoso and fabrikam.
POLICY_PROJECT = "demo-policy-project"
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            sys.exit(f"cargo lambda watch exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"nothing listens on port {port} after {seconds} s")


def start_emulator(port, dynamodb):
    # Built as cargo lambda builds them (`cargo run --bin`, features unified across the
    # workspace), so the emulator starts them without rebuilding.
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bins"], cwd=ROOT, check=True)
    command = [
        "cargo", "lambda", "watch", "--release", "--ignore-changes", "--quiet",
        "--invoke-port", str(port), "--env-file", "scripts/local.env",
        "--env-var", f"AWS_ENDPOINT_URL_DYNAMODB={dynamodb}",
        "--env-var", "PROJECT_POLICIES_TABLE=project-policies",
        "--env-var", "BREACHED_PASSWORDS_TABLE=breached-passwords",
    ]
    log = open(ROOT / "target/e2e-watch.log", "w")
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    wait_for_port(port, process, 120)
    return process


def invoke(port, function, event_bytes):
    url = f"http://127.0.0.1:{port}/2015-03-31/functions/{function}/invocations"
    request = urllib.request.Request(url, data=event_bytes, method="POST")
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read())


def answers_as_expected(got, want):
    """Whether a function's API Gateway response is the one expected-responses.json gives."""
    headers = {k.lower(): v for k, v in (got.get("headers") or {}).items()}
    for name, values in (got.get("multiValueHeaders") or {}).items():
        headers.setdefault(name.lower(), values[0])
    return (
        got["statusCode"] == want["statusCode"]
        and all(headers.get(name) == value for name, value in want["headers"].items())
        and json.loads(got["body"]) == want["body"]
    )


def check_fixtures(port):
    for function in FUNCTIONS:
        directory = ROOT / "events" / function
        expected = json.loads((directory / "expected-responses.json").read_text())
        fixtures = sorted(p for p in directory.glob("*.json") if p.name != "expected-responses.json")
        check(sorted(p.stem for p in fixtures) == sorted(expected), f"{function}: every fixture has an expectation")
        for fixture in fixtures:
            got = invoke(port, function, fixture.read_bytes())
            same = answers_as_expected(got, expected[fixture.stem])
            check(same, f"invoke {function} -e events/{function}/{fixture.name}" + ("" if same else f": got {got}"))


class Described:
    """Sends HTTP requests and checks each response against docs/openapi.yaml."""

    def __init__(self, port):
        self.base = f"http://localhost:{port}"
        self.api = OpenAPI.from_file_path(str(ROOT / "docs/openapi.yaml"))

    def send(self, method, path, **kwargs):
        response = requests.request(method, self.base + path, timeout=30, **kwargs)
        try:
            self.api.validate_response(RequestsOpenAPIRequest(response.request), RequestsOpenAPIResponse(response))
            check(True, f"{method} {path} -> {response.status_code} matches docs/openapi.yaml")
        except Exception as error:  # noqa: BLE001 - any validation error is a failure to report
            check(False, f"{method} {path} -> {response.status_code} matches docs/openapi.yaml: {error}")
        return response


def check_http(port):
    api = Described(port)
    token = mint("user-fully-bound")
    weak_path = f"/v3/{PROJECT_ID}/weak-password-verification"
    json_headers = {"x-auth-token": token, "content-type": "application/json"}

    r = api.send("POST", weak_path, headers=json_headers, data=json.dumps({"password": "P@ssw0rd2024!"}))
    check(r.status_code == 200 and r.json() == {"is_weak_password": True}, "a common password is weak")
    r = api.send("POST", weak_path, headers=json_headers, data=json.dumps({"password": "plum-Orbit-velvet-93-harbor"}))
    check(r.status_code == 200 and r.json() == {"is_weak_password": False}, "a long random passphrase is not weak")
    r = api.send("POST", weak_path + "?detail=true", headers=json_headers, data=json.dumps({"password": "iloveyou"}))
    check(r.json().get("reasons") == ["common_password", "low_score"], "detail explains the verdict")
    policy_path = f"/v3/{POLICY_PROJECT}/weak-password-verification?detail=true"
    r = api.send("POST", policy_path, headers=json_headers, data=json.dumps({"password": "c0nt0s0-ww-Zq8#"}))
    check(r.json().get("reasons") == ["banned_word"], "a project's banned word makes a password weak")
    r = api.send("POST", policy_path, headers=json_headers, data=json.dumps({"password": "Xk9#mQ2$vL7"}))
    check(r.json().get("reasons") == ["too_short"], "a project's own minimum length applies")
    r = api.send("POST", weak_path + "?detail=true", headers=json_headers,
                 data=json.dumps({"password": "correct horse battery staple"}))
    check(r.json().get("reasons") == ["breached"] and r.json().get("breach_count") == 3829,
          "a password of the breach corpus is weak, with its count")
    r = api.send("POST", weak_path, headers={"content-type": "application/json"}, data="{}")
    check(r.status_code == 401 and r.json()["error_code"] == "APIGW.0301", "no token: 401 APIGW.0301")
    r = api.send("POST", weak_path, headers=json_headers, data="{not json")
    check(r.status_code == 400 and r.json()["errCode"] == "DBS.280001", "bad body: 400 DBS.280001")
    check("hunter" not in r.text, "an error never echoes the request")
    r = api.send("POST", weak_path, headers={"x-auth-token": token}, data="password=hunter2")
    check(r.status_code == 415, "a form body: 415")

    info_path = "/api/v3/get-security-info"
    r = api.send("GET", info_path, headers={"authorization": "Bearer " + token, "x-authing-lang": "en-US"})
    body = r.json()
    check(r.status_code == 200 and body["statusCode"] == 200 and body["data"]["securityScore"] == 100,
          "a fully bound account scores 100")
    r = api.send("GET", info_path + "?detail=true", headers={"authorization": mint("user-bare")})
    check(r.json()["data"]["securityScore"] == 60 and r.json()["detail"]["nextSteps"][0]["action"] == "enrollMfa",
          "the bare account scores 60 and is told to enrol MFA first")
    r = api.send("GET", info_path, headers={"authorization": mint("user-unknown")})
    check(r.json()["statusCode"] == 404 and r.json()["apiCode"] == 2004, "an unknown user: 404 / 2004")
    r = api.send("GET", info_path, headers={"authorization": "not-a-token"})
    check(r.json()["statusCode"] == 401 and r.json()["apiCode"] == 2020, "a bad token: 401 / 2020")


def check_authing_sdk(port):
    from authing import AuthenticationClient

    def client(token):
        return AuthenticationClient(app_id="demo-app", app_host=f"http://127.0.0.1:{port}", access_token=token, lang="en-US")

    answer = client(mint("user-bare")).get_security_level()
    check(answer.get("statusCode") == 200 and answer.get("data") == {
        "passwordSecurityLevel": 1, "mfaEnrolled": False, "passwordSet": True,
        "emailBinded": False, "phoneBinded": False, "securityScore": 60,
    }, f"Authing SDK get_security_level() reads the bare account: {answer}")
    answer = client(mint("user-bare", secret="not-the-key")).get_security_level()
    check(answer.get("statusCode") == 401 and answer.get("apiCode") == 2020,
          f"Authing SDK get_security_level() with a bad token: {answer}")


def check_huawei_sdk(port):
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
    from huaweicloudsdkcore.http.http_config import HttpConfig
    from huaweicloudsdkcore.http.http_handler import HttpHandler
    from huaweicloudsdkddm.v1 import DdmClient, ValidateWeakPasswordRequest, WeakPasswordReq

    def client(token, project_id=PROJECT_ID):
        def send_token(request, **_):
            # The SDK signs with AK/SK; IAM-token users send X-Auth-Token instead.
            request.header_params.pop("Authorization", None)
            request.header_params.pop("X-Sdk-Date", None)
            request.header_params["X-Auth-Token"] = token

        credentials = BasicCredentials(ak="local-ak", sk="local-sk", project_id=project_id)
        return (
            DdmClient.new_builder()
            .with_credentials(credentials)
            .with_endpoint(f"http://127.0.0.1:{port}")
            .with_http_config(HttpConfig(timeout=(5, 60)))
            .with_http_handler(HttpHandler().add_request_handler(send_token))
            .build()
        )

    def validate(token, password, project_id=PROJECT_ID):
        request = ValidateWeakPasswordRequest(body=WeakPasswordReq(password=password))
        return client(token, project_id).validate_weak_password(request)

    token = mint("user-fully-bound")
    check(validate(token, "P@ssw0rd2024!").is_weak_password is True, "Huawei SDK: a common password is weak")
    check(validate(token, "plum-Orbit-velvet-93-harbor").is_weak_password is False, "Huawei SDK: a strong one is not")
    check(validate(token, "c0nt0s0-ww-Zq8#", POLICY_PROJECT).is_weak_password is True,
          "Huawei SDK: a project's banned word is weak")
    check(validate(token, "contoso hires purple kangaroos", POLICY_PROJECT).is_weak_password is False,
          "Huawei SDK: a banned word beside a strong passphrase is not")
    check(validate(token, "correct horse battery staple", POLICY_PROJECT).is_weak_password is True,
          "Huawei SDK: a breached password is weak")
    for password, token_used, status, code in [
        ("", token, 400, "DBS.280001"),
        ("P@ssw0rd2024!", mint("user-fully-bound", expires=1600000000), 401, "APIGW.0301"),
    ]:
        try:
            validate(token_used, password)
            check(False, f"Huawei SDK raises for a {status}")
        except ClientRequestException as error:
            check(error.status_code == status and error.error_code == code and error.request_id,
                  f"Huawei SDK sees {status} {code} with a request id (got {error.status_code} {error.error_code})")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dynamodb", required=True, help="DynamoDB Local endpoint holding the demo accounts")
    args = parser.parse_args()
    os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
    port = free_port()
    emulator = start_emulator(port, args.dynamodb)
    try:
        check_fixtures(port)
        check_http(port)
        check_authing_sdk(port)
        check_huawei_sdk(port)
    finally:
        os.killpg(emulator.pid, signal.SIGINT)
        try:
            emulator.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(emulator.pid, signal.SIGKILL)
    if failures:
        sys.exit(f"{len(failures)} end-to-end check(s) failed")
    print("end-to-end: all checks passed")


if __name__ == "__main__":
    main()
