"""pytest tests for the storage helpers.

Benchmark corpus, path-traversal (CWE-22): sinks in tests with fixtures and literals.
"""
import os

import pytest

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")


def test_read_fixture():
    # Constant fixture path.
    # ok: path-traversal
    with open(os.path.join(FIXTURES, "sample.csv")) as fh:
        assert fh.readline().startswith("id,")


def test_write_tmp(tmp_path):
    # pytest's tmp_path fixture.
    target = tmp_path / "out.txt"
    # ok: path-traversal
    target.write_text("hello")
    # ok: path-traversal
    assert open(target).read() == "hello"


@pytest.mark.parametrize("name", ["a.json", "b.json"])
def test_fixture_files(name):
    # Parametrized with constants.
    # ok: path-traversal
    with open(os.path.join(FIXTURES, name)) as fh:
        assert fh.read()
