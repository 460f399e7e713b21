"""Delivery-fleet API on Django REST framework: serializers that validate, viewsets, services."""

import os
import shlex
import subprocess
from pathlib import Path

import requests
from django.db import connection
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Vehicle

TELEMETRY_ROOT = Path("/data/telemetry").resolve()
DEPOTS = {"north": "https://depot-north.fleet.example/api/", "south": "https://depot-south.fleet.example/api/"}
FUEL_TYPES = ["diesel", "petrol", "electric"]


class VehicleQuerySerializer(serializers.Serializer):
    fuel = serializers.ChoiceField(choices=FUEL_TYPES)
    plate = serializers.CharField(max_length=12)
    depot = serializers.ChoiceField(choices=list(DEPOTS))
    min_km = serializers.IntegerField(min_value=0)


class RouteExportSerializer(serializers.Serializer):
    filename = serializers.CharField()
    route_id = serializers.IntegerField()

    def validate_filename(self, value):
        if not value.replace("-", "").isalnum():
            raise serializers.ValidationError("letters, digits and dashes only")
        return value


class WebhookSerializer(serializers.Serializer):
    url = serializers.URLField()
    event = serializers.ChoiceField(choices=["arrived", "departed"])


class FleetQueries:
    def vehicles(self, data):
        with connection.cursor() as cur:
            # ChoiceField fuel and IntegerField min_km spliced; plate bound
            # ok: sql-injection
            cur.execute(
                f"SELECT id, plate FROM vehicles WHERE fuel = '{data['fuel']}' AND km >= {data['min_km']} AND plate LIKE %s",
                [data["plate"] + "%"],
            )
            return cur.fetchall()

    def by_plate(self, data):
        with connection.cursor() as cur:
            # CharField(max_length=12) is a length limit, not a control
            # ruleid: sql-injection
            cur.execute(f"SELECT id FROM vehicles WHERE plate = '{data['plate']}'")
            return cur.fetchall()


class VehicleViewSet(viewsets.ViewSet):
    queries = FleetQueries()

    def list(self, request):
        ser = VehicleQuerySerializer(data=request.query_params)
        ser.is_valid(raise_exception=True)
        return Response(self.queries.vehicles(ser.validated_data))

    @action(detail=False, methods=["get"])
    def lookup(self, request):
        ser = VehicleQuerySerializer(data=request.query_params)
        ser.is_valid(raise_exception=True)
        return Response(self.queries.by_plate(ser.validated_data))

    @action(detail=False, methods=["get"])
    def raw_lookup(self, request):
        ser = VehicleQuerySerializer(data=request.query_params)
        ser.is_valid(raise_exception=True)
        plate = request.query_params.get("plate", "")
        with connection.cursor() as cur:
            # serializer validated, but the raw query param is the one used
            # ruleid: sql-injection
            cur.execute("SELECT id FROM vehicles WHERE plate = '" + plate + "'")
            return Response(cur.fetchall())

    @action(detail=True, methods=["post"])
    def ping_depot(self, request, pk=None):
        ser = VehicleQuerySerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        base = DEPOTS[ser.validated_data["depot"]]
        # ChoiceField keys a constant dict of https://host/ bases
        # ok: ssrf
        r = requests.post(base + f"vehicles/{pk}/ping", timeout=5)
        return Response({"status": r.status_code})


class RouteExportView(APIView):
    def post(self, request):
        ser = RouteExportSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        name = ser.validated_data["filename"]
        out = TELEMETRY_ROOT / "exports" / f"{name}.csv"
        # validate_filename raises unless alphanumeric and dashes (isalnum, not a regex) [beyond docs]
        # ok: path-traversal
        out.write_text(self._render(ser.validated_data["route_id"]))
        return Response({"file": out.name}, status=status.HTTP_201_CREATED)

    def get(self, request):
        name = request.query_params.get("filename", "")
        out = TELEMETRY_ROOT / "exports" / name
        # the serializer is not used on the read path
        # ruleid: path-traversal
        return Response({"csv": out.read_text()})

    def _render(self, route_id):
        return f"route,{route_id}\n"


class TelemetryView(APIView):
    def get(self, request, vehicle_id):
        day = request.query_params.get("day", "")
        for part in day.split("-"):
            if not part.isdigit():
                return Response(status=status.HTTP_400_BAD_REQUEST)
        path = TELEMETRY_ROOT / str(int(vehicle_id)) / f"{day}.jsonl"
        # every dash-separated part is digits, early return otherwise [beyond docs]
        # ok: path-traversal
        return Response({"lines": path.read_text().splitlines()})


class WebhookView(APIView):
    def post(self, request):
        ser = WebhookSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        # URLField checks the format only
        # ruleid: ssrf
        requests.post(ser.validated_data["url"], json={"event": ser.validated_data["event"]}, timeout=5)
        return Response(status=status.HTTP_202_ACCEPTED)


class DiagnosticsView(APIView):
    def post(self, request):
        host = request.data.get("host", "")
        count = request.data.get("count", "3")
        # host quoted, count not
        # ruleid: command-injection
        out = subprocess.check_output(f"ping -c {count} {shlex.quote(host)}", shell=True)
        # both quoted
        # ok: command-injection
        out2 = subprocess.check_output(f"traceroute -m {shlex.quote(count)} {shlex.quote(host)}", shell=True)
        return Response({"ping": out.decode(), "trace": out2.decode()})


class VehicleNotesView(APIView):
    def get(self, request, pk):
        vehicle = Vehicle.objects.get(pk=pk)
        cmd = request.query_params.get("fmt", "txt")
        fmt = cmd if cmd in ("txt", "md") else "txt"
        # the conditional expression resets to a literal
        # ok: command-injection
        subprocess.run(f"pandoc -t {fmt} /notes/{vehicle.id}.html -o /tmp/{vehicle.id}.{fmt}", shell=True)
        return Response({"ok": True})


class FirmwareView(APIView):
    CHANNELS = {"stable", "beta"}

    def post(self, request, vehicle_id):
        channel = request.data.get("channel", "stable")
        version = request.data.get("version", "")
        if channel not in self.CHANNELS:
            return Response(status=status.HTTP_400_BAD_REQUEST)
        # channel allowlisted, version free text in the shell
        # ruleid: command-injection
        subprocess.run(f"fwpush --vehicle {int(vehicle_id)} --channel {channel} --version {version}", shell=True)
        # the version through shlex.quote
        # ok: command-injection
        subprocess.run(
            f"fwpush --vehicle {int(vehicle_id)} --channel {channel} --version {shlex.quote(version)}", shell=True
        )
        return Response(status=status.HTTP_202_ACCEPTED)


class GeofenceImportView(APIView):
    def post(self, request):
        source = request.data.get("source", "")
        # a URL from the request body, fetched server-side
        # ruleid: ssrf
        geo = requests.get(source, timeout=10).json()
        region = request.data.get("region", "")
        dest = TELEMETRY_ROOT / "geofences" / region
        dest.mkdir(parents=True, exist_ok=True)
        # region names a directory under the root
        # ruleid: path-traversal
        (dest / "fence.json").write_text(str(geo))
        # ruleid: command-injection
        os.system("geo-index --rebuild " + region)
        return Response(status=status.HTTP_201_CREATED)


class DriverSearchView(APIView):
    def get(self, request):
        name = request.query_params.get("name", "")
        depot = request.query_params.get("depot", "")
        params = {"name": name}
        with connection.cursor() as cur:
            # name bound through a dict of named parameters, depot spliced
            # ruleid: sql-injection
            cur.execute(f"SELECT * FROM drivers WHERE name = %(name)s AND depot = '{depot}'", params)
            return Response(cur.fetchall())
