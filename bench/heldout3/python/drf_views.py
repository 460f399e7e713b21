"""Django REST Framework viewsets for a project-tracking app."""
from __future__ import annotations

import hashlib
import secrets
import subprocess

import jwt
import requests
from django.conf import settings
from django.db import connection
from django.http import FileResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.response import Response

from .models import Project, Task

ORDERINGS = {"due": "due_date", "-due": "due_date DESC", "title": "title"}


class TaskFilterSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=["open", "closed", "blocked"])
    owner = serializers.CharField(max_length=64)


class ProjectViewSet(viewsets.ModelViewSet):
    queryset = Project.objects.all()

    @action(detail=False, methods=["get"])
    def search(self, request):
        q = request.query_params.get("q", "")
        # DRF query_params value in Model.objects.raw
        # ruleid: sql-injection
        projects = Project.objects.raw(f"SELECT * FROM tracker_project WHERE name ILIKE '%%{q}%%'")
        return Response([p.name for p in projects])

    @action(detail=False, methods=["get"])
    def ordered(self, request):
        key = request.query_params.get("ordering", "due")
        if key not in ORDERINGS:
            return Response(status=status.HTTP_400_BAD_REQUEST)
        # allowlist with early return, then a dict lookup
        # ok: sql-injection
        projects = Project.objects.raw("SELECT * FROM tracker_project ORDER BY " + ORDERINGS[key])
        return Response([p.name for p in projects])

    @action(detail=True, methods=["get"])
    def stats(self, request, pk=None):
        with connection.cursor() as cur:
            # pk passed as a bound parameter
            # ok: sql-injection
            cur.execute("SELECT count(*) FROM tracker_task WHERE project_id = %s", [pk])
            (n,) = cur.fetchone()
        return Response({"tasks": n})

    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        reason = request.data.get("reason", "")
        with connection.cursor() as cur:
            # DRF request.data value concatenated into an UPDATE
            # ruleid: sql-injection
            cur.execute("UPDATE tracker_project SET archived_reason = '" + reason + "' WHERE id = %s", [pk])
        return Response(status=status.HTTP_204_NO_CONTENT)


class TaskViewSet(viewsets.ViewSet):
    def list(self, request):
        ser = TaskFilterSerializer(data=request.query_params)
        ser.is_valid(raise_exception=True)
        state = ser.validated_data["state"]
        # ChoiceField-validated value (serializer raises on anything else) [beyond docs]
        # ok: sql-injection
        tasks = Task.objects.extra(where=[f"state = '{state}'"])
        return Response([t.title for t in tasks])

    def partial_update(self, request, pk=None):
        ser = TaskFilterSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        owner = ser.validated_data["owner"]
        # CharField(max_length) validates length only [beyond docs]
        # ruleid: sql-injection
        tasks = Task.objects.extra(where=[f"owner = '{owner}'"])
        return Response([t.title for t in tasks])

    @action(detail=False, methods=["get"])
    def export(self, request):
        name = request.GET.get("file", "tasks.csv")
        # Django GET value opened under the export directory
        # ruleid: path-traversal
        return FileResponse(open(f"{settings.EXPORT_ROOT}/{name}", "rb"))

    @action(detail=False, methods=["get"])
    def export_default(self, request):
        # path from settings only
        # ok: path-traversal
        return FileResponse(open(f"{settings.EXPORT_ROOT}/tasks.csv", "rb"))

    @action(detail=False, methods=["post"])
    def git_sync(self, request):
        branch = request.data.get("branch", "main")
        # DRF body value in a shell command
        # ruleid: command-injection
        subprocess.check_call(f"git -C /srv/tracker fetch origin {branch}", shell=True)
        return Response(status=status.HTTP_202_ACCEPTED)

    @action(detail=False, methods=["post"])
    def webhook_test(self, request):
        url = request.data["url"]
        # DRF body URL fetched without a host check
        # ruleid: ssrf
        r = requests.post(url, json={"ping": True}, timeout=5)
        return Response({"status": r.status_code})

    @action(detail=False, methods=["get"])
    def continue_to(self, request):
        nxt = request.GET.get("next", "/")
        if url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=True):
            # Django's same-host check around the redirect
            # ok: open-redirect
            return HttpResponseRedirect(nxt)
        # constant fallback
        # ok: open-redirect
        return HttpResponseRedirect("/")


# csrf_exempt on a view (documented form; a webhook reviewer might accept it)
# ruleid: missing-csrf
@csrf_exempt
@api_view(["POST"])
def github_hook(request):
    return Response({"ok": True})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()

    def validate_token(self, value):
        # PyJWT decode with signature verification turned off
        # ruleid: jwt-not-verified
        claims = jwt.decode(value, options={"verify_signature": False})
        return claims

    def validate(self, attrs):
        # verified with a fixed algorithm list
        # ok: jwt-not-verified
        attrs["claims"] = jwt.decode(attrs["token"], settings.JWT_PUBLIC_KEY, algorithms=["RS256"], audience="tracker")
        return attrs


def api_key_digest(api_key: str) -> str:
    # SHA-1 over an API key
    # ruleid: weak-password-hash
    return hashlib.sha1(api_key.encode()).hexdigest()


def reset_token_digest(reset_token: str) -> str:
    # SHA-256 of a random token is the documented design
    # ok: weak-password-hash
    return hashlib.sha256(reset_token.encode()).hexdigest()


def new_invite_code() -> str:
    # secrets module
    # ok: weak-randomness
    return secrets.token_urlsafe(16)
