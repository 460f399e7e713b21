"""Analyst dashboard on Streamlit: widgets return what the visitor typed."""

import ast
import sqlite3
import subprocess

import requests
import streamlit as st
import streamlit.components.v1 as components

conn = sqlite3.connect("/srv/dashboard/metrics.db", check_same_thread=False)
METRICS = {"revenue": "sum(amount_cents)", "orders": "count(*)", "aov": "avg(amount_cents)"}

st.title("Metrics")

metric = st.selectbox("Metric", list(METRICS))
region = st.text_input("Region filter", "")
# a selectbox over the constant dict's keys, then the dict lookup
# ok: sql-injection
totals = conn.execute(f"SELECT {METRICS[metric]} FROM sales").fetchone()
# [beyond docs] st.text_input returns visitor text: concatenated into SQL
# ruleid: sql-injection
by_region = conn.execute("SELECT count(*) FROM sales WHERE region = '" + region + "'").fetchone()
# the same text bound as a parameter
# ok: sql-injection
bound = conn.execute("SELECT count(*) FROM sales WHERE region = ?", (region,)).fetchone()
st.write(totals, by_region, bound)

note = st.text_area("Annotation (HTML allowed)")
# [beyond docs] [extended sink] st.markdown with unsafe_allow_html=True renders visitor text as HTML
# ruleid: xss
st.markdown(f"<div class='note'>{note}</div>", unsafe_allow_html=True)
# [extended sink] st.markdown without unsafe_allow_html escapes HTML
# ok: xss
st.markdown(f"**Note:** {note}")
# [beyond docs] [extended sink] components.html renders its argument as HTML in an iframe that may run scripts
# ruleid: xss
components.html("<div class='note'>" + note + "</div>", height=80)

source_url = st.text_input("Import CSV from URL")
if source_url:
    # [beyond docs] a URL typed into the dashboard fetched by the server
    # ruleid: ssrf
    csv_text = requests.get(source_url, timeout=10).text
    st.text(csv_text[:200])

formula = st.text_input("Formula over the totals", "revenue / orders")
# [beyond docs] the formula evaluated as Python
# ruleid: code-injection
st.write(eval(formula, {"revenue": 1, "orders": 1}))
# literal_eval parses literals only
# ok: code-injection
limits = ast.literal_eval(st.text_input("Limits", "[0, 100]"))

host = st.text_input("Ping host", "db.internal")
if st.button("Ping"):
    # [beyond docs] a typed host on a shell line
    # ruleid: command-injection
    out = subprocess.run("ping -c 1 " + host, shell=True, capture_output=True, text=True).stdout
    st.code(out)
