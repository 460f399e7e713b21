"""Configuration loading for the deploy tool: layered YAML files, env overrides, plugin manifests."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from yaml import Loader, load, load_all

CONFIG_DIR = Path(os.environ.get("DEPLOY_CONFIG_DIR", "/etc/deploy"))


class StrictLoader(yaml.SafeLoader):
    """SafeLoader that also understands !env tags."""


def _env_constructor(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return os.environ.get(loader.construct_scalar(node), "")


StrictLoader.add_constructor("!env", _env_constructor)


def load_base() -> dict[str, Any]:
    # configured directory and a constant file name
    # ok: path-traversal
    with open(CONFIG_DIR / "base.yaml", encoding="utf-8") as fh:
        # constant file, but no loader: the call itself is the finding
        # ruleid: unsafe-yaml-load
        return yaml.load(fh)


def load_layer(name: str) -> dict[str, Any]:
    # layer name is a parameter (unknown callers) inside the path
    # ruleid: path-traversal
    text = (CONFIG_DIR / "layers" / f"{name}.yaml").read_text()
    # own SafeLoader subclass
    # ok: unsafe-yaml-load
    return yaml.load(text, Loader=StrictLoader)


def load_plugin_manifest(raw: str) -> dict[str, Any]:
    # unsafe loader passed positionally
    # ruleid: unsafe-yaml-load
    return yaml.load(raw, yaml.UnsafeLoader)


def load_plugin_manifest_v2(raw: str) -> dict[str, Any]:
    # safe loader passed by keyword
    # ok: unsafe-yaml-load
    return yaml.load(raw, Loader=yaml.SafeLoader)


def load_inventory(raw: str) -> list[Any]:
    # load_all with no loader
    # ruleid: unsafe-yaml-load
    return list(yaml.load_all(raw))


def load_inventory_v2(raw: str) -> list[Any]:
    # names imported from yaml: load_all with the full Loader class
    # ruleid: unsafe-yaml-load
    return list(load_all(raw, Loader=Loader))


def load_secrets_file(fh) -> dict[str, Any]:
    # name imported from yaml, unsafe Loader by keyword
    # ruleid: unsafe-yaml-load
    return load(fh, Loader=Loader)


def load_overrides(raw: str) -> dict[str, Any]:
    # full_load shortcut
    # ruleid: unsafe-yaml-load
    return yaml.full_load(raw)


def load_legacy(raw: str) -> Any:
    # unsafe_load shortcut
    # ruleid: unsafe-yaml-load
    return yaml.unsafe_load(raw)


def load_fast(raw: str) -> dict[str, Any]:
    # [beyond docs] C safe loader when available, pure-Python safe loader otherwise
    # ok: unsafe-yaml-load
    return yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def load_roundtrip(fh) -> Any:
    yaml_rt = YAML()
    # ruamel round-trip loader under a distinct name
    # ok: unsafe-yaml-load
    return yaml_rt.load(fh)


def load_with_ruamel_safe(path: Path) -> Any:
    yaml = YAML(typ="safe", pure=True)
    # [known limit] ruamel's safe loader under the name `yaml`
    # ok: unsafe-yaml-load
    return yaml.load(path)


def dump_config(cfg: dict[str, Any], fh) -> None:
    # dumping is not loading
    # ok: unsafe-yaml-load
    yaml.dump(cfg, fh, sort_keys=False)


def save_snapshot(cfg: dict[str, Any]) -> str:
    # ok: unsafe-yaml-load
    return yaml.safe_dump(cfg)
