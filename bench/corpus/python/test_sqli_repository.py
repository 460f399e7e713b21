"""pytest tests for the database layer.

Benchmark corpus, sql-injection (CWE-89): sinks in tests with constant SQL and
pytest fixtures.
"""
import sqlite3

import pytest


@pytest.fixture
def conn(tmp_path):
    c = sqlite3.connect(str(tmp_path / "test.db"))
    # ok: sql-injection
    c.executescript("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);")
    yield c
    c.close()


def test_insert_and_read(conn):
    # Constant SQL with a bound value.
    # ok: sql-injection
    conn.execute("INSERT INTO users (name) VALUES (?)", ("alice",))
    # ok: sql-injection
    assert conn.execute("SELECT name FROM users").fetchone()[0] == "alice"


@pytest.mark.parametrize("table", ["users"])
def test_table_exists(conn, table):
    # Parametrized with a constant table name.
    # ok: sql-injection
    assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_injection_string_is_bound(conn):
    # The attack string is a literal bound as a parameter.
    attack = "x' OR '1'='1"
    # ok: sql-injection
    rows = conn.execute("SELECT * FROM users WHERE name = ?", (attack,)).fetchall()
    assert rows == []
