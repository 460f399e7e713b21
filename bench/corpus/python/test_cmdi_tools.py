"""pytest tests for the ops tools.

Benchmark corpus, command-injection (CWE-78): sinks in tests.
"""
import os
import subprocess

import pytest


def test_cli_help():
    # Constant command.
    # ok: command-injection
    out = subprocess.check_output("python -m tools --help", shell=True, text=True)
    assert "usage" in out


@pytest.mark.parametrize("tool", ["uptime", "df"])
def test_tools_run(tool):
    # Parametrized with constants.
    # ok: command-injection
    assert os.system(f"{tool} > /dev/null") == 0


def test_tmp_cleanup(tmp_path):
    # pytest's tmp_path fixture.
    (tmp_path / "x").mkdir()
    # ok: command-injection
    subprocess.run(f"rm -rf {tmp_path}/x", shell=True, check=True)
    assert not (tmp_path / "x").exists()
