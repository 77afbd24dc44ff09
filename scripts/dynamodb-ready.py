#!/usr/bin/env python3
"""Waits until DynamoDB Local answers HTTP at the given endpoint (an open port is not enough)."""
import sys
import time
import urllib.error
import urllib.request

endpoint, seconds = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 180
deadline = time.time() + seconds
while time.time() < deadline:
    try:
        urllib.request.urlopen(urllib.request.Request(endpoint, data=b"{}", method="POST"), timeout=2)
        sys.exit(0)
    except urllib.error.HTTPError:
        sys.exit(0)  # Any HTTP answer (400 MissingAuthenticationToken) means it serves requests.
    except OSError:
        time.sleep(0.2)
sys.exit(f"DynamoDB Local did not answer at {endpoint} within {seconds:.0f} s")
