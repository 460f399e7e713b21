"""GraphQL API: strawberry resolvers plus a legacy graphene schema."""
from __future__ import annotations

import os
import sqlite3
from enum import Enum
from typing import Optional

import graphene
import httpx
import strawberry
from jinja2 import Environment, Template
from pymongo import MongoClient
from strawberry.types import Info

mongo = MongoClient(os.environ["MONGO_URL"])
users_collection = mongo.app.users
db = sqlite3.connect("/var/lib/app/catalog.db")
jinja_env = Environment(autoescape=True)
WELCOME = "Hello {{ name }}, welcome to {{ team }}!"
STATUS_API = "https://status.example.com/api/v2"


@strawberry.enum
class SortField(Enum):
    NAME = "name"
    PRICE = "price"


@strawberry.type
class Product:
    id: int
    name: str


@strawberry.type
class Query:
    @strawberry.field
    def products(self, info: Info, name_contains: str) -> list[Product]:
        # resolver argument in an f-string query
        # ruleid: sql-injection
        rows = db.execute(f"SELECT id, name FROM products WHERE name LIKE '%{name_contains}%'").fetchall()
        return [Product(id=r[0], name=r[1]) for r in rows]

    @strawberry.field
    def sorted_products(self, info: Info, sort: SortField) -> list[Product]:
        # strawberry enum argument: only NAME/PRICE values reach the resolver [beyond docs]
        # ok: sql-injection
        rows = db.execute(f"SELECT id, name FROM products ORDER BY {sort.value}").fetchall()
        return [Product(id=r[0], name=r[1]) for r in rows]

    @strawberry.field
    def product(self, info: Info, product_id: strawberry.ID) -> Optional[Product]:
        # bound parameter
        # ok: sql-injection
        r = db.execute("SELECT id, name FROM products WHERE id = ?", (product_id,)).fetchone()
        return Product(id=r[0], name=r[1]) if r else None

    @strawberry.field
    async def service_status(self, info: Info, component: str) -> str:
        async with httpx.AsyncClient() as client:
            # constant host, argument only in the path
            # ok: ssrf
            r = await client.get(f"{STATUS_API}/components/{component}.json")
        return r.text

    @strawberry.field
    async def preview(self, info: Info, url: str) -> str:
        async with httpx.AsyncClient() as client:
            # resolver argument used as the whole URL
            # ruleid: ssrf
            r = await client.get(url, timeout=5)
        return r.text[:500]

    @strawberry.field
    def user_by_filter(self, info: Info, filter: strawberry.scalars.JSON) -> Optional[str]:
        # JSON scalar argument passed as the whole Mongo filter
        # ruleid: nosql-injection
        doc = users_collection.find_one(filter)
        return doc["email"] if doc else None

    @strawberry.field
    def user_by_email(self, info: Info, email: str) -> Optional[str]:
        # string argument inside a dict literal (fixed filter shape)
        # ok: nosql-injection
        doc = users_collection.find_one({"email": email})
        return doc["email"] if doc else None

    @strawberry.field
    def welcome(self, info: Info, name: str) -> str:
        # constant template, value passed as context
        # ok: ssti
        return Template(WELCOME).render(name=name, team="Platform")

    @strawberry.field
    def render_snippet(self, info: Info, source: str) -> str:
        # resolver argument compiled as a Jinja template
        # ruleid: ssti
        return jinja_env.from_string(source).render()


class LegacyQuery(graphene.ObjectType):
    orders = graphene.List(graphene.String, customer=graphene.String(required=True))
    order_count = graphene.Int(status=graphene.String())

    def resolve_orders(root, info, customer):
        # graphene resolver argument concatenated into SQL
        # ruleid: sql-injection
        rows = db.execute("SELECT ref FROM orders WHERE customer = '" + customer + "'").fetchall()
        return [r[0] for r in rows]

    def resolve_order_count(root, info, status="open"):
        if status not in ("open", "shipped", "cancelled"):
            raise ValueError("bad status")
        # tuple allowlist that raises
        # ok: sql-injection
        (n,) = db.execute(f"SELECT count(*) FROM orders WHERE status = '{status}'").fetchone()
        return n


class LegacyMutation(graphene.Mutation):
    class Arguments:
        selector = graphene.JSONString()

    ok = graphene.Boolean()

    def mutate(root, info, selector):
        # JSONString argument as a delete_many filter
        # ruleid: nosql-injection
        users_collection.delete_many(selector)
        return LegacyMutation(ok=True)


schema = strawberry.Schema(query=Query)
legacy_schema = graphene.Schema(query=LegacyQuery)
