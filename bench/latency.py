"""Keystroke latency of `unguarded serve`, measured as an editor feels it, against a floor.

The client below speaks JSON-RPC over stdio the way an editor does. For each of the 20
largest Python files and the 20 largest JavaScript/TypeScript files (at most --max-lines
lines) of real open-source code downloaded from PyPI and npm into a cache folder, it

  * opens the file and times didOpen -> publishDiagnostics (for that version),
  * applies --edits single-character edits at seeded random places (insert one character
    or delete one), one at a time, and times didChange -> publishDiagnostics for that
    version (the next edit is sent once the previous one's diagnostics arrived),

with `debounceMs: 0`. The same client then drives bench/floor_server.py (pygls + an
incremental tree-sitter reparse + an empty publish), and the report shows unguarded's
percentiles as ratios to the floor's. Server CPU time and peak RSS come from /proc.
Finally both servers open --open-files files at once and the resident memory is read.

    python bench/latency.py                      # the full run (several minutes)
    python bench/latency.py --files 3 --edits 20 # a quick look
    python bench/latency.py --json result.json
    python bench/latency.py --rounds 3           # both servers three times, in turns
    python bench/latency.py --profile prof.html --edits 10
        # no servers: the same files and edits through Document.apply_changes and the
        # incremental analysis in-process, under pyinstrument; prints the call tree, CPU
        # per edit and how much was computed again

The corpus: `pip download django==VERSION --no-deps` and `npm pack webpack@VERSION`,
unpacked under --corpus (default: $TMPDIR/unguarded-bench-corpus), reused on later runs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from unguarded.documents import looks_minified

BENCH = Path(__file__).resolve().parent
DEFAULT_CORPUS = Path(tempfile.gettempdir()) / "unguarded-bench-corpus"
DJANGO_VERSION = "5.2.19"
WEBPACK_VERSION = "5.112.2"
PYTHON_SUFFIXES = (".py",)
JS_SUFFIXES = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")
LANGUAGE_IDS = {
    ".py": "python",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "typescriptreact",
    ".jsx": "javascriptreact",
}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------------- corpus
def fetch_corpus(
    root: Path, django: str = DJANGO_VERSION, webpack: str = WEBPACK_VERSION
) -> dict[str, Path]:
    """Download and unpack the codebases once; return {name: source folder}."""
    root.mkdir(parents=True, exist_ok=True)
    django_dir = root / f"django-{django}"
    if not (django_dir / "django").is_dir():
        subprocess.run(
            [sys.executable, "-m", "pip", "download", f"django=={django}", "--no-deps",
             "--only-binary", ":all:", "-d", str(root), "--quiet"],
            check=True,
        )  # fmt: skip
        wheel = next(root.glob(f"[Dd]jango-{django}-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(django_dir)
    webpack_dir = root / f"webpack-{webpack}"
    if not (webpack_dir / "package" / "lib").is_dir():
        subprocess.run(
            ["npm", "pack", f"webpack@{webpack}", "--silent", "--pack-destination", str(root)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        with tarfile.open(root / f"webpack-{webpack}.tgz") as archive:
            archive.extractall(webpack_dir, filter="data")
    return {"django": django_dir / "django", "webpack": webpack_dir / "package" / "lib"}


def line_count(path: Path) -> int:
    return path.read_bytes().count(b"\n") + 1


def largest_files(
    folder: Path, suffixes: tuple[str, ...], count: int, max_lines: int
) -> list[Path]:
    """The `count` largest source files (by lines) of at most `max_lines` lines, skipping
    type declarations, minified bundles (unguarded does not analyse them) and vendored
    copies of other projects."""
    candidates = []
    for path in folder.rglob("*"):
        name = path.name
        if not name.endswith(suffixes) or name.endswith((".d.ts", ".min.js")) or not path.is_file():
            continue
        if any(part in ("vendor", "node_modules") for part in path.parts):
            continue
        if looks_minified(path.read_bytes()):
            continue  # generated data tables (webpack's html/data.js): not typed by anyone
        lines = line_count(path)
        if lines <= max_lines:
            candidates.append((lines, str(path)))
    candidates.sort(reverse=True)
    return [Path(path) for _, path in candidates[:count]]


def language_id(path: Path) -> str:
    return LANGUAGE_IDS.get(path.suffix, "javascript")


# ---------------------------------------------------------------------- JSON-RPC client
class ServerError(Exception):
    """The server logged an error for the document, or exited."""


class Client:
    """A small LSP client over a subprocess's stdio: framing, requests, notifications."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self._next_id = 0
        self._pending: dict[int, asyncio.Future[Any]] = {}
        # (uri, version) -> the loop time the diagnostics arrived
        self.published: dict[tuple[str, int | None], float] = {}
        self._waiters: dict[tuple[str, int | None], asyncio.Future[float]] = {}
        self.log: list[dict[str, Any]] = []
        self.on_notification: Callable[[str, Any], None] | None = None
        self._reader = asyncio.get_running_loop().create_task(self._read())

    @classmethod
    async def start(cls, command: list[str]) -> Client:
        stderr = tempfile.TemporaryFile()  # noqa: SIM115 - read back by stderr_tail()
        process = await asyncio.create_subprocess_exec(
            *command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=stderr,
            limit=1 << 26,
            env={**os.environ, "PYTHONFAULTHANDLER": "1"},
        )
        client = cls(process)
        client._stderr = stderr
        return client

    _stderr: Any = None

    def stderr_tail(self, lines: int = 30) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        text: str = self._stderr.read().decode("utf-8", "replace")
        return "\n".join(text.splitlines()[-lines:])

    async def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        loop = asyncio.get_running_loop()
        while True:
            length = 0
            while True:
                line = await stream.readline()
                if not line:
                    for future in [*self._waiters.values(), *self._pending.values()]:
                        if not future.done():
                            future.set_exception(ServerError("the server exited"))
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            message = json.loads(await stream.readexactly(length))
            now = loop.time()
            if "id" in message and "method" not in message:
                future = self._pending.pop(message["id"], None)
                if future is not None and not future.done():
                    if "error" in message:
                        future.set_exception(RuntimeError(str(message["error"])))
                    else:
                        future.set_result(message.get("result"))
            elif "id" in message:  # a request from the server (e.g. registerCapability)
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            else:
                method = message.get("method")
                params = message.get("params") or {}
                if method == "textDocument/publishDiagnostics":
                    key = (params["uri"], params.get("version"))
                    self.published[key] = now
                    waiter = self._waiters.pop(key, None)
                    if waiter is not None and not waiter.done():
                        waiter.set_result(now)
                elif method in ("window/logMessage", "window/showMessage"):
                    self.log.append(params)
                    if params.get("type") == 1:  # an error, e.g. a failed analysis
                        self._fail_waiters(str(params.get("message", "")))
                if self.on_notification is not None:
                    self.on_notification(method, params)

    def _fail_waiters(self, message: str) -> None:
        for key, waiter in list(self._waiters.items()):
            if (key[0] in message or self.process.returncode is not None) and not waiter.done():
                waiter.set_exception(ServerError(message))
                del self._waiters[key]

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    async def request(self, method: str, params: Any, timeout: float = 60) -> Any:
        self._next_id += 1
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[self._next_id] = future
        self._send({"jsonrpc": "2.0", "id": self._next_id, "method": method, "params": params})
        return await asyncio.wait_for(future, timeout)

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    async def drain(self) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        await stdin.drain()

    def expect_diagnostics(self, uri: str, version: int | None) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        key = (uri, version)
        if key in self.published:
            future.set_result(self.published[key])
        else:
            self._waiters[key] = future
        return future

    async def initialize(self, options: dict[str, Any]) -> Any:
        result = await self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": None,
                "capabilities": {
                    "textDocument": {"publishDiagnostics": {"versionSupport": True}},
                    "general": {"positionEncodings": ["utf-16"]},
                },
                "initializationOptions": options,
            },
        )
        self.notify("initialized", {})
        return result

    async def close(self) -> int | None:
        with contextlib.suppress(Exception):
            await self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            await self.drain()
        try:
            return await asyncio.wait_for(self.process.wait(), 10)
        except TimeoutError:
            self.process.kill()
            return await self.process.wait()
        finally:
            self._reader.cancel()

    # -------------------------------------------------------------- /proc
    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime

    def memory_kib(self) -> dict[str, int]:
        values = {}
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(value.split()[0])
        return values


# ---------------------------------------------------------------------- edits
class TextModel:
    """The client's copy of a document, with LSP positions in UTF-16 code units."""

    def __init__(self, text: str) -> None:
        self.text = text

    def position(self, index: int) -> dict[str, int]:
        line = self.text.count("\n", 0, index)
        line_start = self.text.rfind("\n", 0, index) + 1
        prefix = self.text[line_start:index]
        return {"line": line, "character": len(prefix.encode("utf-16-le")) // 2}

    def edit(self, start: int, end: int, inserted: str) -> dict[str, Any]:
        change = {
            "range": {"start": self.position(start), "end": self.position(end)},
            "text": inserted,
        }
        self.text = self.text[:start] + inserted + self.text[end:]
        return change


INSERTED = "abcxyz_0123456789 ()[]{}:;,.=+-'\"\n"


def random_edit(model: TextModel, rng: random.Random) -> dict[str, Any]:
    """Insert one character, or (one time in three) delete one, at a random place."""
    size = len(model.text)
    if size > 1 and rng.random() < 1 / 3:
        start = rng.randrange(size)
        return model.edit(start, start + 1, "")
    start = rng.randrange(size + 1)
    return model.edit(start, start, rng.choice(INSERTED))


# ---------------------------------------------------------------------- measurement
@dataclass
class ServerRun:
    name: str
    open_ms: dict[str, list[float]] = field(default_factory=dict)
    change_ms: dict[str, list[float]] = field(default_factory=dict)
    per_file_change_p95: dict[str, float] = field(default_factory=dict)
    cpu_seconds: float = 0.0
    peak_rss_mib: float = 0.0
    errors: list[str] = field(default_factory=list)
    # Edits whose diagnostics never came (the analysis failed or timed out).
    failures: list[str] = field(default_factory=list)


def uri_of(path: Path) -> str:
    return path.resolve().as_uri()


async def measure_typing(
    name: str,
    command: list[str],
    groups: dict[str, list[Path]],
    edits: int,
    seed: int,
    timeout: float,
    interval_ms: float = 0.0,
) -> ServerRun:
    """Open each file, then edit it: each edit is sent when the diagnostics of the one
    before arrived, and no sooner than `interval_ms` after it (a typist's pace; 0: back
    to back, every edit waits for all the work the edits before it left)."""
    run = ServerRun(name)
    client = await Client.start(command)
    loop = asyncio.get_running_loop()
    try:
        await client.initialize({"debounceMs": 0})
        for group, paths in groups.items():
            opens = run.open_ms.setdefault(group, [])
            changes = run.change_ms.setdefault(group, [])
            for path in paths:
                print(f"  {name}: {path.name}", file=sys.stderr, flush=True)
                uri = uri_of(path)
                text = path.read_text(encoding="utf-8", errors="replace")
                model = TextModel(text)
                rng = random.Random(f"{seed}:{path.name}")
                waiter = client.expect_diagnostics(uri, 1)
                started = loop.time()
                client.notify(
                    "textDocument/didOpen",
                    {"textDocument": {"uri": uri, "languageId": language_id(path),
                                      "version": 1, "text": text}},
                )  # fmt: skip
                try:
                    opens.append(1000 * (await asyncio.wait_for(waiter, timeout) - started))
                except (TimeoutError, ServerError) as error:
                    run.failures.append(f"didOpen {path.name}: {error!r}"[:300])
                    if client.process.returncode is not None:
                        raise
                file_changes = []
                version = 1
                for _ in range(edits):
                    before = model.text
                    change = random_edit(model, rng)
                    version += 1
                    waiter = client.expect_diagnostics(uri, version)
                    started = loop.time()
                    client.notify(
                        "textDocument/didChange",
                        {"textDocument": {"uri": uri, "version": version},
                         "contentChanges": [change]},
                    )  # fmt: skip
                    try:
                        received = await asyncio.wait_for(waiter, timeout)
                    except (TimeoutError, ServerError) as error:
                        run.failures.append(f"didChange {path.name} v{version}: {error!r}"[:300])
                        if client.process.returncode is not None:
                            raise
                        # Undo the edit whose analysis failed, so that the rest of the run
                        # measures typing rather than the same failure again and again.
                        model.text = before
                        version += 1
                        waiter = client.expect_diagnostics(uri, version)
                        client.notify(
                            "textDocument/didChange",
                            {"textDocument": {"uri": uri, "version": version},
                             "contentChanges": [{"text": before}]},
                        )  # fmt: skip
                        with contextlib.suppress(TimeoutError, ServerError):
                            await asyncio.wait_for(waiter, timeout)
                        continue
                    file_changes.append(1000 * (received - started))
                    pause = interval_ms / 1000 - (loop.time() - started)
                    if pause > 0:
                        await asyncio.sleep(pause)
                changes.extend(file_changes)
                run.per_file_change_p95[f"{path.name} ({line_count(path)} lines)"] = percentile(
                    file_changes, 95
                )
                client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        run.cpu_seconds = client.cpu_seconds()
        run.peak_rss_mib = client.memory_kib()["VmHWM"] / 1024
        run.errors = [m["message"] for m in client.log if m.get("type") == 1]
    except ServerError:
        print(f"{name} exited; its stderr ends with:\n{client.stderr_tail()}", file=sys.stderr)
        raise
    finally:
        await client.close()
    return run


async def measure_memory(command: list[str], paths: list[Path], timeout: float) -> dict[str, float]:
    """Open every file at once, wait for each one's diagnostics, read the RSS."""
    client = await Client.start(command)
    try:
        await client.initialize({"debounceMs": 0})
        baseline = client.memory_kib()["VmRSS"] / 1024
        waiters = []
        for path in paths:
            uri = uri_of(path)
            waiters.append(client.expect_diagnostics(uri, 1))
            client.notify(
                "textDocument/didOpen",
                {"textDocument": {"uri": uri, "languageId": language_id(path), "version": 1,
                                  "text": path.read_text(encoding="utf-8", errors="replace")}},
            )  # fmt: skip
            await client.drain()
        await asyncio.wait_for(asyncio.gather(*waiters), timeout)
        await asyncio.sleep(0.5)
        memory = client.memory_kib()
        return {
            "files": len(paths),
            "megabytes_of_source": sum(p.stat().st_size for p in paths) / 2**20,
            "rss_before_mib": baseline,
            "rss_mib": memory["VmRSS"] / 1024,
            "peak_rss_mib": memory["VmHWM"] / 1024,
        }
    finally:
        await client.close()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "max": max(values) if values else float("nan"),
        "mean": statistics.fmean(values) if values else float("nan"),
    }


# ---------------------------------------------------------------------- report
def report(result: dict[str, Any]) -> str:
    out = [f"machine: {result['machine']}"]
    if "unguarded" in result:
        out.extend(typing_report(result))
    if "memory" in result:
        out.append("")
        for server in ("unguarded", "floor"):
            m = result["memory"][server]
            out.append(
                f"{server} with {m['files']} files open ({m['megabytes_of_source']:.1f} MiB of "
                f"source): RSS {m['rss_mib']:.0f} MiB (at start {m['rss_before_mib']:.0f}, "
                f"peak {m['peak_rss_mib']:.0f})"
            )
    return "\n".join(out)


def typing_report(result: dict[str, Any]) -> list[str]:
    out = []
    out.append(
        f"files: {result['edits']} edits each, seed {result['seed']}, debounceMs 0, "
        f"one edit per {result.get('interval_ms', 0):g} ms at most; "
        + "; ".join(f"{g}: {len(v)} files, {result['lines'][g]} lines" for g, v in
                    result["files"].items())
    )  # fmt: skip
    header = f"{'':34}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
    for kind in ("open", "change"):
        out.append("")
        out.append(f"did{kind.capitalize()} -> publishDiagnostics")
        out.append(header)
        for group in result["files"]:
            rows = {}
            for server in ("unguarded", "floor"):
                stats = result[server][f"{kind}_ms"][group]
                rows[server] = stats
                out.append(
                    f"  {server + ' ' + group:32}{stats['p50']:9.1f}{stats['p95']:9.1f}"
                    f"{stats['max']:9.1f}"
                )
            u, f = rows["unguarded"], rows["floor"]
            out.append(
                f"  {'ratio unguarded/floor ' + group:32}{u['p50'] / f['p50']:8.1f}x"
                f"{u['p95'] / f['p95']:8.1f}x{u['max'] / f['max']:8.1f}x"
            )
    out.append("")
    for server in ("unguarded", "floor"):
        data = result[server]
        out.append(
            f"{server}: CPU {data['cpu_seconds']:.1f} s, peak RSS {data['peak_rss_mib']:.0f} MiB"
            f" (typing run); errors logged: {len(data['errors'])}, edits without diagnostics: "
            f"{len(data['failures'])}"
        )
        for failure in data["failures"][:5]:
            out.append(f"  {failure}")
    if len(result.get("rounds", [])) > 1:
        out.append("")
        out.append("didChange p95 by round (unguarded / floor = ratio):")
        ratios: dict[str, list[float]] = {group: [] for group in result["files"]}
        for number, measured in enumerate(result["rounds"], 1):
            cells = []
            for group in result["files"]:
                u, f = measured["unguarded"][group], measured["floor"][group]
                ratios[group].append(u / f)
                cells.append(f"{group} {u:.1f} / {f:.1f} = {u / f:.2f}x")
            out.append(f"  round {number}: " + "; ".join(cells))
        out.append(
            "  median ratio: "
            + "; ".join(f"{g} {statistics.median(r):.2f}x" for g, r in ratios.items())
        )
    out.append("")
    out.append("slowest files (unguarded didChange p95 ms, first round):")
    slow = sorted(result["unguarded"]["per_file_change_p95"].items(), key=lambda kv: -kv[1])
    for name, value in slow[:8]:
        out.append(f"  {value:8.1f}  {name}")
    return out


def machine() -> str:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} CPUs, {model}, Python {sys.version.split()[0]}"


async def main_async(arguments: argparse.Namespace) -> dict[str, Any]:
    corpus = fetch_corpus(arguments.corpus)
    groups = {
        "python": largest_files(
            corpus["django"], PYTHON_SUFFIXES, arguments.files, arguments.max_lines
        ),
        "js/ts": largest_files(
            corpus["webpack"], JS_SUFFIXES, arguments.files, arguments.max_lines
        ),
    }
    unguarded = [sys.executable, "-m", "unguarded", "serve"]
    floor = [sys.executable, str(BENCH / "floor_server.py")]
    result: dict[str, Any] = {
        "machine": machine(),
        "seed": arguments.seed,
        "edits": arguments.edits,
        "interval_ms": arguments.interval_ms,
        "files": {g: [str(p) for p in paths] for g, paths in groups.items()},
        "lines": {g: sum(line_count(p) for p in paths) for g, paths in groups.items()},
    }
    # Each round runs both servers, in turns (unguarded first in odd rounds, the floor
    # first in even ones), so that a slower spell of a shared machine falls on both.
    servers = (("unguarded", unguarded), ("floor", floor))
    rounds: list[dict[str, Any]] = []
    for number in range(arguments.rounds if arguments.files else 0):
        measured: dict[str, Any] = {}
        for name, command in servers if number % 2 == 0 else servers[::-1]:
            print(f"typing with {name} (round {number + 1}) ...", file=sys.stderr)
            run = await measure_typing(
                name,
                command,
                groups,
                arguments.edits,
                arguments.seed,
                arguments.timeout,
                arguments.interval_ms,
            )
            data = asdict(run)
            data["open_ms"] = {g: summary(v) for g, v in run.open_ms.items()}
            data["change_ms"] = {g: summary(v) for g, v in run.change_ms.items()}
            measured[name] = data
        rounds.append(measured)
    if rounds:
        result.update(rounds[0])  # the first round in full, as with one round
        result["rounds"] = [
            {name: {g: r[name]["change_ms"][g]["p95"] for g in groups} for name in r}
            for r in rounds
        ]
    if arguments.open_files > 0:
        half = arguments.open_files // 2
        many = largest_files(corpus["django"], PYTHON_SUFFIXES, half, arguments.max_lines)
        many += largest_files(
            corpus["webpack"], JS_SUFFIXES, arguments.open_files - len(many), arguments.max_lines
        )
        result["memory"] = {}
        for name, command in (("unguarded", unguarded), ("floor", floor)):
            print(f"opening {len(many)} files with {name} ...", file=sys.stderr)
            result["memory"][name] = await measure_memory(command, many, 600)
    return result


def profile_engine(groups: dict[str, list[Path]], edits: int, seed: int, output: Path) -> None:
    """The server's per-keystroke work without the protocol: the same seeded edits applied
    with Document.apply_changes, then each version analysed by the document's
    DocumentAnalysis (incremental and allowed to be provisional, as the server's scheduler
    does at each keystroke), under pyinstrument."""
    from pyinstrument import Profiler

    from unguarded.analysis import AnalysisSettings
    from unguarded.analysis.incremental import DocumentAnalysis
    from unguarded.documents import Document, PositionEncoding, TextChange, language_for_path

    settings = AnalysisSettings()
    work = []
    for paths in groups.values():
        for path in paths:
            text = path.read_text(encoding="utf-8", errors="replace")
            language = language_for_path(path)
            assert language is not None
            document = Document.from_text(uri_of(path), language, text)
            analysis = DocumentAnalysis(settings)
            analysis.analyze(document.snapshot())  # the didOpen: a full analysis
            rng = random.Random(f"{seed}:{path.name}")
            work.append((path, document, analysis, TextModel(text), rng))

    class Stuck(Exception):
        pass

    def stuck(*_: object) -> None:
        raise Stuck

    signal.signal(signal.SIGALRM, stuck)
    profiler = Profiler(interval=0.0005)
    per_file: dict[str, float] = {}
    failures: list[str] = []
    # What the incremental analysis did again, summed over all edits.
    totals: dict[str, int] = {}
    profiler.start()
    for path, document, analysis, model, rng in work:
        started = time.process_time()
        version = 1
        for _ in range(edits):
            before = model.text
            change = random_edit(model, rng)
            start, end = change["range"]["start"], change["range"]["end"]
            version += 1
            document.apply_changes(
                [TextChange(change["text"], (start["line"], start["character"]),
                            (end["line"], end["character"]))],
                version,
                PositionEncoding.UTF16,
            )  # fmt: skip
            signal.alarm(20)  # the server's limit: an analysis past it is a bug
            try:
                analysis.analyze(document.snapshot(), provisional=True)
                for name, value in analysis.stats.items():
                    totals[name] = totals.get(name, 0) + value
            except Stuck:
                failures.append(f"{path.name} v{version}: {change}")
                model.text = before
                version += 1
                document.apply_changes([TextChange(before)], version, PositionEncoding.UTF16)
                # As the scheduler does: an interrupted analysis may be half updated.
                analysis = DocumentAnalysis(settings)
                analysis.analyze(document.snapshot())
            finally:
                signal.alarm(0)
        per_file[f"{path.name} ({line_count(path)} lines)"] = (
            1000 * (time.process_time() - started) / edits
        )
    profiler.stop()
    output.write_text(profiler.output_html(), encoding="utf-8")
    print(profiler.output_text(unicode=False, color=False, show_all=False))
    print("CPU ms per keystroke (apply_changes + analyze), by file:")
    for name, value in sorted(per_file.items(), key=lambda kv: -kv[1]):
        print(f"  {value:8.1f}  {name}")
    count = edits * len(work)
    print(
        f"per edit, on average: {totals.get('parts', 0) / count:.1f} parts of the tree "
        f"queried again, {totals.get('decided', 0) / count:.2f} sink decisions and "
        f"{totals.get('checked', 0) / count:.2f} sinks' data flow computed again; "
        f"{totals.get('full', 0)} of {count} versions analysed in full, "
        f"{totals.get('provisional', 0)} provisional (a syntax error that reshaped the file: "
        "the last findings, moved)"
    )
    for failure in failures:
        print(f"analysis stopped after 20 s (undone): {failure}")
    print(f"HTML profile: {output}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--files", type=int, default=20, help="largest files per language (0: memory only)"
    )
    parser.add_argument("--edits", type=int, default=100, help="edits per file")
    parser.add_argument("--max-lines", type=int, default=7000)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument(
        "--interval-ms",
        type=float,
        default=0.0,
        help="send edits no faster than one per this many ms (a typist's pace; default 0: "
        "each edit as soon as the one before has its diagnostics)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="run both servers this many times, in turns, and report the median of each "
        "round's p95 ratio (a shared machine's speed drifts between runs)",
    )
    parser.add_argument("--open-files", type=int, default=200, help="0 to skip the memory run")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--json", type=Path, default=None, help="also write the raw figures")
    parser.add_argument(
        "--profile",
        type=Path,
        default=None,
        metavar="HTML",
        help="instead of timing the servers, profile the engine in-process on the same "
        "files and edits with pyinstrument (pip install pyinstrument)",
    )
    arguments = parser.parse_args()
    if arguments.profile is not None:
        corpus = fetch_corpus(arguments.corpus)
        groups = {
            "python": largest_files(
                corpus["django"], PYTHON_SUFFIXES, arguments.files, arguments.max_lines
            ),
            "js/ts": largest_files(
                corpus["webpack"], JS_SUFFIXES, arguments.files, arguments.max_lines
            ),
        }
        profile_engine(groups, arguments.edits, arguments.seed, arguments.profile)
        return 0
    result = asyncio.run(main_async(arguments))
    print(report(result))
    if arguments.json is not None:
        arguments.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
