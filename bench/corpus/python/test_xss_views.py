"""pytest tests for the HTML helpers.

Benchmark corpus, xss (CWE-79): sinks in tests with literal HTML.
"""
import pytest
from flask import render_template_string
from markupsafe import Markup


def test_markup_literal():
    # Literal HTML.
    # ok: xss
    assert str(Markup("<b>x</b>")) == "<b>x</b>"


@pytest.mark.parametrize("name", ["alice", "<script>"])
def test_template_escapes(app_ctx, name):
    # Constant template, value as a variable.
    # ok: xss
    out = render_template_string("<p>{{ n }}</p>", n=name)
    assert "<script>" not in out


def test_markup_payload():
    # The payload is a literal in the test.
    payload = "<img src=x onerror=alert(1)>"
    # ok: xss
    assert Markup(payload).striptags() == ""
