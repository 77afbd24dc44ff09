#!/usr/bin/env python3
"""Mints HS256 access tokens signed with the local development key (scripts/local.env).

The key signs tokens for `make dev`, the event fixtures and the tests only; template.yaml never
uses it. Standard library only, so it runs on a fresh machine.

    python3 scripts/dev_token.py user-fully-bound            # valid until 2100
    python3 scripts/dev_token.py user-bare --expires 1600000000
"""
import argparse
import base64
import hashlib
import hmac
import json
import pathlib

YEAR_2100 = 4102444800


def _local_env():
    lines = (pathlib.Path(__file__).parent / "local.env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


LOCAL_ENV = _local_env()
DEV_SECRET = LOCAL_ENV["AUTH_JWT_SECRET"]
DEV_ISSUER = LOCAL_ENV["AUTH_ISSUER"]
DEV_AUDIENCE = LOCAL_ENV["AUTH_AUDIENCE"]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def mint(sub, expires=YEAR_2100, secret=DEV_SECRET, issuer=DEV_ISSUER, audience=DEV_AUDIENCE, header=None):
    header = header or {"alg": "HS256", "typ": "JWT"}
    claims = {"sub": sub, "iss": issuer, "aud": audience, "iat": 1700000000, "exp": expires}
    signing_input = _b64(json.dumps(header, separators=(",", ":")).encode()) + "." + _b64(
        json.dumps(claims, separators=(",", ":")).encode()
    )
    if header.get("alg") == "none":
        return signing_input + "."
    signature = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + _b64(signature)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sub", help="the user id (the token's subject)")
    parser.add_argument("--expires", type=int, default=YEAR_2100, help="exp, in seconds since the epoch")
    args = parser.parse_args()
    print(mint(args.sub, args.expires))
