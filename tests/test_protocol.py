"""The JSON-RPC/LSP contract of `unguarded serve`, over a raw stdio pipe: error codes,
cancellation, shutdown and exit, a dying client, nothing but framed messages on stdout,
and no way for a workspace or its settings to make the server run code or use the network.
"""

from __future__ import annotations

import ast
import json
import os
import queue
import re
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from unguarded.semgrep import find_semgrep

SERVER_ENV = {**os.environ, "PYTHONFAULTHANDLER": "1"}
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
INVALID_REQUEST = -32600
PARSE_ERROR = -32700
REQUEST_CANCELLED = -32800

VULNERABLE = (
    "import requests\nfrom flask import request\n\n\n"
    "def proxy():\n    url = request.args.get('url')\n    return requests.get(url).text\n"
)
_HEADER = re.compile(rb"(Content-Length|Content-Type): [^\r\n]*\r\n")


class RawServer:
    """`unguarded serve` on a pipe. A reader thread takes stdout apart strictly: every byte
    must belong to a `Content-Length` framed JSON-RPC 2.0 message; anything else is kept
    in `violations`."""

    def __init__(self, command: list[str] | None = None, cwd: Path | None = None) -> None:
        self.process = subprocess.Popen(
            command or [sys.executable, "-m", "unguarded", "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=SERVER_ENV,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.received: list[dict[str, Any]] = []
        self.violations: list[str] = []
        self.stderr = b""
        self._next_id = 0
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._errors = threading.Thread(target=self._read_stderr, daemon=True)
        self._errors.start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return  # EOF exactly between messages
                if line == b"\r\n":
                    break
                if not _HEADER.fullmatch(line):
                    self.violations.append(f"not a header line: {line[:200]!r}")
                    continue
                if line.startswith(b"Content-Length: "):
                    length = int(line.split(b":")[1])
            if length is None:
                self.violations.append("a message without Content-Length")
                continue
            body = stream.read(length)
            if len(body) != length:
                self.violations.append(f"stream ended inside a message: {body[:200]!r}")
                return
            try:
                message = json.loads(body)
            except ValueError:
                self.violations.append(f"body is not JSON: {body[:200]!r}")
                continue
            if not isinstance(message, dict) or message.get("jsonrpc") != "2.0":
                self.violations.append(f"not a JSON-RPC 2.0 message: {body[:200]!r}")
                continue
            self.received.append(message)
            self.messages.put(message)

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        self.stderr = self.process.stderr.read()

    # ------------------------------------------------------------------ sending
    def send_raw(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def frame(self, message: Any) -> bytes:
        body = json.dumps(message).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    def send(self, message: Any) -> None:
        self.send_raw(self.frame(message))

    def notify(self, method: str, params: Any = None) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request_message(self, method: str, params: Any = None) -> dict[str, Any]:
        self._next_id += 1
        return {"jsonrpc": "2.0", "id": self._next_id, "method": method, "params": params}

    def request(self, method: str, params: Any = None, timeout: float = 20) -> dict[str, Any]:
        message = self.request_message(method, params)
        self.send(message)
        return self.response(message["id"], timeout)

    # ------------------------------------------------------------------ receiving
    def wait_for(
        self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 20
    ) -> dict[str, Any]:
        for message in self.received:
            if predicate(message):
                return message
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"timed out; received {self.received[-5:]}")
            try:
                message = self.messages.get(timeout=remaining)
            except queue.Empty:
                continue
            if predicate(message):
                return message

    def response(self, request_id: int | str | None, timeout: float = 20) -> dict[str, Any]:
        return self.wait_for(
            lambda m: (
                m.get("id") == request_id and "method" not in m and ("result" in m or "error" in m)
            ),
            timeout,
        )

    def diagnostics(self, uri: str, timeout: float = 20) -> list[Any]:
        message = self.wait_for(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            ),
            timeout,
        )
        diagnostics: list[Any] = message["params"]["diagnostics"]
        return diagnostics

    def logged(self, kind: int | None = None) -> list[str]:
        return [
            m["params"]["message"]
            for m in self.received
            if m.get("method") in ("window/logMessage", "window/showMessage")
            and (kind is None or m["params"]["type"] == kind)
        ]

    # ------------------------------------------------------------------ lifecycle
    def initialize(self, options: dict[str, Any] | None = None, **params: Any) -> dict[str, Any]:
        response = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": None,
                "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
                "initializationOptions": {"debounceMs": 0, **(options or {})},
                **params,
            },
        )
        self.notify("initialized", {})
        return response

    def open(self, uri: str, text: str, language_id: str = "python") -> None:
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": language_id, "version": 1, "text": text}},
        )

    def exit_code(self, timeout: float = 10) -> int:
        try:
            code = self.process.wait(timeout)
        finally:
            if self.process.poll() is None:
                self.process.kill()
        self._reader.join(5)
        assert self.violations == [], self.violations
        return code

    def stop(self) -> int:
        self.request("shutdown")
        self.notify("exit")
        return self.exit_code()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def server() -> Iterator[RawServer]:
    raw = RawServer()
    raw.initialize()
    yield raw
    raw.kill()
    assert raw.violations == [], raw.violations


def assert_still_working(server: RawServer, uri: str = "file:///p/alive.py") -> None:
    server.open(uri, VULNERABLE)
    assert len(server.diagnostics(uri)) == 1


# ====================================================================== errors
def test_unknown_request_is_method_not_found_and_unknown_notification_is_ignored(
    server: RawServer,
) -> None:
    response = server.request("unguarded/noSuchMethod", {"x": 1})
    assert response["error"]["code"] == METHOD_NOT_FOUND
    position = {"textDocument": {"uri": "file:///a.py"}, "position": {"line": 0, "character": 0}}
    response = server.request("textDocument/hover", position)
    assert response["error"]["code"] == METHOD_NOT_FOUND
    server.notify("unguarded/noSuchNotification", {"x": 1})
    server.notify("$/somethingOptional", {})
    assert_still_working(server)
    # A notification is never answered, not even with an error.
    assert [m for m in server.received if "error" in m and m.get("id") is None] == []
    # Client mistakes are warnings in the log, not internal errors.
    assert server.logged(kind=1) == []


def test_malformed_params_are_answered_and_the_server_keeps_working(server: RawServer) -> None:
    cases = [
        ("workspace/executeCommand", 7),
        ("workspace/executeCommand", {"command": {"not": "a string"}}),
        ("workspace/executeCommand", {"command": "unguarded.debug.documentState"}),
        ("workspace/executeCommand", {"command": "unguarded.noSuchCommand", "arguments": []}),
        ("workspace/executeCommand", None),
    ]
    for method, params in cases:
        response = server.request(method, params)
        assert response["error"]["code"] == INVALID_PARAMS, (params, response)
    # A malformed notification cannot be answered: it is named in a warning and ignored.
    server.notify("textDocument/didOpen", {"textDocument": 7})
    server.notify("textDocument/didChange", {"textDocument": {"uri": 1}, "contentChanges": "x"})
    server.wait_for(lambda m: "malformed 'textDocument/didChange'" in json.dumps(m))
    assert_still_working(server)
    assert server.logged(kind=1) == []


def test_broken_json_and_non_messages_get_json_rpc_errors(server: RawServer) -> None:
    server.send_raw(b"Content-Length: 9\r\n\r\n{not json")
    response = server.response(None)
    assert response["error"]["code"] == PARSE_ERROR
    server.send_raw(b"Content-Length: 6\r\n\r\n[1, 2]")
    response = server.wait_for(lambda m: m.get("error", {}).get("code") == INVALID_REQUEST)
    assert response["id"] is None
    server.send_raw(b'Content-Length: 9\r\n\r\n{"a":"\xff"}')  # not UTF-8
    server.wait_for(lambda m: sum(1 for r in server.received if r.get("error", {}).get("code")
                                  == PARSE_ERROR) == 2)  # fmt: skip
    assert_still_working(server)


# ====================================================================== cancellation
def test_cancel_request_is_honoured(server: RawServer) -> None:
    uri = "file:///p/big.py"
    server.open(uri, "".join(f"def f{i}(x):\n    return x + {i}\n\n" for i in range(15_000)))
    server.diagnostics(uri, timeout=60)
    request = server.request_message(
        "workspace/executeCommand",
        {"command": "unguarded.debug.documentState", "arguments": [uri]},
    )
    cancel = {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": request["id"]}}
    server.send_raw(server.frame(request) + server.frame(cancel))
    response = server.response(request["id"])
    assert response["error"]["code"] == REQUEST_CANCELLED, response
    # The same request, not cancelled, is answered; cancelling a finished one is harmless.
    state = server.request(
        "workspace/executeCommand",
        {"command": "unguarded.debug.documentState", "arguments": [uri]},
        timeout=60,
    )
    assert state["result"]["treeMatchesFreshParse"]
    server.notify("$/cancelRequest", {"id": 12345})
    assert_still_working(server)


# ====================================================================== lifecycle
def test_exit_after_shutdown_is_code_0() -> None:
    raw = RawServer()
    raw.initialize()
    assert_still_working(raw)
    assert raw.request("shutdown")["result"] is None
    # After shutdown, requests are refused (not silently dropped).
    refused = raw.request("workspace/executeCommand", {"command": "x", "arguments": []})
    assert refused["error"]["code"] == INVALID_REQUEST
    raw.notify("exit")
    assert raw.exit_code(timeout=5) == 0


def test_exit_without_shutdown_is_code_1() -> None:
    raw = RawServer()
    raw.initialize()
    raw.notify("exit")
    assert raw.exit_code(timeout=5) == 1


def test_the_server_exits_when_its_client_closes_stdin_even_while_analysing() -> None:
    raw = RawServer()
    raw.initialize()
    # Something slow on the worker thread must not hold the process up.
    deep = "import os\nx = (1" + "\n + x" * 5000 + ")\nos.system(x)\n"
    raw.open("file:///p/slow.py", deep)
    started = time.monotonic()
    assert raw.process.stdin is not None
    raw.process.stdin.close()
    raw.exit_code(timeout=5)
    assert time.monotonic() - started < 5


def test_the_server_exits_when_the_client_process_is_gone() -> None:
    """An editor can die without closing the pipe (the pipe may be inherited): the server
    watches the process id it was given."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    raw = RawServer()
    raw.initialize(processId=gone.pid)
    started = time.monotonic()
    raw.exit_code(timeout=10)
    assert time.monotonic() - started < 10


# ====================================================================== stdout
STRAY_OUTPUT = textwrap.dedent(
    """
    import os, sys
    import unguarded.lsp.scheduler as scheduler
    from unguarded.cli import main

    original = scheduler.analyze

    def noisy(*args, **kwargs):
        print("a stray print from the engine")
        sys.stdout.write("and a write\\n")
        os.write(1, b"and bytes on file descriptor 1\\n")
        return original(*args, **kwargs)

    scheduler.analyze = noisy
    sys.exit(main(["serve"]))
    """
)


def test_stdout_carries_protocol_messages_only() -> None:
    """Whatever code inside the server prints, on sys.stdout or straight to file
    descriptor 1, ends up on stderr; stdout holds framed JSON-RPC messages only."""
    raw = RawServer([sys.executable, "-c", STRAY_OUTPUT])
    raw.initialize(options={"colour": "blue"})  # a warning message too
    raw.open("file:///p/a.py", VULNERABLE)
    assert len(raw.diagnostics("file:///p/a.py")) == 1
    raw.request("unguarded/noSuchMethod")
    assert raw.stop() == 0
    assert b"a stray print from the engine" in raw.stderr
    assert b"and bytes on file descriptor 1" in raw.stderr


# ====================================================================== no workspace code
AUDIT = textwrap.dedent(
    """
    import os, sys
    workspace = os.path.realpath(sys.argv[1])
    log = os.open(sys.argv[2], os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    WATCHED = ("socket.connect", "socket.bind", "socket.getaddrinfo", "socket.sendto",
               "socket.gethostbyname", "subprocess.Popen", "os.system", "os.exec",
               "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty", "os.startfile",
               "urllib.Request", "http.client.connect", "ftplib.connect", "smtplib.connect")

    def inside(path):
        try:
            path = os.fsdecode(path)
        except TypeError:
            return False  # a file descriptor
        if path.startswith("<"):
            return False  # "<string>": code generated in memory, not a file
        # A relative path is relative to the working directory: the workspace.
        return os.path.realpath(path).startswith(workspace + os.sep)

    def hook(event, args):
        if event in WATCHED:
            os.write(log, f"{event} {args!r}\\n".encode())
        elif event == "import" and args[1] and inside(args[1]):
            os.write(log, f"import from the workspace: {args[1]}\\n".encode())
        elif event == "open" and args and inside(args[0]):
            # Reading the project's settings file is allowed; nothing else in the workspace.
            name = os.path.basename(os.fsdecode(args[0]))
            if name not in (".unguarded.toml", "pyproject.toml"):
                os.write(log, f"opened a workspace file: {args[0]!r}\\n".encode())
        elif event == "compile" and len(args) > 1 and args[1] and inside(str(args[1])):
            os.write(log, f"compiled workspace code: {args[1]}\\n".encode())

    sys.addaudithook(hook)
    sys.argv = ["unguarded", "serve"]
    from unguarded.cli import main
    sys.exit(main(["serve"]))
    """
)


@pytest.fixture
def hostile_workspace(tmp_path: Path) -> Path:
    """A project that tries every way to get code run: settings naming executables, and
    files named like the server's own dependencies that drop a marker when imported."""
    workspace = tmp_path / "workspace"
    (workspace / ".vscode").mkdir(parents=True)
    marker = tmp_path / "PWNED"
    payload = f"open({str(marker)!r}, 'a').write(__name__ + '\\n')\n"
    for module in ("pygls", "lsprotocol", "cattrs", "attrs", "tree_sitter",
                   "tree_sitter_python", "pathspec", "asyncio", "concurrent", "sitecustomize",
                   "usercustomize", "conftest", "setup", "unguarded_config"):  # fmt: skip
        (workspace / f"{module}.py").write_text(payload)
    evil = workspace / "evil.sh"
    evil.write_text(f"#!/bin/sh\ntouch {marker}\n")
    evil.chmod(0o755)
    (workspace / "pyproject.toml").write_text(
        '[tool.unguarded]\npath = "./evil.sh"\ncommand = ["/bin/sh", "-c", "./evil.sh"]\n'
    )
    (workspace / ".unguarded.json").write_text('{"path": "./evil.sh"}')
    (workspace / ".vscode" / "settings.json").write_text(
        '{"unguarded.path": "./evil.sh", "unguarded.serverCommand": ["./evil.sh"]}'
    )
    (workspace / "app.py").write_text(VULNERABLE)
    return workspace


HOSTILE_SETTINGS = {
    "path": "/bin/sh",
    "executable": "./evil.sh",
    "command": ["/bin/sh", "-c", "./evil.sh"],
    "pythonPath": "./evil.sh",
    "validators": {"ssrf": ["__import__('os').system('./evil.sh')"]},
}


@pytest.mark.parametrize("launcher", ["console script", "python -m"])
def test_no_workspace_file_or_setting_makes_the_server_run_code_or_connect(
    hostile_workspace: Path, tmp_path: Path, launcher: str
) -> None:
    audit_log = tmp_path / "audit.log"
    audit_log.touch()
    command = [sys.executable, "-c", AUDIT, str(hostile_workspace), str(audit_log)]
    if launcher == "python -m":
        # As an editor would start it: `python -m ...` inside the project, whose folder
        # Python puts first on sys.path.
        command = [sys.executable, "-m", "unguarded", "serve"]
    raw = RawServer(command, cwd=hostile_workspace)
    root = hostile_workspace.as_uri()
    raw.initialize(
        options=HOSTILE_SETTINGS,
        rootUri=root,
        workspaceFolders=[{"uri": root, "name": "workspace"}],
    )
    raw.notify("workspace/didChangeConfiguration", {"settings": {"unguarded": {
        **HOSTILE_SETTINGS, "debounceMs": 0, "serverPath": "/bin/sh"}}})  # fmt: skip
    uri = (hostile_workspace / "app.py").as_uri()
    raw.open(uri, VULNERABLE)
    # The validator "name" is just a name: the sink is still reported.
    assert len(raw.diagnostics(uri)) == 1
    raw.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    raw.open((hostile_workspace / "conftest.py").as_uri(), "import os\nos.system(input())\n")
    raw.diagnostics((hostile_workspace / "conftest.py").as_uri())
    warnings = " ".join(raw.logged(kind=2))
    for key in ("path", "executable", "command", "pythonPath", "serverPath"):
        assert f"unknown setting {key!r}" in warnings, (key, warnings)
    # The project file's keys too, as warnings on the file itself.
    pyproject = raw.diagnostics((hostile_workspace / "pyproject.toml").as_uri())
    named = " ".join(d["message"] for d in pyproject)
    assert "unknown setting 'path'" in named and "unknown setting 'command'" in named, named
    assert raw.stop() == 0
    assert not (tmp_path / "PWNED").exists(), (tmp_path / "PWNED").read_text()
    events = audit_log.read_text().splitlines()
    assert [e for e in events if not _trusted_semgrep(e, hostile_workspace)] == []


def _trusted_semgrep(event: str, workspace: Path) -> bool:
    """The one program the server may start (after the save above): the semgrep of its
    own environment, offline, on a copy of the document outside the workspace, with no
    config the workspace chose."""
    prefix = "subprocess.Popen "
    if not event.startswith(prefix):
        return False
    executable, arguments, _, _ = ast.literal_eval(event.removeprefix(prefix))
    return (
        executable == find_semgrep()
        and "--metrics=off" in arguments
        and "--disable-version-check" in arguments
        and not any(str(workspace) in str(argument) for argument in arguments)
    )
