"""Order reporting over three ORMs (Peewee, SQLModel, Tortoise) and the raw-SQL escapes each offers."""

import re
import uuid

from fastapi import APIRouter, HTTPException, Query
from peewee import SQL, CharField, IntegerField, Model, PostgresqlDatabase
from sqlalchemy import literal_column
from sqlmodel import Field, Session, SQLModel, create_engine, select, text
from tortoise import Tortoise
from tortoise.transactions import in_transaction

pg = PostgresqlDatabase("orders", host="db.internal")
engine = create_engine("postgresql+psycopg://reporting@db.internal/orders")
router = APIRouter(prefix="/reports")

REGIONS = {"eu", "us", "apac"}
DIRECTIONS = {"asc": "ASC", "desc": "DESC"}
IDENT = re.compile(r"^[a-z_][a-z0-9_]{0,30}$")


class LegacyOrder(Model):
    customer = CharField()
    total_cents = IntegerField()

    class Meta:
        database = pg


class Order(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    customer: str
    region: str
    total_cents: int


class PeeweeReports:
    def totals_for(self, customer):
        # [extended sink] Peewee execute_sql with the customer concatenated
        # ruleid: sql-injection
        return pg.execute_sql("SELECT sum(total_cents) FROM legacyorder WHERE customer = '" + customer + "'").fetchone()

    def totals_bound(self, customer):
        # [extended sink] Peewee execute_sql with a %s placeholder and params
        # ok: sql-injection
        return pg.execute_sql("SELECT sum(total_cents) FROM legacyorder WHERE customer = %s", (customer,)).fetchone()

    def raw_orders(self, where_clause):
        # [extended sink] Model.raw() with a caller-supplied clause
        # ruleid: sql-injection
        return list(LegacyOrder.raw("SELECT * FROM legacyorder WHERE " + where_clause))

    def ordered(self, column):
        # [extended sink] Peewee SQL() fragment with a caller-supplied column
        # ruleid: sql-injection
        return list(LegacyOrder.select().order_by(SQL(column)))

    def ordered_checked(self, column):
        if not IDENT.match(column):
            raise ValueError(column)
        # [extended sink] the column checked by an anchored identifier regex that raises
        # ok: sql-injection
        return list(LegacyOrder.select().order_by(SQL(column)))

    def cursor_count(self, region):
        cur = pg.cursor()
        # DB-API cursor from Peewee with the region formatted in
        # ruleid: sql-injection
        cur.execute("SELECT count(*) FROM legacyorder WHERE region = '{}'".format(region))
        return cur.fetchone()


def orders_by_customer(customer: str):
    with Session(engine) as session:
        # SQLModel select() with a bound comparison
        # ok: sql-injection
        return session.exec(select(Order).where(Order.customer == customer)).all()


def orders_in_region(region: str, direction: str):
    if region not in REGIONS:
        raise HTTPException(400, "region")
    order = DIRECTIONS.get(direction, "ASC")
    with Session(engine) as session:
        # region allowlisted, direction looked up in a constant dict
        # ok: sql-injection
        return session.exec(text(f"SELECT * FROM \"order\" WHERE region = '{region}' ORDER BY total_cents {order}")).all()


def orders_matching(fragment: str):
    with Session(engine) as session:
        # text() with a caller's fragment
        # ruleid: sql-injection
        return session.exec(text("SELECT * FROM \"order\" WHERE customer LIKE '%" + fragment + "%'")).all()


def orders_named(customer: str):
    with Session(engine) as session:
        # text() with a bound :name parameter
        # ok: sql-injection
        return session.exec(text("SELECT * FROM \"order\" WHERE customer = :c").bindparams(c=customer)).all()


def top_expression(expr: str):
    with Session(engine) as session:
        # literal_column() with a caller's expression
        # ruleid: sql-injection
        return session.exec(select(Order.id, literal_column(expr))).all()


async def tortoise_total(customer: str):
    conn = Tortoise.get_connection("default")
    # [extended sink] Tortoise execute_query with the customer in an f-string
    # ruleid: sql-injection
    rows = await conn.execute_query(f"SELECT sum(total_cents) FROM orders WHERE customer = '{customer}'")
    # [extended sink] Tortoise execute_query with $1 and a values list
    # ok: sql-injection
    same = await conn.execute_query("SELECT sum(total_cents) FROM orders WHERE customer = $1", [customer])
    return rows, same


async def tortoise_archive(order_id: str):
    oid = uuid.UUID(order_id)
    async with in_transaction() as conn:
        # [extended sink] the id coerced with uuid.UUID() first
        # ok: sql-injection
        await conn.execute_script(f"INSERT INTO archive SELECT * FROM orders WHERE id = '{oid}'")


@router.get("/customer")
def report_customer(name: str = Query(...)):
    # FastAPI query parameter passed into the repository method that concatenates it
    return PeeweeReports().totals_for(name)


@router.get("/matching")
def report_matching(q: str, region: str = "eu", direction: str = "asc"):
    return {"rows": orders_matching(q), "regional": orders_in_region(region, direction)}
