from fastapi import Depends, FastAPI
from flask import Flask, request
from sqlalchemy import bindparam, create_engine, literal_column, select, table, text
from sqlalchemy.orm import Session

app = Flask(__name__)
api = FastAPI()
engine = create_engine("sqlite://")
ORDERABLE = ("name", "email")


def get_session():
    with Session(engine) as session:
        yield session


# ---------------------------------------------------------------- vulnerable


@app.route("/users")
def users():
    name = request.args["name"]
    with engine.connect() as conn:
        # ruleid: python-sqli-sqlalchemy-text
        rows = conn.execute(text(f"SELECT * FROM users WHERE name = '{name}'"))
        return str(rows.all())


@api.get("/search")
def search(q: str, db: Session = Depends(get_session)):
    # ruleid: python-sqli-sqlalchemy-text
    stmt = text("SELECT id FROM docs WHERE body LIKE '%" + q + "%'")
    return db.execute(stmt).all()


@app.route("/raw")
def raw_driver():
    where = request.form["where"]
    with engine.connect() as conn:
        # ruleid: python-sqli-sqlalchemy-text
        return str(conn.exec_driver_sql("SELECT * FROM t WHERE " + where).all())


@api.get("/col")
def column(col: str, db: Session = Depends(get_session)):
    # ruleid: python-sqli-sqlalchemy-text
    return db.execute(select(literal_column(col)).select_from(table("users"))).all()


# ---------------------------------------------------------------- safe


@app.route("/users2")
def users_bound():
    name = request.args["name"]
    with engine.connect() as conn:
        # ok: python-sqli-sqlalchemy-text
        rows = conn.execute(text("SELECT * FROM users WHERE name = :name"), {"name": name})
        return str(rows.all())


@app.route("/users3")
def users_bindparam():
    stmt = text("SELECT * FROM users WHERE id = :id").bindparams(bindparam("id"))
    with engine.connect() as conn:
        # ok: python-sqli-sqlalchemy-text
        return str(conn.execute(stmt, {"id": request.args["id"]}).all())


@api.get("/top")
def top(limit: int, db: Session = Depends(get_session)):
    # an int-typed FastAPI parameter
    # ok: python-sqli-sqlalchemy-text
    return db.execute(text(f"SELECT * FROM scores ORDER BY score DESC LIMIT {limit}")).all()


@api.get("/order")
def order(col: str, db: Session = Depends(get_session)):
    if col not in ORDERABLE:
        raise ValueError(col)
    # ok: python-sqli-sqlalchemy-text
    return db.execute(text(f"SELECT * FROM users ORDER BY {col}")).all()


@app.route("/offset")
def offset():
    start = int(request.args["start"])
    with engine.connect() as conn:
        # ok: python-sqli-sqlalchemy-text
        return str(conn.exec_driver_sql("SELECT * FROM t LIMIT 10 OFFSET %d" % start).all())
