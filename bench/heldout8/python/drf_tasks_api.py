"""Task tracker API on Django REST Framework: viewsets, APIViews and function views."""

import ipaddress
import os
import socket
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import requests
from django.conf import settings
from django.db import connection
from django.http import FileResponse
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Task, Webhook
from .serializers import TaskSerializer

ATTACHMENTS = Path(settings.MEDIA_ROOT) / "attachments"


class ExportSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=["csv", "xlsx", "json"])
    title = serializers.CharField(max_length=80)


class TaskViewSet(viewsets.ModelViewSet):
    queryset = Task.objects.all()
    serializer_class = TaskSerializer

    @action(detail=False, methods=["get"])
    def search(self, request):
        q = request.query_params.get("q", "")
        with connection.cursor() as cursor:
            # query parameter in an f-string
            # ruleid: sql-injection
            cursor.execute(f"SELECT id, title FROM tasks_task WHERE title LIKE '%{q}%' LIMIT 50")
            rows = cursor.fetchall()
        return Response([{"id": r[0], "title": r[1]} for r in rows])

    @action(detail=False, methods=["post"])
    def export(self, request):
        serializer = ExportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fmt = serializer.validated_data["format"]
        title = serializer.validated_data["title"]
        out = f"/tmp/tasks-export.{fmt}"
        # format limited by the serializer's ChoiceField [beyond docs]
        # ok: command-injection
        subprocess.run(f"task-export --format {fmt} --output {out}", shell=True, check=True)
        # CharField(max_length) admits any text up to 80 characters
        # ruleid: command-injection
        subprocess.run(f"task-export --stamp '{title}' --output {out}", shell=True, check=True)
        return Response({"file": out})


class WebhookTestView(APIView):
    def post(self, request):
        url = request.data.get("callback_url", "")
        # callback URL from the request body
        # ruleid: ssrf
        resp = requests.post(url, json={"event": "ping"}, timeout=5)
        return Response({"status": resp.status_code})


def _resolves_public(host):
    try:
        infos = socket.getaddrinfo(host, 443)
    except socket.gaierror:
        return False
    return all(ipaddress.ip_address(info[4][0]).is_global for info in infos)


class WebhookCreateView(APIView):
    def post(self, request):
        url = request.data.get("callback_url", "")
        parsed = urlparse(url)
        if parsed.scheme != "https" or not parsed.hostname or not _resolves_public(parsed.hostname):
            return Response({"error": "callback must be a public https URL"}, status=status.HTTP_400_BAD_REQUEST)
        # same-file predicate over every resolved address, early return
        # ok: ssrf
        resp = requests.post(url, json={"event": "ping"}, timeout=5, allow_redirects=False)
        Webhook.objects.create(owner=request.user, url=url)
        return Response({"status": resp.status_code}, status=status.HTTP_201_CREATED)


@api_view(["GET"])
def attachment(request, task_id):
    name = request.query_params.get("name", "")
    # name from the query joined to the task's folder
    # ruleid: path-traversal
    return FileResponse(open(os.path.join(ATTACHMENTS, str(task_id), name), "rb"))


@api_view(["GET"])
def attachment_by_name(request, task_id):
    name = Path(request.query_params.get("name", "")).name
    # Path(x).name keeps only the last component
    # ok: path-traversal
    return FileResponse(open(ATTACHMENTS / "shared" / name, "rb"))


@api_view(["POST"])
def upload_attachment(request, task_id):
    upload = request.FILES["file"]
    target = ATTACHMENTS / "incoming" / upload.name
    # Django's UploadedFile.name is already reduced to its basename by Django [beyond docs]
    # ok: path-traversal
    with open(target, "wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    return Response(status=status.HTTP_201_CREATED)
