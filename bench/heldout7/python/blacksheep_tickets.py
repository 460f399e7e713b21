"""Event ticketing API on BlackSheep, with asyncpg, httpx and Jinja2 confirmation mails.

Handler parameters are bound by BlackSheep from the route, the query string or the
JSON body (FromJSON), so they carry what the client sent.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import asyncpg
import httpx
from blacksheep import Application, Content, FromJSON, Request, Response, file, html, json, redirect
from jinja2 import Environment
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import escape

app = Application()
get = app.router.get
post = app.router.post

TICKETS_DIR = Path("/srv/tickets/pdf").resolve()
ATTACHMENTS_DIR = Path("/srv/tickets/attachments")
SEATMAP_API = "https://seatmaps.venue-cloud.example/v2/"
PARTNER_WEBHOOK_HOSTS = {"hooks.ticketpartner.example", "api.boxoffice.example"}
ORDERABLE = {"starts_at", "title", "venue"}
SHORT_LINKS = {"spring": "/events?season=spring", "jazz": "/events?tag=jazz", "help": "https://help.tickets.example/"}

pool: asyncpg.Pool
http = httpx.AsyncClient(timeout=10)
mail_env = Environment(autoescape=True)
organizer_sandbox = SandboxedEnvironment(autoescape=True)


async def open_pool(application: Application) -> None:
    global pool
    pool = await asyncpg.create_pool(os.environ["DATABASE_URL"])


app.on_start += open_pool


@dataclass
class WebhookTarget:
    url: str
    event: str = "ping"


@dataclass
class MailTemplate:
    subject: str
    body: str


@get("/api/events")
async def list_events(city: str = "", order: str = "starts_at", page: str = "1"):
    if order not in ORDERABLE:
        order = "starts_at"
    offset = max(int(page) - 1, 0) * 50
    # city bound as $1; order reset unless in the allowlist; offset from int() [extended sink]
    # ok: sql-injection
    rows = await pool.fetch(
        f"SELECT id, title, venue, starts_at FROM events WHERE city = $1 ORDER BY {order} LIMIT 50 OFFSET {offset}",
        city,
    )
    return json([dict(r) for r in rows])


@get("/api/events/{event_id}/seats")
async def seats(event_id: str, section: str = ""):
    # route and query values inside quoted literals [extended sink]
    # ruleid: sql-injection
    rows = await pool.fetch(
        f"SELECT seat_no, price_cents FROM seats WHERE event_id = '{event_id}' AND section LIKE '{section}%' AND sold = false"
    )
    return json([dict(r) for r in rows])


@post("/api/events/{event_id}/archive")
async def archive(event_id: int):
    async with pool.acquire() as conn:
        # route parameter annotated int: BlackSheep converts it or answers 400 [beyond docs] [extended sink]
        # ok: sql-injection
        await conn.execute(f"UPDATE events SET archived = true WHERE id = {event_id}")
    return json({"archived": event_id})


class OrderRepository:
    def __init__(self, conn: asyncpg.Connection):
        self.conn = conn

    async def search(self, email: str, status: str):
        clauses = ["email = $1"]
        if status:
            clauses.append(f"status = '{status}'")
        sql = "SELECT reference, total_cents FROM orders WHERE " + " AND ".join(clauses)
        # status appended to the clause list raw; the email is bound [extended sink]
        # ruleid: sql-injection
        return await self.conn.fetch(sql, email)


@get("/api/orders")
async def find_orders(email: str, status: str = ""):
    async with pool.acquire() as conn:
        rows = await OrderRepository(conn).search(email, status)
    return json([dict(r) for r in rows])


@get("/api/venues/{venue_id}/seatmap")
async def seatmap(venue_id: str, layout: str = "default"):
    # constant base URL ending in "/": the values only fill the path
    # ok: ssrf
    resp = await http.get(f"{SEATMAP_API}venues/{venue_id}/layouts/{layout}")
    return json(resp.json())


@post("/api/partners/webhook-test")
async def webhook_test(data: FromJSON[WebhookTarget]):
    target = data.value.url
    # JSON body URL posted to as is
    # ruleid: ssrf
    resp = await http.post(target, json={"type": data.value.event})
    return json({"status": resp.status_code})


@post("/api/partners/notify")
async def notify_partner(data: FromJSON[WebhookTarget]):
    parsed = urlparse(data.value.url)
    if parsed.scheme != "https" or parsed.hostname not in PARTNER_WEBHOOK_HOSTS:
        return json({"error": "host not allowed"}, status=400)
    # https scheme and hostname allowlist with an early return
    # ok: ssrf
    await http.post(data.value.url, json={"type": "order.paid"})
    return json({"sent": True})


@get("/api/partners/logo")
async def partner_logo(src: str):
    host = urlparse(src).hostname or ""
    if not host.endswith("ticketpartner.example"):
        return json({"error": "unknown partner"}, status=400)
    # host-suffix check without a leading dot: evilticketpartner.example passes [beyond docs]
    # ruleid: ssrf
    resp = await http.get(src)
    return Response(200, content=Content(b"image/png", resp.content))


@get("/tickets/pdf")
async def ticket_pdf(reference: str):
    pdf = (TICKETS_DIR / f"{reference}.pdf").resolve()
    if not pdf.is_relative_to(TICKETS_DIR):
        return json({"error": "not found"}, status=404)
    # resolved path contained with is_relative_to, early return [extended sink]
    # ok: path-traversal
    return file(str(pdf), "application/pdf", file_name=pdf.name)


@get("/tickets/wallet")
async def wallet_pass(reference: str, kind: str = "pkpass"):
    if kind not in ("pkpass", "gpay"):
        return json({"error": "unknown pass type"}, status=400)
    path = TICKETS_DIR.parent / "wallet" / f"{reference}.{kind}"
    # the pass type is checked, the reference is not [extended sink]
    # ruleid: path-traversal
    return file(str(path), "application/octet-stream")


@get("/api/tickets/attachment")
async def attachment(name: str):
    # pathlib read of a query-string name under a constant directory
    # ruleid: path-traversal
    data = (ATTACHMENTS_DIR / name).read_bytes()
    return Response(200, content=Content(b"application/octet-stream", data))


@get("/checkout/return")
async def checkout_return(next: str = "/account/orders"):
    # the query's next target redirected unchecked [extended sink]
    # ruleid: open-redirect
    return redirect(next)


@get("/go/{slug}")
async def short_link(slug: str):
    # target looked up in a constant dictionary with a constant default [extended sink]
    # ok: open-redirect
    return redirect(SHORT_LINKS.get(slug, "/"))


@get("/embed/event/{event_id}")
async def embed(event_id: int, theme: str = "light"):
    async with pool.acquire() as conn:
        # event id bound as $1 [extended sink]
        # ok: sql-injection
        row = await conn.fetchrow("SELECT title, venue FROM events WHERE id = $1", event_id)
    # theme query value lands unescaped in a class attribute of an HTML response [extended sink]
    # ruleid: xss
    return html(f'<div class="widget {theme}"><h3>{escape(row["title"])}</h3><p>{escape(row["venue"])}</p></div>')


@get("/embed/search")
async def embed_search(q: str = ""):
    # the query escaped before it is put in the HTML response [extended sink]
    # ok: xss
    return html(f"<p>No events match <b>{escape(q)}</b></p>")


@post("/api/organizers/{organizer_id}/mail-preview")
async def mail_preview(organizer_id: str, tpl: FromJSON[MailTemplate]):
    # organizer-written Jinja source compiled by a plain Environment
    # ruleid: ssti
    body = mail_env.from_string(tpl.value.body).render(order={"reference": "PREVIEW-0001"})
    return json({"subject": tpl.value.subject, "body": body})


@post("/api/organizers/{organizer_id}/mail-preview-sandboxed")
async def mail_preview_sandboxed(organizer_id: str, tpl: FromJSON[MailTemplate]):
    # same source rendered by a sandboxed environment
    # ok: ssti
    body = organizer_sandbox.from_string(tpl.value.body).render(order={"reference": "PREVIEW-0001"})
    return json({"subject": tpl.value.subject, "body": body})

