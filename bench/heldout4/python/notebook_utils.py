"""Helpers imported by the analytics notebooks (``from notebook_utils import *``)."""

import hashlib
import os
import pickle
import random
import subprocess
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import requests
from sqlalchemy import create_engine, text

NOTES_DIR = Path("/home/jovyan/work/notes")
CACHE_DIR = Path("/home/jovyan/.cache/nb")
DATASET_HOST = "https://data.analytics-hub.example.org"
# a Hugging Face token pasted into the module
# ruleid: hardcoded-secret
HF_TOKEN = "hf_Qm7xLp2RvT9kWz4YbN8cJd3Fs6Ga1Hu0"
# read from the environment
# ok: hardcoded-secret
WAREHOUSE_TOKEN = os.environ.get("WAREHOUSE_TOKEN")

engine = create_engine(os.environ.get("WAREHOUSE_URL", "sqlite:///warehouse.db"))


def load_table(table, limit=100):
    # [extended sink] pandas.read_sql with an f-string built from the parameters
    # ruleid: sql-injection
    return pd.read_sql(f"SELECT * FROM {table} LIMIT {limit}", engine)


def events_where(where: str):
    with engine.connect() as conn:
        # caller-supplied WHERE clause in SQLAlchemy text()
        # ruleid: sql-injection
        return conn.execute(text("SELECT * FROM events WHERE " + where)).fetchall()


def events_for(user_id: str):
    with engine.connect() as conn:
        # text() with a bound :uid
        # ok: sql-injection
        return conn.execute(text("SELECT * FROM events WHERE user_id = :uid"), {"uid": user_id}).fetchall()


def fetch_json(url):
    # a helper that fetches whatever URL it is given
    # ruleid: ssrf
    return requests.get(url, timeout=30).json()


def fetch_dataset(name):
    # fixed host, quoted name in the path
    # ok: ssrf
    return requests.get(f"{DATASET_HOST}/datasets/{quote(name)}.csv", timeout=60).text


def read_note(name):
    # a parameter appended to the notes directory
    # ruleid: path-traversal
    return (NOTES_DIR / name).read_text()


def read_note_safe(name):
    # Path(name).name keeps only the file name
    # ok: path-traversal
    return (NOTES_DIR / Path(name).name).read_text()


def cached(name):
    # a file opened from a helper's parameter: the docs leave pickle.load of it to the caller
    # ok: unsafe-deserialization
    # ruleid: path-traversal
    with open(CACHE_DIR / f"{name}.pkl", "rb") as fh:
        return pickle.load(fh)


def sh(cmd):
    # the "!"-replacement helper: a shell command from the caller
    # ruleid: command-injection
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout


def git_log(path):
    # argument list
    # ok: command-injection
    return subprocess.run(["git", "log", "--oneline", "--", path], capture_output=True, text=True).stdout


def fingerprint(df: pd.DataFrame) -> str:
    # MD5 of a data frame, not a password
    # ok: weak-password-hash
    return hashlib.md5(df.to_csv().encode()).hexdigest()


def sample_rows(df: pd.DataFrame, n=10):
    random.seed(42)
    # a reproducible sample, not a secret
    # ok: weak-randomness
    rows = random.sample(range(len(df)), n)
    return df.iloc[rows]


def hub_headers():
    return {"Authorization": f"Bearer {HF_TOKEN}"}
