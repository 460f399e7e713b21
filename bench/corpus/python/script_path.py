"""Data tools: config loader, archive import, template store.

Benchmark corpus, path-traversal (CWE-22).
"""
import io
import json
import os
import shutil
import sys
import tarfile
from pathlib import Path

CONFIG_DIR = Path.home() / ".config" / "datatool"
TEMPLATE_DIR = "/usr/share/datatool/templates"


class TemplateStore:
    def __init__(self, root: str = TEMPLATE_DIR):
        self.root = root

    def load(self, name: str) -> str:
        # Method parameter joined to the root (reported as a warning).
        # ruleid: path-traversal
        with open(os.path.join(self.root, name), encoding="utf-8") as fh:
            return fh.read()

    def load_checked(self, name: str) -> str:
        # realpath + commonpath check that raises.
        full = os.path.realpath(os.path.join(self.root, name))
        if os.path.commonpath([full, os.path.realpath(self.root)]) != os.path.realpath(self.root):
            raise ValueError("outside template dir")
        # ok: path-traversal
        with open(full, encoding="utf-8") as fh:
            return fh.read()


def load_config() -> dict:
    # Constant path under the home directory.
    # ok: path-traversal
    return json.loads((CONFIG_DIR / "config.json").read_text())


def load_profile(profile: str) -> dict:
    # Parameter in an f-string path (reported as a warning).
    # ruleid: path-traversal
    return json.loads((CONFIG_DIR / f"profiles/{profile}.json").read_text())


def import_archive(blob: bytes) -> None:
    # The archive is read from memory (fileobj=), not from a path.
    # ok: path-traversal
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        # Untrusted tar, no extraction filter: a member "../../etc/cron.d/x" lands there (tar slip).
        # ruleid: path-traversal
        tar.extractall("/srv/data")


def import_archive_filtered(blob: bytes) -> None:
    # The archive is read from memory (fileobj=), not from a path.
    # ok: path-traversal
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        # The "data" extraction filter refuses members outside the target.
        # ok: path-traversal
        tar.extractall("/srv/data", filter="data")


def clean(name):
    # shutil.rmtree with a parameter (reported as a warning).
    # ruleid: path-traversal
    shutil.rmtree(os.path.join("/srv/data", name))


def from_env():
    # Environment configuration.
    # ok: path-traversal
    with open(os.environ.get("DATATOOL_LOG", "/var/log/datatool.log"), "a") as fh:
        fh.write("started\n")


def main():
    # sys.argv as the file to read (a CLI reading what its user asks for is still reported).
    # ruleid: path-traversal
    data = open(sys.argv[1]).read()
    answer = input("save as: ")
    # input() as the destination.
    # ruleid: path-traversal
    Path(answer).write_text(data.upper())


if __name__ == "__main__":
    main()
