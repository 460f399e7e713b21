"""Spare-parts inventory API: Connexion operation handlers (operationIds in openapi.yaml).

Connexion calls each function with the operation's query, path and body parameters.
Stock lives in MongoDB; reporting tables in Postgres (psycopg 3).
"""

import json
import os
import re

import psycopg
import requests
from connexion.exceptions import BadRequestProblem
from psycopg import sql
from pymongo import MongoClient

client = MongoClient(os.environ["MONGO_URL"])
parts = client.inventory.parts
movements = client["inventory"]["movements"]
PG_DSN = os.environ["REPORTING_DSN"]
SKU_RE = re.compile(r"[A-Z]{3}-\d{5}")
SORT_FIELDS = {"sku", "name", "qty"}
SUPPLIER_APIS = {
    "acme": "https://api.acme-parts.example/v1/",
    "bolt": "https://b2b.boltsupply.example/api/",
}


def get_part(sku: str):
    # a str-annotated parameter as the value of a fixed filter field
    # ok: nosql-injection
    doc = parts.find_one({"sku": sku}, {"_id": 0})
    return doc or ({"detail": "not found"}, 404)


def search_parts(body: dict):
    # the JSON body's filter object passed as the whole filter
    # ruleid: nosql-injection
    cursor = parts.find(body.get("filter", {}), {"_id": 0}).limit(100)
    return list(cursor)


def reserve(body: dict):
    # a JSON body value (it can be an object) as a filter field value
    # ruleid: nosql-injection
    res = parts.find_one_and_update({"sku": body["sku"], "qty": {"$gte": 1}}, {"$inc": {"qty": -1}})
    return {"reserved": res is not None}


def adjust(body: dict):
    sku = str(body["sku"])
    delta = int(body["delta"])
    # both values coerced before the update
    # ok: nosql-injection
    parts.update_one({"sku": sku}, {"$inc": {"qty": delta}})
    movements.insert_one({"sku": sku, "delta": delta})
    return {"ok": True}


def low_stock(threshold: str):
    # the query parameter spliced into a $where expression
    # ruleid: nosql-injection
    return list(parts.find({"$where": f"this.qty < {threshold}"}, {"_id": 0}))


def by_warehouse(warehouse: str, extra: str = "{}"):
    flt = json.loads(extra)
    flt["warehouse"] = warehouse
    # a JSON-decoded query parameter used as the filter
    # ruleid: nosql-injection
    return list(movements.find(flt, {"_id": 0}).limit(50))


def stock_report(group_by: str = "category", order: str = "qty"):
    if order not in SORT_FIELDS:
        raise BadRequestProblem(detail="unsupported sort")
    with psycopg.connect(PG_DSN) as conn:
        # group-by column quoted with sql.Identifier; order allowlisted with a raise
        # ok: sql-injection
        rows = conn.execute(
            sql.SQL("SELECT {g}, sum(qty) FROM part_stock GROUP BY {g} ORDER BY {o}").format(
                g=sql.Identifier(group_by), o=sql.Identifier(order)
            )
        ).fetchall()
    return [list(r) for r in rows]


def movements_since(since: str, sku: str = ""):
    query = "SELECT sku, delta, moved_at FROM movements WHERE moved_at >= %s"
    params = [since]
    if sku:
        query += f" AND sku = '{sku}'"
    with psycopg.connect(PG_DSN) as conn:
        # sku appended to the text; only `since` is bound
        # ruleid: sql-injection
        return [list(r) for r in conn.execute(query, params)]


def part_history(sku: str):
    if not SKU_RE.fullmatch(sku):
        raise BadRequestProblem(detail="bad sku")
    with psycopg.connect(PG_DSN) as conn, conn.cursor() as cur:
        # SKU full-matched against a compiled pattern with a raise
        # ok: sql-injection
        cur.execute(f"SELECT * FROM part_history WHERE sku = '{sku}' ORDER BY at DESC")
        return [list(r) for r in cur.fetchall()]


def export_columns(columns: str):
    cols = [c.strip() for c in columns.split(",")]
    with psycopg.connect(PG_DSN) as conn:
        # sql.SQL() around raw text: SQL() marks text as trusted, it does not quote it
        # ruleid: sql-injection
        return conn.execute(sql.SQL("SELECT " + ", ".join(cols) + " FROM parts")).fetchall()


def supplier_quote(supplier: str, sku: str):
    base = SUPPLIER_APIS.get(supplier)
    if base is None:
        return {"detail": "unknown supplier"}, 404
    # base URL from a dictionary whose values all end in "/"
    # ok: ssrf
    r = requests.get(base + "quotes", params={"sku": sku}, timeout=8)
    return r.json()


def supplier_ping(body: dict):
    endpoint = body["endpoint"]
    # endpoint from the JSON body checked by nobody
    # ruleid: ssrf
    r = requests.head(endpoint, timeout=3, allow_redirects=False)
    return {"reachable": r.ok}
