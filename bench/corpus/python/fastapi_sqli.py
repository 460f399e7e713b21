"""Orders service on SQLAlchemy and asyncpg (FastAPI).

Benchmark corpus, sql-injection (CWE-89). Handler parameters are untrusted input.
"""
from __future__ import annotations

from typing import Literal, Optional

import asyncpg
import pandas as pd
from fastapi import Depends, FastAPI, HTTPException, Query
from pydantic import BaseModel
from sqlalchemy import bindparam, create_engine, select, text
from sqlalchemy.orm import Session

from .models import Order

app = FastAPI()
engine = create_engine("postgresql+psycopg://app@db/orders")
ALLOWED_STATUS = ("new", "paid", "shipped")


def get_session():
    with Session(engine) as session:
        yield session


class Filter(BaseModel):
    customer: str
    status: Optional[str] = None


@app.get("/orders")
def list_orders(customer: str, session: Session = Depends(get_session)):
    # SQLAlchemy text() built with an f-string.
    # ruleid: sql-injection
    rows = session.execute(text(f"SELECT * FROM orders WHERE customer = '{customer}'"))
    return [dict(r._mapping) for r in rows]


@app.get("/orders/safe")
def list_orders_safe(customer: str, session: Session = Depends(get_session)):
    # text() with a bound parameter.
    # ok: sql-injection
    stmt = text("SELECT * FROM orders WHERE customer = :customer")
    # ok: sql-injection
    return [dict(r._mapping) for r in session.execute(stmt, {"customer": customer})]


@app.get("/orders/bindparams")
def list_orders_bindparams(customer: str, session: Session = Depends(get_session)):
    # text().bindparams().
    # ok: sql-injection
    stmt = text("SELECT * FROM orders WHERE customer = :c").bindparams(bindparam("c", customer))
    # ok: sql-injection
    return [dict(r._mapping) for r in session.execute(stmt)]


@app.get("/orders/orm")
def list_orders_orm(customer: str, session: Session = Depends(get_session)):
    # ORM select: values are bound by SQLAlchemy.
    stmt = select(Order).where(Order.customer == customer)
    # ok: sql-injection
    return session.execute(stmt).scalars().all()


@app.get("/orders/{order_id}")
def get_order(order_id: int, session: Session = Depends(get_session)):
    # Parameter declared as int.
    # ok: sql-injection
    row = session.execute(text(f"SELECT * FROM orders WHERE id = {order_id}")).first()
    if row is None:
        raise HTTPException(404)
    return dict(row._mapping)


@app.get("/orders/by-status/{status}")
def by_status(status: Literal["new", "paid", "shipped"], session: Session = Depends(get_session)):
    # Literal type: FastAPI rejects anything else before the handler runs.
    # ok: sql-injection
    rows = session.execute(text(f"SELECT * FROM orders WHERE status = '{status}'"))
    return [dict(r._mapping) for r in rows]


@app.get("/orders/by-state")
def by_state(state: str, session: Session = Depends(get_session)):
    # Tuple membership test on literals with an early exit.
    if state not in ALLOWED_STATUS:
        raise HTTPException(400)
    # ok: sql-injection
    rows = session.execute(text(f"SELECT * FROM orders WHERE status = '{state}'"))
    return [dict(r._mapping) for r in rows]


@app.post("/orders/search")
def search(f: Filter, session: Session = Depends(get_session)):
    # Pydantic body fields appended to a WHERE clause.
    where = f"customer = '{f.customer}'"
    if f.status:
        where += f" AND status = '{f.status}'"
    # ruleid: sql-injection
    rows = session.execute(text("SELECT * FROM orders WHERE " + where))
    return [dict(r._mapping) for r in rows]


@app.get("/orders/export")
def export(since: str = Query(...)):
    # pandas.read_sql with an f-string.
    # ruleid: sql-injection
    df = pd.read_sql(f"SELECT * FROM orders WHERE created >= '{since}'", engine)
    return df.to_dict(orient="records")


@app.get("/orders/export-safe")
def export_safe(since: str = Query(...)):
    # pandas.read_sql with params.
    # ok: sql-injection
    df = pd.read_sql(text("SELECT * FROM orders WHERE created >= :since"), engine, params={"since": since})
    return df.to_dict(orient="records")


@app.get("/customers/{name}")
async def customer(name: str):
    # asyncpg fetch with $1: bound.
    conn = await asyncpg.connect("postgresql://app@db/orders")
    # ok: sql-injection
    row = await conn.fetchrow("SELECT * FROM customers WHERE name = $1", name)
    return dict(row) if row else {}


@app.get("/customers/{name}/raw")
async def customer_raw(name: str):
    # asyncpg fetch with an f-string.
    conn = await asyncpg.connect("postgresql://app@db/orders")
    # ruleid: sql-injection
    row = await conn.fetchrow(f"SELECT * FROM customers WHERE name = '{name}'")
    return dict(row) if row else {}


@app.delete("/customers/{name}")
async def delete_customer(name: str):
    # asyncpg execute with string concatenation.
    conn = await asyncpg.connect("postgresql://app@db/orders")
    # ruleid: sql-injection
    await conn.execute("DELETE FROM customers WHERE name = '" + name + "'")
    return {"deleted": name}


@app.get("/driver-sql")
def driver_sql(table: str):
    # exec_driver_sql with a table name from the user.
    with engine.connect() as conn:
        # ruleid: sql-injection
        return conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
