"""pytest tests for the HTTP integrations.

Benchmark corpus, ssrf (CWE-918): sinks in tests. The URLs are constants, local
test servers and pytest fixtures, none of which an attacker controls.
"""
import pytest
import requests

BASE = "http://127.0.0.1:8000"


@pytest.fixture
def live_url():
    return BASE + "/health"


def test_health_endpoint():
    # Constant local URL.
    # ok: ssrf
    resp = requests.get(BASE + "/health", timeout=2)
    assert resp.status_code == 200


def test_health_fixture(live_url):
    # A pytest fixture is not an unknown caller: pytest passes the value above.
    # ok: ssrf
    resp = requests.get(live_url, timeout=2)
    assert resp.ok


def test_server_fixture(httpserver):
    # pytest-httpserver's local server.
    httpserver.expect_request("/ping").respond_with_data("pong")
    # ok: ssrf
    assert requests.get(httpserver.url_for("/ping"), timeout=2).text == "pong"


@pytest.mark.parametrize("path", ["/a", "/b", "/c"])
def test_paths(path):
    # Parametrized with constants.
    # ok: ssrf
    assert requests.get(f"{BASE}{path}", timeout=2).status_code in (200, 404)
