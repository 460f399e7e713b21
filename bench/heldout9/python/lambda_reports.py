"""AWS Lambda handlers of the regional sales reports (API Gateway proxy events and an
S3 trigger on the uploads bucket)."""

import base64
import json
import os
import pickle
import subprocess
import urllib.request
from urllib.parse import urlparse

import boto3
import pymysql

BUCKET = os.environ["REPORTS_BUCKET"]
REPORT_PAGES = {
    "weekly": "https://reports.example-sales.com/weekly",
    "monthly": "https://reports.example-sales.com/monthly",
}
SORTS = {"revenue": "revenue DESC", "region": "region ASC", "date": "closed_at DESC"}
# the database password as a literal
# ruleid: hardcoded-secret
DB_PASSWORD = "rpt-Sql!2024-prod"

s3 = boto3.client("s3")


def _db():
    return pymysql.connect(host=os.environ["DB_HOST"], user="reports", password=DB_PASSWORD, database="sales")


def _params(event):
    return event.get("queryStringParameters") or {}


def list_deals(event, context):
    params = _params(event)
    region = params.get("region", "emea")
    sort = params.get("sort", "date")
    with _db().cursor() as cur:
        # the sort key is spliced in as it came
        # ruleid: sql-injection
        cur.execute(f"SELECT id, customer, revenue FROM deals WHERE region = %s ORDER BY {sort}", (region,))
        rows = cur.fetchall()
    return {"statusCode": 200, "body": json.dumps(rows, default=str)}


def list_deals_sorted(event, context):
    params = _params(event)
    order_by = SORTS.get(params.get("sort", "date"), "closed_at DESC")
    with _db().cursor() as cur:
        # ORDER BY from a constant dictionary, the region bound
        # ok: sql-injection
        cur.execute(f"SELECT id, customer, revenue FROM deals WHERE region = %s ORDER BY {order_by}", (params.get("region", "emea"),))
        rows = cur.fetchall()
    return {"statusCode": 200, "body": json.dumps(rows, default=str)}


def fetch_export(event, context):
    key = event["pathParameters"]["key"]
    # the object key names the local file in /tmp
    # ruleid: path-traversal
    s3.download_file(BUCKET, f"exports/{key}", f"/tmp/{key}")
    local = os.path.join("/tmp", os.path.basename(key))
    # basename of the key
    # ok: path-traversal
    s3.download_file(BUCKET, f"exports/{key}", local)
    # the same basename read back
    # ok: path-traversal
    with open(local, "rb") as fh:
        body = base64.b64encode(fh.read()).decode()
    return {"statusCode": 200, "isBase64Encoded": True, "body": body}


def open_report(event, context):
    name = _params(event).get("report", "weekly")
    target = REPORT_PAGES.get(name, REPORT_PAGES["weekly"])
    # a Location header in the proxy response, from a constant dictionary [extended sink]
    # ok: open-redirect
    return {"statusCode": 302, "headers": {"Location": target}}


def back_to_app(event, context):
    target = _params(event).get("return_to", "/")
    # a Location header set to the query parameter [extended sink]
    # ruleid: open-redirect
    return {"statusCode": 302, "headers": {"Location": target}}


def notify(event, context):
    body = json.loads(event["body"] or "{}")
    # urlopen on a callback URL from the request body
    # ruleid: ssrf
    urllib.request.urlopen(body["callback"], data=json.dumps({"done": True}).encode(), timeout=5)
    report_id = int(body["report_id"])
    # fixed internal host, an int in the path
    # ok: ssrf
    urllib.request.urlopen(f"https://hooks.internal.example-sales.com/reports/{report_id}", timeout=5)
    return {"statusCode": 204}


def report_title_page(event, context):
    title = _params(event).get("title", "Report")
    # a text/html proxy response body with the raw title [extended sink]
    # ruleid: xss
    return {"statusCode": 200, "headers": {"Content-Type": "text/html"}, "body": f"<h1>{title}</h1>"}


def restore_job(event, context):
    blob = base64.b64decode(event["body"])
    # job state sent back by the client and unpickled
    # ruleid: unsafe-deserialization
    state = pickle.loads(blob)
    return {"statusCode": 200, "body": json.dumps({"step": state.get("step")})}


def on_upload(event, context):
    record = event["Records"][0]["s3"]
    key = record["object"]["key"]
    # the local file name is a constant
    # ok: path-traversal
    s3.download_file(record["bucket"]["name"], key, "/tmp/in.zip")
    # the uploaded object's key inside a shell command
    # ruleid: command-injection
    subprocess.run(f"unzip -o /tmp/in.zip -d /tmp/{key}.d", shell=True, check=True)
    # the same extraction with an argument list
    # ok: command-injection
    subprocess.run(["unzip", "-o", "/tmp/in.zip", "-d", "/tmp/extracted"], check=True)
    host = urlparse(os.environ["INGEST_URL"]).hostname
    return {"extracted": key, "ingest": host}
