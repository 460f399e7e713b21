"""Finding and running the semgrep executable: offline, bounded in time, cancellable."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Final

from unguarded.documents import language_for_path
from unguarded.resources import rules_dir
from unguarded.semgrep.results import SemgrepRun

# Set by whoever starts unguarded (tests, a wrapper script), never by a workspace: it
# chooses a program to execute.
EXECUTABLE_ENV: Final = "UNGUARDED_SEMGREP"

# Arguments every run gets: no metrics, no version check (both reach the network and the
# second one can stall a scan for a minute and more), JSON on stdout, plain rule ids.
FIXED_ARGUMENTS: Final = (
    "scan",
    "--metrics=off",
    "--disable-version-check",
    "--json",
    "--quiet",
    "--no-rewrite-rule-ids",
)

# Configs semgrep would fetch from the registry (or the network), never local files.
_REGISTRY_NAMES: Final = frozenset({"auto", "policy", "supply-chain", "secrets", "comment"})
_REGISTRY_PREFIXES: Final = ("p/", "r/", "s/", "tag/", "ruleset/")

# Seconds a process group gets between SIGTERM and SIGKILL.
_KILL_GRACE_S: Final = 1.0
_POLL_S: Final = 0.05


class SemgrepError(Exception):
    """A run that produced no results. `message` is short and for the user; `details` is
    for the log (command line, exit code, stderr)."""

    kind = "failed"

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class SemgrepUnavailable(SemgrepError):
    """No semgrep executable, or it cannot be started."""

    kind = "unavailable"


class SemgrepTimeout(SemgrepError):
    kind = "timeout"


class SemgrepCancelled(SemgrepError):
    kind = "cancelled"


class SemgrepFailed(SemgrepError):
    """semgrep crashed, exited with a code other than 0/1, or printed something that is
    not its JSON report. `reason` is "exit" or "output" (a caller may report each once)."""

    def __init__(self, message: str, details: str = "", *, reason: str = "exit") -> None:
        super().__init__(message, details)
        self.reason = reason


class SemgrepConfigError(SemgrepError):
    """A user config that is not a local file or folder (a registry id, `auto`, a URL),
    or that does not exist. Raised before semgrep is started."""

    kind = "config"


def find_semgrep() -> str | None:
    """The semgrep to run: $UNGUARDED_SEMGREP when set; else the one installed beside this
    Python (the `unguarded[semgrep]` extra, also when the venv is not activated); else
    the first on PATH."""
    chosen = os.environ.get(EXECUTABLE_ENV)
    if chosen:
        return chosen
    beside = Path(sys.executable).parent / ("semgrep.exe" if os.name == "nt" else "semgrep")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("semgrep")


def network_config_problem(config: str) -> str | None:
    """Why `config` is not a local path semgrep may read (a registry id, `auto`, a URL),
    or None."""
    text = config.strip()
    lowered = text.lower()
    if not text:
        return "an empty semgrep config"
    if "://" in text or lowered.startswith("www."):
        return (
            f"semgrep config {config!r} is a URL: only local rule files and folders are "
            "allowed (unguarded never lets semgrep use the network)"
        )
    if lowered in _REGISTRY_NAMES or lowered.startswith(_REGISTRY_PREFIXES):
        return (
            f"semgrep config {config!r} names a registry ruleset: only local rule files and "
            "folders are allowed (unguarded never lets semgrep use the network)"
        )
    return None


def check_configs(configs: Iterable[str], base: Path | None = None) -> list[Path]:
    """User configs as absolute local paths; SemgrepConfigError for a registry id, `auto`,
    a URL or a path that does not exist. Relative paths are taken from `base` (default:
    the working directory). Absolute paths also keep semgrep from reading a local
    `p/x.yaml` as a registry id."""
    paths: list[Path] = []
    for config in configs:
        problem = network_config_problem(config)
        if problem is not None:
            raise SemgrepConfigError(problem)
        path = Path(config.strip()).expanduser()
        if not path.is_absolute():
            path = (base or Path.cwd()) / path
        if not path.exists():
            raise SemgrepConfigError(f"semgrep config {config!r} does not exist ({path})")
        paths.append(path.resolve())
    return paths


def run_semgrep(
    targets: Sequence[Path],
    *,
    configs: Sequence[str] = (),
    timeout: float = 30.0,
    cancel: threading.Event | None = None,
    executable: str | None = None,
) -> SemgrepRun:
    """Run semgrep once on `targets` with unguarded's shipped rules plus `configs`.

    Blocks the calling thread (run it off any event loop). Raises a SemgrepError
    subclass when there are no results to give; partial problems (a target semgrep could
    not parse) are in `SemgrepRun.errors`."""
    user_configs = check_configs(configs)
    program = executable or find_semgrep()
    if program is None:
        raise SemgrepUnavailable(
            "semgrep is not installed (pip install 'unguarded[semgrep]')",
            "no semgrep executable beside the interpreter or on PATH",
        )
    resolved = [Path(target).resolve() for target in targets]
    if not resolved:
        return SemgrepRun(results=(), errors=(), scanned=(), duration=0.0, version="")
    command = [program, *FIXED_ARGUMENTS]
    for config in [*shipped_configs(resolved), *user_configs]:
        command += ["--config", str(config)]
    command += ["--", *map(str, resolved)]
    stdout, stderr, code, elapsed = _execute(command, timeout, cancel)
    return _report(command, stdout, stderr, code, elapsed)


def semgrep_environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment["SEMGREP_ENABLE_VERSION_CHECK"] = "0"
    environment["SEMGREP_SEND_METRICS"] = "off"
    # A token would make semgrep talk to its service; a local scan never needs it.
    environment.pop("SEMGREP_APP_TOKEN", None)
    return environment


def _execute(
    command: list[str], timeout: float, cancel: threading.Event | None
) -> tuple[bytes, bytes, int, float]:
    started = time.monotonic()
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=semgrep_environment(),
            # Its own process group: semgrep starts semgrep-core (and workers), and a
            # cancel or timeout must stop all of them, not only the Python wrapper.
            start_new_session=True,
        )
    except (FileNotFoundError, PermissionError, NotADirectoryError) as error:
        raise SemgrepUnavailable(
            f"semgrep cannot be started ({command[0]})", f"{type(error).__name__}: {error}"
        ) from error
    except OSError as error:
        raise SemgrepUnavailable(f"semgrep cannot be started: {error}", repr(command)) from error
    deadline = started + timeout
    while True:
        if cancel is not None and cancel.is_set():
            _kill_group(process)
            raise SemgrepCancelled("semgrep run cancelled", " ".join(command))
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            _, err = _kill_group(process)
            raise SemgrepTimeout(
                f"semgrep did not finish within {timeout:g} s (setting semgrep.timeout)",
                f"{' '.join(command)}\nstderr: {_tail(err)}",
            )
        try:
            # Retrying after TimeoutExpired loses nothing: communicate keeps what it read.
            out, err = process.communicate(timeout=min(_POLL_S, remaining))
        except subprocess.TimeoutExpired:
            continue
        return out, err, process.returncode, time.monotonic() - started


def _kill_group(process: subprocess.Popen[bytes]) -> tuple[bytes, bytes]:
    """Stop the process and everything it started; return what it had printed."""
    for sent in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sent)
        try:
            return process.communicate(timeout=_KILL_GRACE_S)
        except subprocess.TimeoutExpired:
            continue
    return b"", b""


def _report(
    command: list[str], stdout: bytes, stderr: bytes, code: int, elapsed: float
) -> SemgrepRun:
    shown = " ".join(command)
    if code < 0:
        raise SemgrepFailed(
            f"semgrep was killed by signal {-code}",
            f"{shown}\nstderr: {_tail(stderr)}",
        )
    try:
        payload = json.loads(stdout)
    except (ValueError, UnicodeDecodeError):
        payload = None
    if code not in (0, 1):
        problem = _first_error(payload) if isinstance(payload, dict) else None
        raise SemgrepFailed(
            f"semgrep failed (exit code {code})" + (f": {problem}" if problem else ""),
            f"{shown}\nstdout: {_tail(stdout)}\nstderr: {_tail(stderr)}",
        )
    if not isinstance(payload, dict) or not isinstance(payload.get("results"), list):
        raise SemgrepFailed(
            "semgrep printed something that is not its JSON report",
            f"{shown}\nstdout: {_tail(stdout)}\nstderr: {_tail(stderr)}",
            reason="output",
        )
    return SemgrepRun.from_json(payload, duration=elapsed)


def _first_error(payload: dict[str, object]) -> str | None:
    errors = payload.get("errors")
    if isinstance(errors, list):
        for error in errors:
            if isinstance(error, dict) and isinstance(error.get("message"), str):
                return " ".join(str(error["message"]).split())[:300]
    return None


def _tail(data: bytes, limit: int = 2000) -> str:
    text = data.decode("utf-8", errors="replace").strip()
    return text if len(text) <= limit else "…" + text[-limit:]


# ---------------------------------------------------------------------- shipped rules
def shipped_configs(targets: Sequence[Path]) -> list[Path]:
    """Our rules for the targets' languages. Each rule is its own YAML file, and semgrep
    spends about 0.1 s per config file before it scans anything, so the rules are joined
    into one file per set of languages (cached by content; about 2 s saved per run)."""
    root = rules_dir()
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
    families = {_family(target) for target in targets}
    if None not in families:
        chosen = [folder for folder in folders if folder.name in families]
    else:
        chosen = folders  # a file we do not know: let semgrep pick by its own detection
    files = [path for folder in chosen for path in sorted(folder.rglob("*.y*ml"))]
    # Keyed by modification time too: someone editing the rules gets the new ones.
    return _bundled(tuple((path, path.stat().st_mtime_ns) for path in files))


def _family(target: Path) -> str | None:
    language = language_for_path(target)
    return language.family if language is not None else None


@cache
def _bundled(files: tuple[tuple[Path, int], ...]) -> list[Path]:
    bodies: list[str] = []
    separate: list[Path] = []
    for path, _ in files:
        body = _rules_body(path.read_text(encoding="utf-8"))
        if body is None:
            separate.append(path)  # not a plain `rules:` list: give it to semgrep as is
        else:
            bodies.append(f"  # {path.name}\n{body}")
    if not bodies:
        return separate
    content = "rules:\n" + "".join(bodies)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]
    bundle = _write_cached(f"rules-{digest}.yaml", content)
    return [bundle, *separate] if bundle is not None else [path for path, _ in files]


def _rules_body(text: str) -> str | None:
    """The list under `rules:` when that is the file's only top-level key (then files can
    be joined by text, without a YAML library); None otherwise."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if line.rstrip() != "rules:":
            return None
        body = lines[index + 1 :]
        for item in body:
            if item.strip() and not item[0].isspace() and not item.startswith("#"):
                return None  # another top-level key, a document marker, a flow list
        text_body = "".join(body)
        return text_body if text_body.endswith("\n") else text_body + "\n"
    return None


def _write_cached(name: str, content: str) -> Path | None:
    for folder in (_user_cache(), _private_temp()):
        if folder is None:
            continue
        target = folder / name
        try:
            if target.is_file() and target.read_text(encoding="utf-8") == content:
                return target
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(content)
            os.replace(temporary, target)  # atomic: a concurrent run sees old or new
            return target
        except OSError:
            continue
    return None


def _user_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "unguarded" / "semgrep"


@cache
def _private_temp() -> Path | None:
    """A folder only this process writes to (a shared /tmp name could be planted)."""
    try:
        return Path(tempfile.mkdtemp(prefix="unguarded-semgrep-"))
    except OSError:
        return None
