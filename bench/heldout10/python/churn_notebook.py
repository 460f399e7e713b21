"""Churn analysis exported from a Jupyter notebook: run as `python churn_notebook.py <warehouse.db> <segment>`."""

import os
import re
import sqlite3
import subprocess
import sys
import urllib.request
from pathlib import Path

import pandas as pd

# %% parameters
DB_PATH = sys.argv[1]
SEGMENT = sys.argv[2] if len(sys.argv) > 2 else "all"
OUT = Path("reports").resolve()
METRICS = {"mrr", "seats", "logins_30d"}
FX_API = "https://fx.rates-provider.example/latest?base="

# %% load
conn = sqlite3.connect(DB_PATH)
# the segment from argv inside a quoted literal
# ruleid: sql-injection
customers = pd.read_sql(f"SELECT * FROM customers WHERE segment = '{SEGMENT}'", conn)
# the same query with a bound parameter
# ok: sql-injection
customers = pd.read_sql("SELECT * FROM customers WHERE segment = ?", conn, params=(SEGMENT,))

metric = input("metric to chart [mrr/seats/logins_30d]: ").strip()
if metric not in METRICS:
    raise SystemExit(f"unknown metric {metric}")
# column picked from METRICS after an exit
# ok: sql-injection
trend = pd.read_sql(f"SELECT month, AVG({metric}) AS v FROM usage GROUP BY month", conn)

cohort = input("cohort filter (SQL): ")
# a typed SQL fragment run as is
# ruleid: sql-injection
cohort_rows = conn.execute("SELECT id FROM customers WHERE " + cohort).fetchall()

# %% enrich
currency = input("report currency: ").upper()
# constant https host; the currency only fills the query string
# ok: ssrf
with urllib.request.urlopen(FX_API + currency, timeout=10) as r:
    fx = r.read()

extra = input("extra CSV (path or URL, blank to skip): ")
if extra:
    # pandas reads a path or fetches a URL the analyst typed
    # ruleid: path-traversal
    extra_df = pd.read_csv(extra)

# %% save
label = input("report label: ")
safe_label = re.sub(r"[^a-z0-9_-]", "_", label.lower())
# every character outside a class replaced
# ok: path-traversal
customers.to_csv(OUT / f"{safe_label}.csv", index=False)
# the raw label as an Excel file name
# ruleid: path-traversal
trend.to_excel(os.path.join(OUT, label + ".xlsx"))

# %% publish
# the raw label in a shell command
# ruleid: command-injection
os.system(f"rclone copy reports/{label}.xlsx drive:churn/")
# the cleaned label in an argument list
# ok: command-injection
subprocess.run(["rclone", "copy", f"reports/{safe_label}.csv", "drive:churn/"], check=True)
# the segment from argv in a popen string
# ruleid: command-injection
summary = os.popen("csvstat --count reports/*.csv | grep " + SEGMENT).read()
print(summary, len(fx), len(cohort_rows))
