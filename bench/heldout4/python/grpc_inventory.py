"""gRPC inventory service: the servicer methods receive protobuf requests from clients."""

import os
import re
import subprocess
from concurrent import futures
from pathlib import Path

import grpc
import requests
from psycopg_pool import ConnectionPool

import inventory_pb2
import inventory_pb2_grpc

SNAPSHOT_DIR = Path("/var/lib/inventory/snapshots").resolve()
SNAPSHOT_RE = re.compile(r"[a-z0-9_]{3,64}")
IMAGE_HOSTS = {"images.acme-cdn.com", "static.acme-cdn.com"}
ORDER_COLUMNS = {"sku": "sku", "qty": "quantity", "updated": "updated_at"}


class InventoryServicer(inventory_pb2_grpc.InventoryServicer):
    def __init__(self, pool: ConnectionPool):
        self.pool = pool

    def GetItem(self, request, context):
        with self.pool.connection() as conn:
            # bound parameter from the protobuf field
            # ok: sql-injection
            row = conn.execute("SELECT sku, quantity FROM items WHERE sku = %s", (request.sku,)).fetchone()
        return inventory_pb2.Item(sku=row[0], quantity=row[1])

    def SearchItems(self, request, context):
        clauses = ["warehouse = %s"]
        params = [request.warehouse]
        if request.category:
            clauses.append(f"category = '{request.category}'")
        with self.pool.connection() as conn:
            # one clause appended with the raw category inside quotes
            # ruleid: sql-injection
            rows = conn.execute("SELECT sku FROM items WHERE " + " AND ".join(clauses), params).fetchall()
        return inventory_pb2.ItemList(skus=[r[0] for r in rows])

    def FilterItems(self, request, context):
        clauses = ["warehouse = %s"]
        params = [request.warehouse]
        if request.min_qty:
            clauses.append("quantity >= %s")
            params.append(request.min_qty)
        order = ORDER_COLUMNS.get(request.order_by, "sku")
        with self.pool.connection() as conn:
            # only placeholder clauses are joined; the ORDER BY column is a constant lookup
            # ok: sql-injection
            rows = conn.execute(
                "SELECT sku FROM items WHERE " + " AND ".join(clauses) + f" ORDER BY {order}",
                params,
            ).fetchall()
        return inventory_pb2.ItemList(skus=[r[0] for r in rows])

    def RenameLocation(self, request, context):
        with self.pool.connection() as conn:
            # .format() of two request fields into the statement
            # ruleid: sql-injection
            conn.execute("UPDATE locations SET label = '{}' WHERE code = '{}'".format(request.label, request.code))
        return inventory_pb2.Empty()

    def ExportSnapshot(self, request, context):
        name = request.snapshot_name
        if not SNAPSHOT_RE.fullmatch(name):
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "bad snapshot name")
        # [beyond docs] fullmatch with context.abort (which raises) as the exit
        # ok: path-traversal
        data = (SNAPSHOT_DIR / f"{name}.json").read_bytes()
        return inventory_pb2.Blob(data=data)

    def ImportSnapshot(self, request, context):
        target = (SNAPSHOT_DIR / request.snapshot_name).resolve()
        if SNAPSHOT_DIR not in target.parents:
            context.abort(grpc.StatusCode.PERMISSION_DENIED, "outside snapshot dir")
            return inventory_pb2.Empty()
        # resolved path, parents membership check
        # ok: path-traversal
        target.write_bytes(request.data)
        return inventory_pb2.Empty()

    def AttachLabel(self, request, context):
        label_path = SNAPSHOT_DIR / "labels" / request.label_file
        # pathlib join of a request field, no check
        # ruleid: path-traversal
        return inventory_pb2.Blob(data=label_path.read_bytes())

    def FetchImage(self, request, context):
        # image URL from the client, no host check
        # ruleid: ssrf
        resp = requests.get(request.image_url, timeout=5)
        return inventory_pb2.Blob(data=resp.content)

    def FetchCdnImage(self, request, context):
        from urllib.parse import urlparse

        parsed = urlparse(request.image_url)
        if parsed.scheme != "https" or parsed.hostname not in IMAGE_HOSTS:
            return inventory_pb2.Blob()
        # scheme and hostname allowlist, early return
        # ok: ssrf
        resp = requests.get(request.image_url, timeout=5)
        return inventory_pb2.Blob(data=resp.content)

    def ResolveHost(self, request, context):
        # argument list, no shell
        # ok: command-injection
        out = subprocess.run(["dig", "+short", request.hostname], capture_output=True, text=True, timeout=5)
        return inventory_pb2.Text(value=out.stdout)

    def Traceroute(self, request, context):
        # shell pipeline with the hostname field
        # ruleid: command-injection
        out = subprocess.check_output("traceroute -m 10 " + request.hostname + " | tail -n 5", shell=True, text=True)
        return inventory_pb2.Text(value=out)

    def WarehouseDisk(self, request, context):
        code = int(request.warehouse_id)
        # int() coercion
        # ok: command-injection
        out = os.popen(f"df -h /mnt/wh{code}").read()
        return inventory_pb2.Text(value=out)


def serve():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    pool = ConnectionPool(os.environ["INVENTORY_DSN"])
    inventory_pb2_grpc.add_InventoryServicer_to_server(InventoryServicer(pool), server)
    server.add_insecure_port("[::]:50051")
    server.start()
    server.wait_for_termination()
