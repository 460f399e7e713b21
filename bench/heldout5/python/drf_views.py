"""Helpdesk API on Django REST Framework: ticket viewset, attachments, exports, SSO return."""

import os
import shlex
import subprocess

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from helpdesk.models import Ticket

ORDERING_FIELDS = {"created", "priority", "updated"}
ATTACH_DIR = os.path.join(settings.MEDIA_ROOT, "attachments")
EXPORT_TABLES = {"tickets": "helpdesk_ticket", "comments": "helpdesk_comment"}


class AttachmentSerializer(serializers.Serializer):
    filename = serializers.CharField(max_length=200)
    content = serializers.CharField()


class TicketViewSet(viewsets.ModelViewSet):
    queryset = Ticket.objects.all()

    def get_queryset(self):
        ordering = self.request.query_params.get("ordering", "created")
        if ordering not in ORDERING_FIELDS:
            ordering = "created"
        # ordering replaced by a constant unless it is in the allowlist
        # ok: sql-injection
        return Ticket.objects.raw(f"SELECT * FROM helpdesk_ticket ORDER BY {ordering}")

    @action(detail=False, methods=["get"])
    def search(self, request):
        q = request.query_params.get("q", "")
        # query-string value concatenated into raw()
        # ruleid: sql-injection
        hits = Ticket.objects.raw("SELECT * FROM helpdesk_ticket WHERE subject LIKE '%%" + q + "%%'")
        return Response([t.pk for t in hits])

    @action(detail=False, methods=["get"])
    def search_safe(self, request):
        q = request.query_params.get("q", "")
        # raw() with %s and a params list
        # ok: sql-injection
        hits = Ticket.objects.raw("SELECT * FROM helpdesk_ticket WHERE subject LIKE %s", [f"%{q}%"])
        return Response([t.pk for t in hits])

    @action(detail=False, methods=["get"])
    def by_priority(self, request):
        level = request.query_params.get("level", "normal")
        # extra(where=...) with the value inside the clause text
        # ruleid: sql-injection
        qs = Ticket.objects.extra(where=[f"priority = '{level}'"])
        # extra(where=...) with %s and params
        # ok: sql-injection
        qs2 = Ticket.objects.extra(where=["priority = %s"], params=[level])
        return Response({"a": qs.count(), "b": qs2.count()})

    @action(detail=False, methods=["get"])
    def team_queue(self, request):
        team = self.request.query_params.get("team", "")
        # self.request of a DRF view (not the method's parameter) [beyond docs]
        # ruleid: sql-injection
        rows = Ticket.objects.raw(f"SELECT * FROM helpdesk_ticket WHERE team = '{team}'")
        return Response([t.pk for t in rows])

    @action(detail=True, methods=["get"])
    def watchers(self, request, pk=None):
        # URL keyword from self.kwargs [beyond docs]
        # ruleid: sql-injection
        rows = Ticket.objects.raw("SELECT * FROM helpdesk_watcher WHERE ticket_id = " + self.kwargs["pk"])
        return Response([r.pk for r in rows])

    @action(detail=False, methods=["get"])
    def stats(self, request):
        column = request.query_params.get("by", "status")
        return Response(count_by(column))

    @action(detail=False, methods=["get"])
    def stats_quoted(self, request):
        column = request.query_params.get("by", "status")
        return Response(count_by_quoted(column))

    @action(detail=True, methods=["post"])
    def attach(self, request, pk=None):
        ser = AttachmentSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data = ser.validated_data
        # serializer CharField admits any text, including ../ segments
        # ruleid: path-traversal
        with open(os.path.join(ATTACH_DIR, str(pk), data["filename"]), "w") as fh:
            fh.write(data["content"])
        return Response(status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def attach_checked(self, request, pk=None):
        ser = AttachmentSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        base = os.path.realpath(ATTACH_DIR)
        full = os.path.realpath(os.path.join(base, ser.validated_data["filename"]))
        if os.path.commonpath([full, base]) != base:
            return Response(status=status.HTTP_400_BAD_REQUEST)
        # realpath + commonpath with an early return
        # ok: path-traversal
        with open(full, "w") as fh:
            fh.write(ser.validated_data["content"])
        return Response(status=status.HTTP_201_CREATED)

    @action(detail=False, methods=["post"])
    def export(self, request):
        table = request.data.get("table", "tickets")
        target = request.data.get("target", "export.sql")
        # target inside a shell=True pg_dump command
        # ruleid: command-injection
        subprocess.run(f"pg_dump --table=helpdesk_ticket -f /srv/exports/{target} helpdesk", shell=True, check=True)
        # table from a constant map, target quoted with shlex.quote
        # ok: command-injection
        subprocess.run(f"pg_dump --table={EXPORT_TABLES.get(table, 'helpdesk_ticket')} -f /srv/exports/{shlex.quote(target)} helpdesk", shell=True, check=True)
        return Response(status=status.HTTP_202_ACCEPTED)

    @action(detail=False, methods=["post"])
    def archive(self, request):
        label = request.data.get("label", "")
        # quotes typed around the value are no control
        # ruleid: command-injection
        os.system("tar czf /srv/archive/tickets.tgz --label='" + label + "' /srv/exports")
        return Response(status=status.HTTP_202_ACCEPTED)


def count_by(column):
    with connection.cursor() as cur:
        # identifier formatted into GROUP BY (caller passes a query parameter)
        # ruleid: sql-injection
        cur.execute("SELECT {0}, count(*) FROM helpdesk_ticket GROUP BY {0}".format(column))
        return cur.fetchall()


def count_by_quoted(column):
    quoted = connection.ops.quote_name(column)
    with connection.cursor() as cur:
        # identifier quoted with connection.ops.quote_name
        # ok: sql-injection
        cur.execute(f"SELECT {quoted}, count(*) FROM helpdesk_ticket GROUP BY {quoted}")
        return cur.fetchall()


# inbound mail gateway posts here without a token
# ruleid: missing-csrf
@csrf_exempt
def inbound_mail(request):
    subject = request.POST.get("subject", "")
    # format_html escapes its arguments
    # ok: xss
    return HttpResponse(format_html("<p>Received: {}</p>", subject))


def sso_return(request):
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=True):
        next_url = "/"
    # Django's own check, the target replaced when it fails
    # ok: open-redirect
    return HttpResponseRedirect(next_url)


def sso_logout(request):
    after = request.GET.get("after", "/")
    if after.startswith("https://"):
        # https:// prefix says nothing about the host
        # ruleid: open-redirect
        return HttpResponseRedirect(after)
    return HttpResponseRedirect("/")
