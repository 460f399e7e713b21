"""Sales analytics dashboard on Plotly Dash, SQLAlchemy Core and pandas.

Callback arguments are component values posted by the browser (a dropdown's value can be
replaced by any string in the callback request), and dcc.Location exposes the page URL.
"""

import os
import re
from urllib.parse import parse_qs

import pandas as pd
import plotly.express as px
import requests
from dash import Dash, Input, Output, State, callback, dcc, html, no_update
from flask_cors import CORS
from sqlalchemy import create_engine, literal_column, select, table, text
from werkzeug.utils import secure_filename

engine = create_engine(os.environ["WAREHOUSE_URL"], pool_pre_ping=True)
app = Dash(__name__, title="Sales analytics")
# the embedded Flask server is opened to every origin, with cookies
# ruleid: permissive-cors
CORS(app.server, supports_credentials=True)

REGIONS = ["emea", "amer", "apac"]
METRICS = {
    "revenue": "sum(amount_cents) / 100.0",
    "orders": "count(*)",
    "aov": "avg(amount_cents) / 100.0",
}
EXPORT_ROOT = "/srv/dash/exports"
FX_API = "https://fx.internal.example/rates/"
FORMULA_RE = re.compile(r"[a-z_]+(?:\s*[-+*/]\s*(?:[a-z_]+|\d+(?:\.\d+)?))*")

app.layout = html.Div(
    [
        dcc.Location(id="url"),
        html.Div(id="banner"),
        dcc.Dropdown(REGIONS, "emea", id="region"),
        dcc.Dropdown(list(METRICS), "revenue", id="metric"),
        dcc.Input(id="customer-search"),
        html.Button("Search", id="search-btn"),
        dcc.Input(id="export-name"),
        html.Button("Export", id="export-btn"),
        dcc.Input(id="csv-url"),
        html.Button("Load", id="load-btn"),
        dcc.Input(id="formula"),
        html.Div(id="kpi-table"),
    ]
)


@callback(Output("kpi-table", "data"), Input("region", "value"), Input("metric", "value"))
def kpis(region, metric):
    expr = METRICS.get(metric, METRICS["revenue"])
    with engine.connect() as conn:
        # metric expression from a constant dictionary, region bound as :region
        # ok: sql-injection
        rows = conn.execute(
            text(f"SELECT day, {expr} AS value FROM sales WHERE region = :region GROUP BY day ORDER BY day"),
            {"region": region},
        ).mappings().all()
    return [dict(r) for r in rows]


@callback(
    Output("search-results", "data"),
    Input("search-btn", "n_clicks"),
    State("customer-search", "value"),
)
def search_customers(n_clicks, term):
    if not n_clicks or not term:
        return no_update
    with engine.connect() as conn:
        # free-text search box pasted into a LIKE literal inside text()
        # ruleid: sql-injection
        rows = conn.execute(text("SELECT id, name, country FROM customers WHERE name ILIKE '%" + term + "%' LIMIT 100")).mappings()
        return [dict(r) for r in rows]


@callback(Output("cohort-graph", "figure"), Input("cohort-month", "value"), Input("region", "value"))
def cohort(month, region):
    if region not in REGIONS:
        return no_update
    # region is allowlisted, the month is still raw in the text [extended sink]
    # ruleid: sql-injection
    df = pd.read_sql(f"SELECT week, retention FROM cohorts WHERE region = '{region}' AND month = '{month}'", engine)
    return px.line(df, x="week", y="retention")


@callback(Output("top-products", "data"), Input("rank-by", "value"))
def top_products(rank_by):
    # dropdown value used as a column expression through literal_column
    # ruleid: sql-injection
    stmt = select(literal_column("sku"), literal_column(rank_by)).select_from(table("product_stats")).limit(10)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def _daily_sales():
    # constant query text, the start date bound as :since [extended sink]
    # ok: sql-injection
    return pd.read_sql(text("SELECT * FROM daily_sales WHERE day >= :since"), engine, params={"since": "2024-01-01"})


@callback(
    Output("export-status", "children"),
    Input("export-btn", "n_clicks"),
    State("export-name", "value"),
    prevent_initial_call=True,
)
def export_csv(n_clicks, filename):
    df = _daily_sales()
    # user-chosen file name joined under the export root
    # ruleid: path-traversal
    df.to_csv(os.path.join(EXPORT_ROOT, filename), index=False)
    return f"Saved {filename}"


@callback(
    Output("export-status", "children", allow_duplicate=True),
    Input("parquet-btn", "n_clicks"),
    State("export-name", "value"),
    prevent_initial_call=True,
)
def export_parquet(n_clicks, filename):
    df = _daily_sales()
    safe = secure_filename(filename) or "export"
    # secure_filename reduces the name to one safe component
    # ok: path-traversal
    df.to_parquet(os.path.join(EXPORT_ROOT, f"{safe}.parquet"))
    return f"Saved {safe}.parquet"


@callback(
    Output("ext-data", "data"),
    Input("load-btn", "n_clicks"),
    State("csv-url", "value"),
    prevent_initial_call=True,
)
def load_remote_csv(n_clicks, csv_url):
    # a typed location handed to pandas, which fetches URLs and opens local paths alike [extended sink]
    # ruleid: ssrf
    # ruleid: path-traversal
    df = pd.read_csv(csv_url)
    return df.head(200).to_dict("records")


@callback(Output("fx", "data"), Input("currency", "value"))
def fx_rates(currency):
    # fixed host with a trailing slash; the currency only fills the path
    # ok: ssrf
    return requests.get(FX_API + currency, timeout=5).json()


@callback(Output("banner", "children"), Input("url", "search"))
def banner(search):
    params = parse_qs((search or "").lstrip("?"))
    campaign = params.get("utm_campaign", [""])[0]
    # a link's query parameter rendered as Markdown with raw HTML allowed [extended sink]
    # ruleid: xss
    return dcc.Markdown(f"Welcome from **{campaign}**", dangerously_allow_html=True)


@callback(Output("derived", "data"), Input("formula", "value"), State("kpi-table", "data"))
def derived_metric(formula, rows):
    # typed formula evaluated with eval; emptied builtins are no control
    # ruleid: code-injection
    return [eval(formula, {"__builtins__": {}}, dict(r)) for r in rows or []]


@callback(Output("derived-checked", "data"), Input("formula", "value"), State("kpi-table", "data"))
def derived_metric_checked(formula, rows):
    if not formula or not FORMULA_RE.fullmatch(formula):
        return no_update
    # names, numbers and arithmetic only, full-matched before eval
    # ok: code-injection
    return [eval(formula, {"__builtins__": {}}, dict(r)) for r in rows or []]


if __name__ == "__main__":
    # Dash's development server with debug on (Flask's debugger underneath) [beyond docs]
    # ruleid: debug-mode
    app.run(host="0.0.0.0", port=8050, debug=True)
