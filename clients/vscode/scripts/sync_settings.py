"""Write the server's settings model (unguarded.config.SETTINGS_SCHEMA) into the extension's
package.json: one `unguarded.<name>` property per server setting, with the model's type,
default and description, in the model's order, followed by the client-only settings.

Editor-only refinements of a property (enum, items, minimum, additionalProperties, ...) are
kept; a new array setting gets `items: {"type": "string"}`. Run it with a Python that has
unguarded installed, after changing SETTINGS_SCHEMA:

    python clients/vscode/scripts/sync_settings.py          # rewrite package.json
    python clients/vscode/scripts/sync_settings.py --check  # exit 1 if it is out of date

tests/test_vscode_settings.py checks the result.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from unguarded.config import SETTINGS_SCHEMA

PACKAGE_JSON = Path(__file__).resolve().parent.parent / "package.json"
PREFIX = "unguarded."
CLIENT_ONLY = ("unguarded.path", "unguarded.interpreter", "unguarded.trace.server")
MODEL_KEYS = ("type", "default", "markdownDescription", "description", "order")


def synced(package: dict[str, Any]) -> dict[str, Any]:
    configuration = package["contributes"]["configuration"]
    old: dict[str, dict[str, Any]] = configuration["properties"]
    properties: dict[str, dict[str, Any]] = {}
    for order, (name, doc) in enumerate(SETTINGS_SCHEMA.items()):
        key = PREFIX + name
        previous = old.get(key, {})
        if previous.get("type") != doc.type:
            previous = {}  # refinements of another type no longer apply
        prop: dict[str, Any] = {
            "type": doc.type,
            "default": doc.default,
            "markdownDescription": doc.description,
            "order": order,
        }
        prop.update({k: v for k, v in previous.items() if k not in MODEL_KEYS})
        if doc.type == "array":
            prop.setdefault("items", {"type": "string"})
        properties[key] = prop
    for key in CLIENT_ONLY:
        properties[key] = old[key]
    configuration["properties"] = properties
    return package


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether it is in sync")
    args = parser.parse_args()
    text = PACKAGE_JSON.read_text(encoding="utf-8")
    new_text = json.dumps(synced(json.loads(text)), indent=2, ensure_ascii=False) + "\n"
    if new_text == text:
        return 0
    if args.check:
        sys.stderr.write(f"{PACKAGE_JSON} is out of date: run {Path(__file__).name}\n")
        return 1
    PACKAGE_JSON.write_text(new_text, encoding="utf-8")
    sys.stderr.write(f"updated {PACKAGE_JSON}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
