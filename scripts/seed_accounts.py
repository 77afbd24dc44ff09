#!/usr/bin/env python3
"""Creates the accounts table on a DynamoDB endpoint and puts the demo accounts in it.

    .tools/venv/bin/python scripts/seed_accounts.py http://127.0.0.1:8000 [table]

The items come from scripts/demo-accounts.json (the same ones the fixture tests expect).
"""
import json
import pathlib
import sys

import boto3

HERE = pathlib.Path(__file__).resolve().parent


def seed(endpoint, table="accounts"):
    client = boto3.client(
        "dynamodb",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )
    if table not in client.list_tables()["TableNames"]:
        client.create_table(
            TableName=table,
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "userId", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "userId", "KeyType": "HASH"}],
        )
        client.get_waiter("table_exists").wait(TableName=table, WaiterConfig={"Delay": 1})
    for item in json.loads((HERE / "demo-accounts.json").read_text()):
        client.put_item(TableName=table, Item=item)


if __name__ == "__main__":
    seed(sys.argv[1], *(sys.argv[2:3]))
