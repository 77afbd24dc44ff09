#!/usr/bin/env python3
"""Creates the demo tables on a DynamoDB endpoint: the accounts, the project policies, and an
empty breached-passwords table (scripts/import-demo-corpus.sh fills it).

    .tools/venv/bin/python scripts/seed_accounts.py http://127.0.0.1:8000 [table]

The items come from scripts/demo-accounts.json (table `accounts`, or the one named) and
scripts/demo-policies.json (table `project-policies`, as `make dev` and the end-to-end run set
PROJECT_POLICIES_TABLE): the same ones the fixture tests expect.
"""
import json
import pathlib
import sys

import boto3

HERE = pathlib.Path(__file__).resolve().parent


POLICIES_TABLE = "project-policies"
BREACHED_TABLE = "breached-passwords"


def put_all(client, table, key, items_file):
    if table not in client.list_tables()["TableNames"]:
        client.create_table(
            TableName=table,
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": key, "AttributeType": "S"}],
            KeySchema=[{"AttributeName": key, "KeyType": "HASH"}],
        )
        client.get_waiter("table_exists").wait(TableName=table, WaiterConfig={"Delay": 1})
    for item in json.loads((HERE / items_file).read_text()) if items_file else []:
        client.put_item(TableName=table, Item=item)


def seed(endpoint, table="accounts"):
    client = boto3.client(
        "dynamodb",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )
    put_all(client, table, "userId", "demo-accounts.json")
    put_all(client, POLICIES_TABLE, "projectId", "demo-policies.json")
    put_all(client, BREACHED_TABLE, "hashPrefix", None)


if __name__ == "__main__":
    seed(sys.argv[1], *(sys.argv[2:3]))
