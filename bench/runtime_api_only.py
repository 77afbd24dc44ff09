#!/usr/bin/env python3
"""A bootstrap that only answers: GET the next event, POST a constant response, and again.

`make bench` runs it beside the functions as a control: what a first invocation costs beyond a
warm one when no function code runs at all, only lambda_rapid's Runtime API and the loopback.
"""
import http.client
import os

host, port = os.environ["AWS_LAMBDA_RUNTIME_API"].split(":")
runtime = http.client.HTTPConnection(host, int(port))
while True:
    runtime.request("GET", "/2018-06-01/runtime/invocation/next")
    event = runtime.getresponse()
    event.read()
    request_id = event.getheader("Lambda-Runtime-Aws-Request-Id")
    runtime.request("POST", f"/2018-06-01/runtime/invocation/{request_id}/response", body=b'{"statusCode":200}')
    runtime.getresponse().read()
