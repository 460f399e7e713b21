"""GraphQL API of the community seed bank (Strawberry + sqlite3).

Growers list their seed lots, members search and reserve packets. Resolvers are
thin; the SQL lives in SeedRepository.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import httpx
import strawberry
from strawberry.types import Info

log = logging.getLogger("seedbank.graphql")

DB_PATH = os.environ.get("SEEDBANK_DB", "/var/lib/seedbank/seedbank.sqlite3")
PACKET_ART_DIR = Path("/srv/seedbank/packet-art").resolve()
SORTABLE = {"name": "s.common_name", "year": "s.harvest_year", "stock": "s.packets_left"}
DIRECTIONS = {"asc": "ASC", "desc": "DESC"}
AVATAR_HOSTS = {"avatars.githubusercontent.com", "gravatar.com", "www.gravatar.com"}
GERMINATION_API = "https://germination.example.org/v2/"
LOT_CODE = re.compile(r"[A-Z]{2}-\d{4}")
PAGE_SIZE = 25


def connect() -> sqlite3.Connection:
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


@dataclass
class SeedFilter:
    family: Optional[str] = None
    grower_id: Optional[int] = None
    organic_only: bool = False


class SeedRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def search(self, flt: SeedFilter, sort: str, direction: str, page: int) -> list[sqlite3.Row]:
        clauses, params = ["s.archived = 0"], []
        if flt.family:
            clauses.append("s.family = ?")
            params.append(flt.family)
        if flt.grower_id is not None:
            clauses.append("s.grower_id = ?")
            params.append(flt.grower_id)
        if flt.organic_only:
            clauses.append("s.organic = 1")
        order = SORTABLE.get(sort, "s.common_name")
        sql = (
            "SELECT s.* FROM seeds s WHERE " + " AND ".join(clauses)
            + f" ORDER BY {order} {DIRECTIONS.get(direction, 'ASC')} LIMIT {PAGE_SIZE} OFFSET {page * PAGE_SIZE}"
        )
        # [beyond docs] identifiers from constant maps, values bound; the page is a
        # resolver argument typed int, which GraphQL coerces before the resolver runs
        # ok: sql-injection
        return self.conn.execute(sql, params).fetchall()

    def by_variety(self, variety: str) -> list[sqlite3.Row]:
        # variety comes straight from the resolver argument
        # ruleid: sql-injection
        return self.conn.execute(f"SELECT * FROM seeds WHERE variety LIKE '%{variety}%'").fetchall()

    def by_lot(self, lot_code: str) -> Optional[sqlite3.Row]:
        # placeholder, bound value
        # ok: sql-injection
        return self.conn.execute("SELECT * FROM seeds WHERE lot_code = ?", (lot_code,)).fetchone()

    def reserve(self, seed_id: int, member: str, qty: int) -> None:
        self.conn.execute(
            "INSERT INTO reservations (seed_id, member, qty) VALUES (?, ?, ?)",
            (seed_id, member, qty),
        )
        self.conn.commit()

    def growers_in(self, regions: list[str]) -> list[sqlite3.Row]:
        # hand-quoted IN list of resolver-supplied region names
        quoted = ", ".join("'" + r.replace("'", "''") + "'" for r in regions)
        # hand-doubled quotes are no control
        # ruleid: sql-injection
        return self.conn.execute(f"SELECT * FROM growers WHERE region IN ({quoted})").fetchall()


@strawberry.type
class Seed:
    id: int
    common_name: str
    variety: str
    lot_code: str
    packets_left: int


def to_seed(row: sqlite3.Row) -> Seed:
    return Seed(
        id=row["id"],
        common_name=row["common_name"],
        variety=row["variety"],
        lot_code=row["lot_code"],
        packets_left=row["packets_left"],
    )


def _packet_art(lot_code: str) -> bytes:
    if not LOT_CODE.fullmatch(lot_code):
        raise ValueError("bad lot code")
    # anchored full match of the lot code before the path is built
    # ok: path-traversal
    return (PACKET_ART_DIR / f"{lot_code}.png").read_bytes()


@strawberry.type
class Query:
    @strawberry.field
    def seeds(self, info: Info, family: Optional[str] = None, sort: str = "name", direction: str = "asc", page: int = 0) -> list[Seed]:
        repo = SeedRepository(connect())
        rows = repo.search(SeedFilter(family=family), sort, direction, page)
        return [to_seed(r) for r in rows]

    @strawberry.field
    def varieties(self, info: Info, variety: str) -> list[Seed]:
        return [to_seed(r) for r in SeedRepository(connect()).by_variety(variety)]

    @strawberry.field
    def growers(self, info: Info, regions: list[str]) -> int:
        return len(SeedRepository(connect()).growers_in(regions))

    @strawberry.field
    def packet_art_size(self, info: Info, lot_code: str) -> int:
        return len(_packet_art(lot_code))

    @strawberry.field
    def label_text(self, info: Info, lot_code: str) -> str:
        # partial check: re.match is anchored at the start only, "AB-1234/../../x" passes
        if not LOT_CODE.match(lot_code):
            raise ValueError("bad lot code")
        # re.match anchors the start only
        # ruleid: path-traversal
        return (PACKET_ART_DIR / lot_code / "label.txt").read_text()

    @strawberry.field
    async def germination(self, info: Info, lot_code: str) -> str:
        # constant https host, the argument only in the path
        async with httpx.AsyncClient(timeout=5) as client:
            # constant https host with a trailing slash
            # ok: ssrf
            resp = await client.get(f"{GERMINATION_API}lots/{lot_code}")
        return resp.json().get("rate", "unknown")


@strawberry.input
class GrowerProfileInput:
    display_name: str
    avatar_url: str
    website: Optional[str] = None


@strawberry.type
class Mutation:
    @strawberry.mutation
    def reserve(self, info: Info, seed_id: int, qty: int = 1) -> bool:
        member = info.context["request"].headers.get("x-member", "anonymous")
        SeedRepository(connect()).reserve(seed_id, member, qty)
        return True

    @strawberry.mutation
    async def update_profile(self, info: Info, profile: GrowerProfileInput) -> str:
        host = httpx.URL(profile.avatar_url).host
        if host not in AVATAR_HOSTS:
            raise ValueError("avatar host not allowed")
        async with httpx.AsyncClient(timeout=5) as client:
            # [beyond docs] host allowlist on httpx.URL(...).host of the URL that is fetched
            # ok: ssrf
            avatar = await client.get(profile.avatar_url)
            # the website was never checked; only the avatar's host was
            # ruleid: ssrf
            site = await client.head(profile.website or "https://example.org/")
        log.info("profile %s: avatar %s, site %s", profile.display_name, avatar.status_code, site.status_code)
        return "ok"

    @strawberry.mutation
    async def ping_webhook(self, info: Info, url: str) -> int:
        # scheme-only check is no SSRF control
        if not url.startswith("https://"):
            raise ValueError("https only")
        async with httpx.AsyncClient(timeout=3) as client:
            # a scheme-only check
            # ruleid: ssrf
            resp = await client.post(url, json={"event": "ping"})
        return resp.status_code

    @strawberry.mutation
    def import_lot_sheet(self, info: Info, sheet_name: str) -> int:
        base = "/srv/seedbank/imports"
        full = os.path.realpath(os.path.join(base, sheet_name))
        # the check only logs; the read still happens
        if not full.startswith(base + os.sep):
            log.warning("sheet outside import dir: %s", sheet_name)
        # the containment verdict is only logged
        # ruleid: path-traversal
        with open(full, encoding="utf-8") as fh:
            return sum(1 for _ in fh)


schema = strawberry.Schema(query=Query, mutation=Mutation)
