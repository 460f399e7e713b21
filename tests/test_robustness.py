"""Robustness: incremental sync fuzzing over a real LSP session, and bad input (binary,
huge, minified, deeply nested, vanishing files, symlink loops, non-file URIs) through both
`unguarded scan` and `unguarded serve`.

`UNGUARDED_FUZZ_EXAMPLES` sets the number of edit sequences per client (default 150);
`python bench/fuzz.py --long` runs thousands.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import subprocess
import sys
import time
from bisect import bisect_right
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import make_test_lsp_client

from tests.lsp_helpers import (
    SERVER_COMMAND,
    change_document,
    document_state,
    initialize_params,
    open_document,
    wait_for_diagnostics,
)
from unguarded.analysis import AnalysisSettings
from unguarded.documents import LANGUAGES, LineIndex, PositionEncoding, tree_digest
from unguarded.scan import FileResult, scan

# Crashes in native code print a Python traceback instead of a bare exit code.
SERVER_ENV = {**os.environ, "PYTHONFAULTHANDLER": "1"}
FUZZ_EXAMPLES = int(os.environ.get("UNGUARDED_FUZZ_EXAMPLES", "150"))
DEEP = 10_000

VULNERABLE = """\
import requests
from flask import Flask, request

app = Flask(__name__)


@app.route("/proxy")
def proxy():
    url = request.args.get("url")
    return requests.get(url, timeout=5).text
"""


@contextlib.asynccontextmanager
async def server(
    client_name: str = "visual-studio-code", options: dict[str, Any] | None = None
) -> AsyncIterator[LanguageClient]:
    client = make_test_lsp_client()
    await client.start_io(*SERVER_COMMAND, env=SERVER_ENV)
    try:
        await client.initialize_session(
            initialize_params(client_capabilities(client_name), options)
        )
        yield client
        await client.shutdown_session()
    finally:
        await client.stop()


def errors_logged(client: LanguageClient) -> list[str]:
    logged = [m.message for m in client.log_messages if m.type == types.MessageType.Error]
    shown = [m.message for m in client.messages if m.type == types.MessageType.Error]
    return logged + shown


# ====================================================================== sync fuzzing
_BREAK = re.compile("\r\n|\r|\n")
FRAGMENTS = [
    "a", "x", "_1", " ", "    ", "\t", "\n", "\n", "\r\n", "\r", "😀", "中文", "é", "\U0001d4b3",
    "\u200b", "(", ")", "[", "]", "{", "}", "'", '"', "`", "#", "//", "/*", "*/", "\\",
    ":", ",", ".", "=", "=>", "+", "${x}", "<div>", "</div>", "def f(x):", "return ",
    "import os", "requests.get(url)", "os.system(cmd)", "exec(`ls ${req.query.d}`)",
    "if x:", "else", "function g(a) {", "class C:", "lambda: ",
]  # fmt: skip
LANGUAGE_CHOICES = [("py", "python"), ("js", "javascript"), ("ts", "typescript"),
                    ("tsx", "typescriptreact")]  # fmt: skip


def _snippets(max_size: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(FRAGMENTS), max_size=max_size).map("".join)


# (kind, a, b, short text, long text); positions are reduced modulo the text's length.
EDIT = st.tuples(
    st.sampled_from(["insert", "insert", "insert", "delete", "delete", "replace", "whole"]),
    st.integers(0, 5000),
    st.integers(0, 80),
    _snippets(4),
    _snippets(40),
)
SEQUENCE = st.lists(st.lists(EDIT, min_size=1, max_size=3), min_size=1, max_size=6)
INITIAL = st.one_of(_snippets(60), st.just(VULNERABLE), st.just(VULNERABLE.replace("\n", "\r\n")))


class ReferenceTree:
    """tree-sitter driven directly with the client's edits, computed from the client's own
    text (not the server's line index): the tree the server should have, even for text
    with syntax errors, where a fresh parse may differ."""

    def __init__(self, suffix: str, text: str) -> None:
        self.parser = LANGUAGES[SUFFIX_LANGUAGES[suffix]].parser()
        self.tree = self.parser.parse(_utf8(text))
        self.edited = False

    def replace_all(self, text: str) -> None:
        self.tree = self.parser.parse(_utf8(text))
        self.edited = False

    def edit(self, before: str, start: int, end: int, inserted: str) -> None:
        old, new = _utf8(before), _utf8(before[:start] + inserted + before[end:])
        start_byte, end_byte = len(_utf8(before[:start])), len(_utf8(before[:end]))
        new_end = start_byte + len(_utf8(inserted))
        self.tree.edit(
            start_byte=start_byte,
            old_end_byte=end_byte,
            new_end_byte=new_end,
            start_point=_ts_point(old, start_byte),
            old_end_point=_ts_point(old, end_byte),
            new_end_point=_ts_point(new, new_end),
        )
        self.edited = True

    def reparse(self, text: str) -> None:
        if self.edited:
            self.tree = self.parser.parse(_utf8(text), self.tree)
            self.edited = False


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _ts_point(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, line_start), offset - line_start


SUFFIX_LANGUAGES = {"py": "python", "js": "javascript", "ts": "typescript", "tsx": "tsx"}


class ClientText:
    """The client's copy of a document and LSP positions in the negotiated encoding."""

    def __init__(self, text: str, encoding: str, reference: ReferenceTree | None = None) -> None:
        self.text = text
        self.encoding = encoding
        self.reference = reference

    def _index(self, raw: int) -> int:
        index = raw % (len(self.text) + 1)
        # Between "\r" and "\n" is no LSP position: an editor never puts a cursor there.
        if 0 < index < len(self.text) and self.text[index - 1 : index + 1] == "\r\n":
            index -= 1
        return index

    def position(self, index: int) -> types.Position:
        starts = [0, *(m.end() for m in _BREAK.finditer(self.text))]
        line = bisect_right(starts, index) - 1
        prefix = self.text[starts[line] : index]
        if self.encoding == "utf-8":
            character = len(prefix.encode("utf-8"))
        elif self.encoding == "utf-32":
            character = len(prefix)
        else:
            character = len(prefix.encode("utf-16-le")) // 2
        return types.Position(line=line, character=character)

    def change(self, edit: tuple[str, int, int, str, str]) -> types.TextDocumentContentChangeEvent:
        kind, a, b, short, long = edit
        if kind == "whole":
            self.text = long
            if self.reference is not None:
                self.reference.replace_all(long)
            return types.TextDocumentContentChangeWholeDocument(text=long)
        start = self._index(a)
        end = start
        if kind in ("delete", "replace"):
            end = self._index(min(start + b, len(self.text)))
        inserted = "" if kind == "delete" else short
        change = types.TextDocumentContentChangePartial(
            range=types.Range(start=self.position(start), end=self.position(end)), text=inserted
        )
        if self.reference is not None:
            self.reference.edit(self.text, start, end, inserted)
        self.text = self.text[:start] + inserted + self.text[end:]
        return change


def assert_tree_matches(state: dict[str, Any], context: str = "") -> None:
    """The incremental tree equals a fresh parse, node for node, whenever the text parses
    without errors. For text with syntax errors tree-sitter's error recovery depends on
    the edit history (a fresh parse may place ERROR nodes elsewhere, as plain py-tree-sitter
    shows), so there the edited tree must only be an error tree too."""
    if state["freshHasErrors"]:
        assert state["hasErrors"], f"{context}: clean tree for text with syntax errors"
    else:
        assert state["treeMatchesFreshParse"], f"{context}: {state['treeDifference']}"


class FuzzSession:
    """One server session shared by every hypothesis example (starting a server per
    example would cost more than the examples)."""

    def __init__(self, loop: asyncio.AbstractEventLoop, client: LanguageClient, encoding: str):
        self.loop = loop
        self.client = client
        self.encoding = encoding
        self.count = 0

    @classmethod
    def start(cls, loop: asyncio.AbstractEventLoop, client_name: str) -> FuzzSession:
        async def start() -> FuzzSession:
            client = make_test_lsp_client()
            await client.start_io(*SERVER_COMMAND, env=SERVER_ENV)
            result = await client.initialize_session(
                initialize_params(client_capabilities(client_name))
            )
            negotiated = result.capabilities.position_encoding or "utf-16"
            encoding = str(getattr(negotiated, "value", negotiated))
            return cls(loop, client, encoding)

        return loop.run_until_complete(start())

    def stop(self) -> None:
        async def stop() -> None:
            with contextlib.suppress(Exception):
                await self.client.shutdown_session()
            await self.client.stop()

        self.loop.run_until_complete(stop())

    def check(self, language: tuple[str, str], initial: str, sequence: list[list[Any]]) -> None:
        self.loop.run_until_complete(self._check(language, initial, sequence))

    async def _check(self, language: tuple[str, str], initial: str, sequence: list[Any]) -> None:
        self.count += 1
        suffix, language_id = language
        uri = f"file:///fuzz/doc{self.count}.{suffix}"
        client = self.client
        errors_before = len(errors_logged(client))
        reference = ReferenceTree(suffix, initial)
        model = ClientText(initial, self.encoding, reference)
        open_document(client, uri, initial, language_id=language_id)
        for version, batch in enumerate(sequence, start=2):
            changes = [model.change(edit) for edit in batch]
            reference.reparse(model.text)  # one parse per message, as the server does
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=changes,
                )
            )
            state = await document_state(client, uri)
            assert state["text"] == model.text, f"after {batch!r}"
            assert_tree_matches(state, f"after {batch!r}")
            assert state["treeDigest"] == tree_digest(reference.tree), (
                f"after {batch!r}: the server's tree differs from the same edits replayed"
            )
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        assert errors_logged(client)[errors_before:] == []


@pytest.mark.parametrize("client_name", ["visual-studio-code", "neovim"])
def test_incremental_sync_fuzzing(client_name: str) -> None:
    """Random edit sequences (insertions, deletions across lines, CRLF and lone CR, tabs,
    emoji, CJK, whole-document replacements, several changes per message) in UTF-16 (VS
    Code) and UTF-8 (Neovim): after every message the server's text equals the client's,
    its incremental tree equals a fresh parse node for node (for text without syntax
    errors) and equals the tree tree-sitter builds from the same edits replayed on the
    client's side (always), and nothing is logged as an error."""
    loop = asyncio.new_event_loop()
    session = FuzzSession.start(loop, client_name)
    try:

        @settings(
            max_examples=FUZZ_EXAMPLES,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(language=st.sampled_from(LANGUAGE_CHOICES), initial=INITIAL, sequence=SEQUENCE)
        def check(language: tuple[str, str], initial: str, sequence: list[list[Any]]) -> None:
            session.check(language, initial, sequence)

        check()
    finally:
        session.stop()
        loop.close()


@settings(max_examples=500, deadline=None)
@given(
    text=_snippets(20),
    a=st.integers(0, 400),
    b=st.integers(0, 400),
    inserted=_snippets(4),
)
def test_line_index_edits_equal_a_fresh_index(text: str, a: int, b: int, inserted: str) -> None:
    data = text.encode()
    start, end = sorted((a % (len(data) + 1), b % (len(data) + 1)))
    new = data[:start] + inserted.encode() + data[end:]
    edited = LineIndex(data).edited(start, end, len(inserted.encode()), new)
    assert edited.line_starts == LineIndex(new).line_starts
    # Lines end at "\r\n", "\r" and "\n", as the LSP says.
    assert edited.line_count == len(re.split(rb"\r\n|\r|\n", new))


def test_lone_carriage_returns_are_line_breaks() -> None:
    index = LineIndex(b"a\rb\r\nc\nd")
    assert index.line_starts == [0, 2, 5, 7]
    assert index.offset(1, 99, PositionEncoding.UTF16) == 3  # end of "b", before "\r\n"
    assert index.position(6, PositionEncoding.UTF16) == (2, 1)


# ====================================================================== bad input: scan
def run_scan(*arguments: str | Path, timeout: float = 120) -> tuple[int, dict[str, Any], str]:
    completed = subprocess.run(
        [sys.executable, "-m", "unguarded", "scan", "--format", "json", *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=SERVER_ENV,
    )
    assert completed.returncode in (0, 1), (completed.returncode, completed.stderr[-3000:])
    return completed.returncode, json.loads(completed.stdout), completed.stderr


def minified_bundle(size: int) -> str:
    unit = "var a{0}=function(b){{return document.body.innerHTML=b+{0}}};"
    parts: list[str] = []
    total = 0
    index = 0
    while total < size:
        part = unit.format(index)
        parts.append(part)
        total += len(part)
        index += 1
    return "".join(parts)[:size]


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bad")
    (root / "app.py").write_text(VULNERABLE)
    # Invalid UTF-8 in a comment and a string: analysed, the finding still reported.
    (root / "latin1.py").write_bytes(
        VULNERABLE.encode().replace(b"import requests", b"import requests  # caf\xe9 \xff\xfe")
    )
    (root / "nul.py").write_bytes(b"import os\x00\nos.system(input())\n")
    (root / "blob.js").write_bytes(bytes(range(256)) * 64)
    line = b"def f%d(x):\n    return x + 1\n\n"
    (root / "huge.py").write_bytes(b"".join(line % i for i in range(700_000))[:20_000_000])
    (root / "bundle.js").write_text(minified_bundle(2 * 1024 * 1024))  # 2 MiB, one line
    (root / "small_bundle.js").write_text(minified_bundle(1_500_000))  # under the size limit
    return root


def test_scan_skips_binary_huge_and_minified_files_with_a_reason(bad_files: Path) -> None:
    code, report, _ = run_scan(bad_files)
    assert code == 1
    skipped = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
    assert skipped["nul.py"] == "binary file"
    assert skipped["blob.js"] == "binary file"
    assert skipped["huge.py"].startswith("larger than")
    assert skipped["bundle.js"].startswith("larger than")
    assert "minified" in skipped["small_bundle.js"]
    assert report["errors"] == []
    found = {Path(f["path"]).name for f in report["findings"]}
    assert found == {"app.py", "latin1.py"}

    completed = subprocess.run(
        [sys.executable, "-m", "unguarded", "scan", "--verbose", str(bad_files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    for name in ("nul.py", "huge.py", "small_bundle.js"):
        assert name in completed.stdout + completed.stderr, "skipped files are named with -v"


def test_scan_of_deep_python_and_javascript_exits_with_its_own_code(tmp_path: Path) -> None:
    depth = 1000
    (tmp_path / "chain.py").write_text(
        "from flask import request\nimport os\n\ndef h():\n    a = request.args['a']\n"
        "    os.system('ls ' + a" + "\n        + a" * depth + ")\n"
    )
    (tmp_path / "small.js").write_text("exec(req.query.a);\n")
    # Python first: the crash (py-tree-sitter freeing the cached queries during interpreter
    # finalization, after a deep Python analysis and loading the JavaScript queries) came
    # at exit nearly always; three runs make a regression certain to show.
    for _ in range(3):
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "unguarded",
                "scan",
                tmp_path / "chain.py",
                tmp_path / "small.js",
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert completed.returncode == 1, completed.stderr[-2000:]


def deep_sources() -> dict[str, str]:
    """10,000-deep nested expressions, one line break per level so that nothing looks
    minified (the point is to analyse them, not to skip them)."""
    n = DEEP
    return {
        "parens.py": "import os\nfrom flask import request\n\ndef h():\n    os.system(\n"
        + "(\n" * n
        + "request.args['x']"
        + "\n)" * n
        + ")\n",
        "lists.py": "x = " + "[\n" * n + "]\n" * n,
        "lambdas.py": "f = (" + "lambda:\n" * n + "1)\n",
        "parens.js": "const { exec } = require('child_process');\n"
        "app.get('/', (req, res) => { exec(\n" + "(\n" * n + "req.query.a" + "\n)" * n + "); });\n",
        "arrows.js": "const f = " + "() =>\n" * n + "1;\n",
        "ternary.js": "const { exec } = require('child_process');\n"
        "app.get('/', (req, res) => { exec("
        + "req.query.a ?\n" * n
        + "1"
        + "\n: 2" * n
        + "); });\n",
    }


def deep_slow_sources() -> dict[str, str]:
    """10,000-deep input the engine was slow on: `a + a + ... + a` (a left-deep tree as deep
    as the expression is long), nested calls around a source, nested object literals."""
    n = DEEP
    return {
        "calls.py": "import os\nfrom flask import request\n\ndef h():\n    os.system(\n"
        + "f(\n" * n
        + "request.args['x']"
        + "\n)" * n
        + ")\n",
        "objects.ts": "const o = " + "{a:\n" * n + "1" + "}\n" * n + ";\n",
        "chain.py": "import os\nfrom flask import request\n\ndef h():\n    a = request.args['a']\n"
        "    os.system('ls ' + a" + "\n        + a" * n + ")\n",
        "chain.js": "const { exec } = require('child_process');\n"
        "app.get('/', (req, res) => { exec('ls ' + req.query.a"
        + "\n  + req.query.a" * n
        + "); });\n",
        # The same at module level: guards are looked for up to the module.
        "module_chain.py": "import os\nfrom flask import request\na = request.args['a']\n"
        "os.system('ls ' + a" + "\n    + a" * n + ")\n",
        "module_chain.js": "const { exec } = require('child_process');\n"
        "const a = req.query.a;\nexec('ls ' + a" + "\n  + a" * n + ");\n",
    }


def test_scan_of_10000_deep_expressions_has_no_recursion_error(tmp_path: Path) -> None:
    for name, text in deep_sources().items():
        (tmp_path / name).write_text(text)
    _, report, stderr = run_scan(tmp_path)
    assert report["errors"] == [], report["errors"]
    assert report["skipped"] == []
    assert "RecursionError" not in stderr
    found = {Path(f["path"]).name for f in report["findings"]}
    assert "parens.py" in found


def test_scan_of_slow_10000_deep_input_finishes_quickly(tmp_path: Path) -> None:
    """These took minutes: the combined query is quadratic in the nesting depth of a
    subtree (it is now matched in chunks), and guards, scopes and parents were found by
    walking up from every operand of a 10,000-term chain (they now build on the parent's).
    The timeout detects a hang; it is no benchmark."""
    for name, text in deep_slow_sources().items():
        (tmp_path / name).write_text(text)
    try:
        code, report, stderr = run_scan(tmp_path, "--jobs", "2", timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("scan of six 10,000-deep files took more than 60 s")
    assert report["errors"] == [], report["errors"]
    assert "RecursionError" not in stderr
    assert code == 1


# What typing one stray character into the middle of a real method left behind (found by
# bench/latency.py on Django's query.py, reduced, then rewritten): the closure guard walk
# used to loop forever on it.
ENDLESS_INPUT = (
    "                for row in rows.items.values\n"
    "                if row[1].name in wanted\n"
    "            a = []\n"
    "            b = []\n"
    "            c = []\n"
    "            if not self.extra and not self.other:\n"
    "                    if extra := self.lookup.find(key):\n"
    "                        picked[key] = RawSQL(*extra)\n"
    "                        if self.flag:"
)


def test_scan_of_broken_code_with_a_walrus_finishes(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text(ENDLESS_INPUT)
    try:
        run_scan(tmp_path / "broken.py", timeout=5)
    except subprocess.TimeoutExpired:
        pytest.fail("analysis of 9 lines did not finish in 5 s")


def test_scan_of_a_chained_assignment_without_a_value_finishes(tmp_path: Path) -> None:
    # `a = b: int` parses as an assignment whose value is an annotated assignment with no
    # value: the walk to the value of `a = b = value` used to loop on it forever (found
    # by incremental-analysis testing on random edits of the fixtures).
    (tmp_path / "chained.py").write_text(
        "import os\n\ndef f(cmd):\n    a = b: int\n    os.system(a)\n"
    )
    try:
        run_scan(tmp_path / "chained.py", timeout=5)
    except subprocess.TimeoutExpired:
        pytest.fail("analysis of 5 lines did not finish in 5 s")


def _vanishing(monkeypatch: pytest.MonkeyPatch, actions: dict[str, str]) -> None:
    """Make files disappear (or turn into folders) right after discovery finds them,
    before they are read: what happens when a checkout changes during a scan."""
    import unguarded.scan as scan_module

    original = scan_module.discover

    def discover(paths: list[Path]) -> Iterator[tuple[Path, str | None]]:
        for path, reason in original(paths):
            yield path, reason
            action = actions.get(path.name)
            if action == "delete":
                path.unlink()
            elif action == "directory":
                path.unlink()
                path.mkdir()

    monkeypatch.setattr(scan_module, "discover", discover)


@pytest.mark.parametrize("jobs", [1, 2])
def test_files_deleted_or_unreadable_during_a_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    for index in range(10):
        (tmp_path / f"ok{index}.py").write_text(VULNERABLE)
    (tmp_path / "gone.py").write_text(VULNERABLE)
    (tmp_path / "dir.py").write_text(VULNERABLE)
    _vanishing(monkeypatch, {"gone.py": "delete", "dir.py": "directory"})
    if os.geteuid() != 0:  # root reads any file: permissions prove nothing there
        locked = tmp_path / "locked.py"
        locked.write_text(VULNERABLE)
        locked.chmod(0)
    result = scan([tmp_path], AnalysisSettings(), jobs=jobs)
    by_name: dict[str, FileResult] = {Path(f.path).name: f for f in result.files}
    for name in ("gone.py", "dir.py") + (("locked.py",) if os.geteuid() != 0 else ()):
        error = by_name[name].error
        assert error is not None and error.startswith("cannot read"), (name, error)
    assert all(len(by_name[f"ok{i}.py"].findings) == 1 for i in range(10))


def test_symlink_loops_end_and_count_each_file_once(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "pkg").mkdir(parents=True)
    (project / "pkg" / "app.py").write_text(VULNERABLE)
    (project / "pkg" / "loop").symlink_to(project / "pkg", target_is_directory=True)
    (project / "pkg" / "up").symlink_to(project, target_is_directory=True)
    (project / "pkg" / "alias.py").symlink_to(project / "pkg" / "app.py")
    (project / "self.py").symlink_to(project / "self.py")  # ELOOP
    (project / "a.py").symlink_to(project / "b.py")
    (project / "b.py").symlink_to(project / "a.py")
    started = time.monotonic()
    code, report, _ = run_scan(project, timeout=60)
    assert time.monotonic() - started < 60
    assert code == 1
    # One finding for the one real file (reported under the first name that reaches it).
    assert [Path(f["path"]).name for f in report["findings"]] in (["app.py"], ["alias.py"])
    assert report["errors"] == []


# ====================================================================== bad input: server
async def test_huge_documents_are_skipped_with_one_notice_and_the_server_stays_responsive() -> None:
    async with server() as client:
        big_uri = "file:///project/huge.py"
        line = "def f{0}(x):\n    return requests.get(x)\n\n"
        huge = "import requests\n" + "".join(line.format(i) for i in range(480_000))
        assert len(huge.encode()) > 20_000_000
        open_document(client, big_uri, huge)
        bundle_uri = "file:///project/dist/bundle.js"
        open_document(client, bundle_uri, minified_bundle(2 * 1024 * 1024), "javascript")
        small_bundle_uri = "file:///project/dist/small.js"
        open_document(client, small_bundle_uri, minified_bundle(1_500_000), "javascript")
        for version in range(2, 6):  # typing in the huge file costs no parse
            change_document(client, big_uri, version, (3, 0), (3, 0), "x")

        # Not a benchmark: the time limit only tells a server stuck behind the huge
        # documents (it parsed the 20 MB file for every keystroke) from one that is not,
        # with room for a loaded CI machine.
        small_uri = "file:///project/app.py"
        open_document(client, small_uri, VULNERABLE)
        await wait_for_diagnostics(client, small_uri, lambda d: len(d) == 1, timeout=30)

        for uri in (big_uri, bundle_uri, small_bundle_uri):
            await wait_for_diagnostics(client, uri, lambda d: len(d) == 0)
        notices = [m.message for m in client.messages]
        assert sum("huge.py is larger than 2000000 bytes" in m for m in notices) == 1, notices
        assert sum("bundle.js is larger than" in m for m in notices) == 1, notices
        assert sum("small.js looks minified" in m for m in notices) == 1, notices
        state = await document_state(client, small_bundle_uri)
        assert state["parsed"] is False

        # Replaced by something small, the same document is analysed again.
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=big_uri, version=9),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=VULNERABLE)],
            )
        )
        await wait_for_diagnostics(client, big_uri, lambda d: len(d) == 1)
        assert errors_logged(client) == []


async def test_nul_bytes_lone_surrogates_and_odd_characters_through_the_server() -> None:
    odd = VULNERABLE.replace("app = ", "\x00\ufeff\ud800app = \ufffe\U0010ffff; ")
    async with server() as client:
        uri = "file:///project/odd.py"
        open_document(client, uri, odd)
        await wait_for_diagnostics(client, uri, lambda d: len(d) == 1)
        change_document(client, uri, 2, (3, 0), (3, 1), "\x00\x00")
        state = await document_state(client, uri)
        assert state["text"] == odd.replace("\x00\ufeff", "\x00\x00\ufeff", 1)
        assert_tree_matches(state)
        assert errors_logged(client) == []


async def test_10000_deep_expressions_through_the_server() -> None:
    language_ids = {".py": "python", ".js": "javascript", ".ts": "typescript"}
    async with server() as client:
        uris = []
        for name, text in deep_sources().items():
            uri = f"file:///deep/{name}"
            uris.append(uri)
            open_document(client, uri, text, language_ids[Path(name).suffix])
        for uri in uris:
            await wait_for_diagnostics(client, uri, lambda d: True, timeout=60)
        # Editing deep inside keeps text and tree in sync (the comparison walks iteratively).
        change_document(client, "file:///deep/parens.py", 2, (5000, 0), (5000, 0), " ")
        state = await document_state(client, "file:///deep/parens.py")
        assert_tree_matches(state)
        assert errors_logged(client) == []


ENDLESS_ENGINE = """
import sys
import unguarded.lsp.scheduler as scheduler
from unguarded.cli import main

scheduler.TIME_LIMIT_S = 1.0
original = scheduler.analyze


def analyze(document, *args):
    if document.uri.endswith("loop.py"):
        while True:  # an engine bug: an endless loop in pure Python
            pass
    return original(document, *args)


scheduler.analyze = analyze
sys.exit(main(["serve"]))
"""


async def test_an_endless_analysis_is_stopped_and_the_server_goes_on() -> None:
    client = make_test_lsp_client()
    await client.start_io(sys.executable, "-c", ENDLESS_ENGINE, env=SERVER_ENV)
    try:
        await client.initialize_session(
            initialize_params(client_capabilities("visual-studio-code"))
        )
        open_document(client, "file:///p/loop.py", "x = 1\n")
        open_document(client, "file:///p/app.py", VULNERABLE)
        # Queued behind the endless one, it still gets its diagnostics.
        await wait_for_diagnostics(client, "file:///p/app.py", lambda d: len(d) == 1, timeout=15)
        errors = errors_logged(client)
        assert len(errors) == 1 and "loop.py took more than 1 s and was stopped" in errors[0]
        change_document(client, "file:///p/app.py", 2, (0, 0), (0, 0), "# edited\n")
        await wait_for_diagnostics(client, "file:///p/app.py", lambda d: len(d) == 1)
        await client.shutdown_session()
    finally:
        await client.stop()


@pytest.mark.parametrize(
    ("uri", "language_id"),
    [
        ("untitled:Untitled-1", "python"),
        ("vscode-notebook-cell:/x.ipynb#W0sZmlsZQ%3D%3D", "python"),
        ("untitled:Untitled-2", "typescriptreact"),
    ],
)
async def test_non_file_uris(uri: str, language_id: str) -> None:
    text = (
        VULNERABLE
        if language_id == "python"
        else "export const C = ({ body }: { body: string }) =>\n"
        "  <div dangerouslySetInnerHTML={{ __html: body }} />;\n"
    )
    async with server() as client:
        open_document(client, uri, text, language_id)
        diagnostics = await wait_for_diagnostics(client, uri, lambda d: len(d) == 1)
        assert diagnostics[0].related_information is None or all(
            info.location.uri == uri for info in diagnostics[0].related_information
        )
        change_document(
            client, uri, 2, (0, 0), (0, 0), "# edited\n" if language_id == "python" else "// e\n"
        )
        state = await document_state(client, uri)
        assert state["text"].startswith(("# edited\n", "// e\n"))
        await wait_for_diagnostics(client, uri, lambda d: len(d) == 1)
        assert errors_logged(client) == []
