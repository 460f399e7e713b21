"""Incremental analysis (analysis/incremental.py): after any sequence of edits, the
findings of the analysis kept across versions are those of a full analysis of the same
tree, and an edit computes again only what it could have changed.

`UNGUARDED_INCREMENTAL_EXAMPLES` sets the number of edit sequences of the property test
(default 150, about 10 s), `UNGUARDED_INCREMENTAL_RANDOM=1` draws new ones (by default
the same ones every run, so that CI is reproducible).
"""

from __future__ import annotations

import asyncio
import collections
import os
import re
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from unguarded.analysis import AnalysisSettings, Finding, analyze, incremental
from unguarded.analysis.incremental import DocumentAnalysis
from unguarded.documents import (
    LANGUAGES,
    Document,
    PositionEncoding,
    TextChange,
    language_for_path,
)
from unguarded.lsp.scheduler import AnalysisScheduler

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = int(os.environ.get("UNGUARDED_INCREMENTAL_EXAMPLES", "150"))
RANDOM = os.environ.get("UNGUARDED_INCREMENTAL_RANDOM") == "1"


# ---------------------------------------------------------------------- helpers
class Editor:
    """A document edited the way the server edits it, analysed incrementally."""

    def __init__(self, text: str, language: str = "python") -> None:
        self.document = Document.from_text("file:///t", LANGUAGES[language], text)
        self.analysis = DocumentAnalysis(AnalysisSettings())
        self.version = 1
        self.findings = self.analysis.analyze(self.document.snapshot())

    @property
    def text(self) -> str:
        return self.document.text

    def replace(self, old: str, new: str) -> list[Finding]:
        """Replace the first `old` with `new` (an LSP range edit) and analyse."""
        text = self.text
        start = text.index(old)
        self.edit(start, start + len(old), new)
        return self.findings

    def edit(self, start: int, end: int, inserted: str) -> None:
        text = self.text
        self.version += 1
        change = TextChange(inserted, _position(text, start), _position(text, end))
        self.document.apply_changes([change], self.version, PositionEncoding.UTF16)
        self.findings = self.analysis.analyze(self.document.snapshot())

    @property
    def stats(self) -> dict[str, int]:
        return self.analysis.stats


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index)
    line_start = text.rfind("\n", 0, index) + 1
    return line, len(text[line_start:index].encode("utf-16-le")) // 2


def full(document: Document) -> list[Finding]:
    return analyze(document.snapshot())


def same(left: list[Finding], right: list[Finding]) -> bool:
    """Equal findings, down to spans, messages and paths."""

    def key(f: Finding) -> tuple[object, ...]:
        return (f.rule_id, f.severity, f.span, f.argument, f.message, f.origin, f.path)

    return [key(f) for f in left] == [key(f) for f in right]


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Cut even small files into many parts, so that edits move and reuse them."""
    monkeypatch.setattr(incremental, "CHUNK_BYTES", 96)
    yield


TWO_VIEWS = """\
import os
import requests
from flask import Flask, request

app = Flask(__name__)


@app.route("/run")
def run():
    command = request.args.get("cmd")
    os.system(command)


@app.route("/fetch")
def fetch():
    url = request.args.get("url")
    return requests.get(url, timeout=5).text
"""


# ---------------------------------------------------------------------- behaviour
def test_an_edit_inside_one_function_checks_only_its_sinks() -> None:
    editor = Editor(TWO_VIEWS)
    assert [f.rule_id for f in editor.findings] == ["command-injection", "ssrf"]
    editor.replace('request.args.get("url")', 'request.args.get("uri")')
    checked = {rule for rule, _ in editor.analysis.checked}
    assert "ssrf" in checked and "command-injection" not in checked
    assert same(editor.findings, full(editor.document))
    assert 'request.args.get("uri")' in editor.findings[1].message


# Statements above a sink in its function that neither define nor check its value.
LONG_HANDLERS = {
    "python": """\
import os
from flask import request


@app.route("/run")
def run():
    command = request.args["cmd"]
    total = 0
    for item in range(3):
        total += item
    label = "items: %d" % total
    os.system(command)
""",
    "javascript": """\
const { exec } = require("child_process");
app.get("/run", (req, res) => {
  let command = req.query.cmd;
  let total = 0;
  for (const item of [1, 2, 3]) {
    total += item;
  }
  const label = `items: ${total}`;
  exec(command);
});
""",
}


@pytest.mark.parametrize("language", ["python", "javascript"])
def test_an_edit_above_a_sink_that_neither_defines_nor_checks_its_value_checks_nothing(
    language: str,
) -> None:
    """What a sink's check reads of its function is what it depends on: the function's
    head, the definitions that reach its value and the statements that may check it.
    Other statements above it can change without a re-check; one that defines the value
    is read."""
    editor = Editor(LONG_HANDLERS[language], language)
    assert [f.rule_id for f in editor.findings] == ["command-injection"]
    editor.replace("total += item", "total += item * 2")
    assert editor.analysis.checked == []
    assert same(editor.findings, full(editor.document))
    editor.replace("total = 0", "total = 1")
    assert editor.analysis.checked == []
    assert same(editor.findings, full(editor.document))
    # A definition of the value above the sink is read: the finding goes.
    if language == "python":
        editor.replace("    label = ", "    command = 'ls'\n    label = ")
    else:
        editor.replace("  const label = ", "  command = 'ls';\n  const label = ")
    assert editor.findings == full(editor.document) == []


COMMANDER_CLI = """\
const { program } = require("commander");
const { exec } = require("child_process");
program.command("run <dir>").action((dir) => {
  exec("ls " + dir);
});
function other() {
  return 1;
}
"""


def test_what_a_file_imports_is_a_fact_an_edit_elsewhere_does_not_change() -> None:
    """A command-line framework's callback takes its origin from the package the file
    imports: an edit that imports nothing new re-checks nothing; changing the import
    decides again."""
    editor = Editor(COMMANDER_CLI, "javascript")
    assert [f.rule_id for f in editor.findings] == ["command-injection"]
    editor.replace("return 1", "return 2")
    assert editor.analysis.checked == []
    assert same(editor.findings, full(editor.document))
    editor.replace('require("commander")', 'require("./local-cli")')
    assert editor.findings == full(editor.document) == []


# A bracket left open puts the rest of the file in one function: the helper, a long
# function after it and the call that passes it request input are then its statements.
OPEN_FUNCTION = """\
const { exec } = require("child_process");
const app = require("express")();
const start = () => {
function run(command) {
  exec("ls " + command);
}
function unrelated(items) {
  const total = items.length;
  return total + 1;
}
app.get("/run", (req, res) => {
  run(req.query.dir);
});
"""


def test_an_edit_between_a_helper_and_its_call_that_cannot_guard_keeps_the_finding() -> None:
    editor = Editor(OPEN_FUNCTION, "javascript")
    assert [f.rule_id for f in editor.findings] == ["command-injection"]
    editor.replace("items.length", "items.size")
    assert editor.stats["checked"] == 0
    assert same(editor.findings, full(editor.document))
    # A check before the call is judged again, and drops the finding.
    editor.replace(
        "  run(req.query.dir);",
        "  if (!/^\\w+$/.test(req.query.dir)) return;\n  run(req.query.dir);",
    )
    assert editor.stats["checked"] == 1
    assert editor.findings == [] and same(editor.findings, full(editor.document))


def test_findings_below_an_edit_move_with_it_and_name_their_new_lines() -> None:
    editor = Editor(TWO_VIEWS)
    before = editor.findings
    editor.edit(0, 0, "# a comment\n# and another\n")
    assert editor.stats["checked"] == 0
    after = editor.findings
    assert [f.line for f in after] == [f.line + 2 for f in before]
    assert "(line 12)" in after[0].message and "(line 10)" in before[0].message
    assert same(after, full(editor.document))


def test_a_sanitizer_added_to_a_helper_clears_the_finding_of_its_caller() -> None:
    editor = Editor(
        textwrap.dedent(
            """\
            import os
            from flask import request

            def name_of(value):
                return value

            def handler():
                os.system("ls " + name_of(request.args["d"]))
            """
        )
    )
    assert [f.rule_id for f in editor.findings] == ["command-injection"]
    editor.replace("return value", "return shlex.quote(value)")
    assert editor.findings == full(editor.document) == []


def test_a_module_constant_changed_to_untrusted_input_is_reported() -> None:
    editor = Editor(
        textwrap.dedent(
            """\
            import os
            from flask import request

            COMMAND = "ls"

            def handler():
                os.system(COMMAND)
            """
        )
    )
    assert editor.findings == []
    editor.replace('COMMAND = "ls"', 'COMMAND = request.args["c"]')
    assert [f.rule_id for f in editor.findings] == ["command-injection"]
    assert same(editor.findings, full(editor.document))


def test_an_edit_of_what_an_element_is_decides_its_src_sink_again() -> None:
    # frame.src is a sink only on an element that loads its src as a document: the
    # element's kind is read where it is made and where a ref is attached to it.
    editor = Editor(
        textwrap.dedent(
            """\
            import { useEffect, useRef } from "react";

            export function Demo() {
              const box = useRef(null);
              useEffect(() => {
                const frame = document.createElement("img");
                frame.src = location.hash.slice(1);
                box.current.src = location.hash.slice(1);
              }, []);
              return <img ref={box} />;
            }
            """
        ),
        "tsx",
    )
    assert editor.findings == []
    editor.replace('createElement("img")', 'createElement("iframe")')
    assert [f.rule_id for f in editor.findings] == ["xss"]
    assert same(editor.findings, full(editor.document))
    editor.replace("<img ref={box} />", "<iframe ref={box} />")
    assert [f.rule_id for f in editor.findings] == ["xss", "xss"]
    assert same(editor.findings, full(editor.document))


def test_an_attribute_assigned_in_another_method_is_followed() -> None:
    editor = Editor(
        textwrap.dedent(
            """\
            import os
            from flask import request

            class Runner:
                def __init__(self):
                    self.command = "ls"

                def run(self):
                    os.system(self.command)
            """
        )
    )
    assert editor.findings == []
    editor.replace('self.command = "ls"', 'self.command = request.args["c"]')
    assert [f.rule_id for f in editor.findings] == ["command-injection"]
    assert same(editor.findings, full(editor.document))


RUNNER = """\
import os
from flask import request

class Runner:
    def __init__(self):
        self.command = request.args["c"]

    def describe(self):
        self.label = "runner"
        return self.label

    def run(self):
        os.system(self.command)
"""


@pytest.mark.parametrize(
    ("old", "new", "checked"),
    [
        # A method that does not define `self.command`: the lookup finds the same.
        ('self.label = "runner"', 'self.label = "a runner"', 0),
        ('self.label = "runner"', 'self.other = "runner"', 0),
        # ... that starts to, or the one that does: looked up again.
        ('self.label = "runner"', 'self.command = "ls"', 1),
        ('self.command = request.args["c"]', 'self.command = "ls"', 1),
        ('self.command = request.args["c"]', 'self.commands = request.args["c"]', 1),
    ],
)
def test_an_edited_method_changes_the_lookup_of_the_attributes_it_defines_only(
    old: str, new: str, checked: int
) -> None:
    editor = Editor(RUNNER)
    assert [f.rule_id for f in editor.findings] == ["command-injection"]
    editor.replace(old, new)
    assert editor.stats["checked"] == checked
    assert same(editor.findings, full(editor.document))


def test_a_caller_edited_elsewhere_changes_the_finding_in_a_helper() -> None:
    editor = Editor(
        textwrap.dedent(
            """\
            import os
            from flask import request

            def _run(command):
                os.system(command)

            def handler():
                _run("ls")
            """
        )
    )
    assert editor.findings == []
    editor.replace('_run("ls")', '_run(request.args["c"])')
    assert [f.rule_id for f in editor.findings] == ["command-injection"]
    assert same(editor.findings, full(editor.document))


def test_a_module_binding_edited_decides_the_sinks_again() -> None:
    source = textwrap.dedent(
        """\
        const { exec } = require("child_process");

        app.get("/", (req, res) => {
          exec(req.query.cmd);
        });
        """
    )
    editor = Editor(source, "javascript")
    assert [f.rule_id for f in editor.findings] == ["command-injection"]
    editor.replace('require("child_process")', 'require("./local")')
    assert editor.findings == full(editor.document) == []
    editor.replace('require("./local")', 'require("child_process")')
    assert [f.rule_id for f in editor.findings] == ["command-injection"]


def test_an_import_alias_added_or_removed_decides_its_calls_again() -> None:
    source = textwrap.dedent(
        """\
        from flask import request
        import shelve


        def run():
            sh(request.args["cmd"], shell=True)
        """
    )
    editor = Editor(source)
    assert editor.findings == []
    # The alias comes in an edit far from the call, in a parenthesized import.
    editor.replace("import shelve", "from subprocess import (\n    run as sh,\n)")
    assert [f.rule_id for f in editor.findings] == ["command-injection"]
    assert same(editor.findings, full(editor.document))
    editor.replace("run as sh", "run as other")
    assert editor.findings == full(editor.document) == []


def test_a_change_of_the_import_names_remakes_only_the_parts_that_mention_them() -> None:
    source = (
        textwrap.dedent(
            """\
        from flask import request
        import shelve


        def run():
            sh(request.args["cmd"], shell=True)
        """
        )
        + HELPERS
    )
    editor = Editor(source)
    parts = len(editor.analysis._chunks) + len(editor.analysis._spines)
    editor.replace("import shelve", "from subprocess import run as sh")
    assert editor.stats["full"] == 0
    assert editor.stats["parts"] < parts / 4
    assert [f.rule_id for f in editor.findings] == ["command-injection"]
    assert same(editor.findings, full(editor.document))


@pytest.mark.parametrize(
    "imports",
    [
        "from subprocess import (\n    call,  # the old one\n    run as sh,\n)",
        "from subprocess \\\n    import run as sh",
        "import os; from subprocess import run as sh",
        "from subprocess import call, run as sh; import os",
        "import os\nif os.name:\n    from subprocess import run as sh",
    ],
)
def test_calls_through_an_imported_name_are_found_in_every_import_form(imports: str) -> None:
    source = f"{imports}\nfrom flask import request\n\n\ndef run():\n"
    source += '    sh(request.args["cmd"], shell=True)\n'
    assert [f.rule_id for f in analyze(Editor(source).document.snapshot())] == ["command-injection"]


def test_the_import_table_reads_what_each_import_can_bind() -> None:
    from unguarded.analysis.aliases import import_table

    table = import_table(
        b"import os.path\nfrom a.b import (x,  # c\n  y as z)\nfrom . import rel\n"
        b"import p as q, r\nfrom m import *\nx = 1; import t as u\n"
    )
    assert table.bindings == {
        "x": {"a.b.x"},
        "z": {"a.b.y"},
        "q": {"p"},
    }
    assert {"t", "u"} <= table.unsure


def test_import_names_read_every_import_form() -> None:
    from unguarded.analysis.aliases import import_names

    source = (
        b"import os.path\nfrom a.b import (x,\n  y as z)\n"
        b"import p as q, r\nfrom m import n, \\\n o\n"
    )
    assert {"os", "x", "z", "q", "r", "n", "o"} <= import_names(source)
    assert "s" not in import_names(source + b"s = 1\n")


IMPORTS_SOURCE = (
    b"import os.path\nfrom a.b import (x,  # c\n  y as z)\nfrom . import rel\n"
    b"def f():\n    import p as q, r\n    return q\n\nfrom m import n, \\\n o\n"
    b"x = 1; import t as u\nvalue = call(a, b)  # importance\n"
    b"from late import (c,\n  d\nrest = 2\n"  # no `)` yet: one typed below closes it
)
IMPORT_FRAGMENTS = [
    "import ",
    "import",
    ")",
    "(",
    "\\\n",
    "\n",
    "from k ",
    " as w",
    ", ",
    "#",
    "i",
    " ",
]


@settings(max_examples=300, deadline=None, derandomize=True)
@example(edits=[(len(IMPORTS_SOURCE), 0, ")")])  # closes the list left open above
@given(
    edits=st.lists(
        st.tuples(
            st.integers(0, len(IMPORTS_SOURCE)),
            st.integers(0, 8),
            st.lists(st.sampled_from(IMPORT_FRAGMENTS), max_size=2).map("".join),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_imports_carried_across_an_edit_are_those_a_fresh_read_finds(
    edits: list[tuple[int, int, str]],
) -> None:
    """An edit away from the import statements keeps the last version's imports; any
    edit gives the names and table that reading the new text finds."""
    from unguarded.analysis import aliases

    data = IMPORTS_SOURCE
    aliases.import_names(data)
    for start, length, fragment in edits:
        start = min(start, len(data))
        end = min(len(data), start + length)
        inserted = fragment.encode()
        new = data[:start] + inserted + data[end:]
        aliases.import_scan_after_edit(data, new, start, end, start + len(inserted))
        fresh = aliases._read_imports(new)
        assert aliases.import_names(new) == fresh.names, (data, new)
        assert aliases.import_table(new) == fresh.table, (data, new)
        data = new


VIEWS_CLASS = """\
import os
from flask import request

class Views:
    def one(self):
        os.system(request.args["a"])

    def two(self):
        # a comment that a newline splits
        os.system(request.args["b"])

    def three(self):
        os.system(request.args["c"])

    def four(self):
        os.system(request.args["d"])
"""


def test_an_edit_that_breaks_the_rest_of_a_class_keeps_the_pieces_it_reuses(
    small_chunks: None,
) -> None:
    # `that` at the start of a line ends the class: tree-sitter reports the rest of the
    # file as changed, but reuses the subtrees of the methods after it.
    editor = Editor(VIEWS_CLASS)
    editor.replace("# a comment that", "# a comment\nthat")
    assert same(editor.findings, full(editor.document))
    parts = len(editor.analysis._chunks) + len(editor.analysis._spines)
    assert editor.stats["parts"] < parts
    editor.replace("# a comment\nthat", "# a comment that")
    assert same(editor.findings, full(editor.document))
    assert len(editor.findings) == 4


# A sink before and after 6 KB of helpers: a bracket typed in one of them makes
# tree-sitter re-parse the rest of the file as error pieces.
HELPERS = "".join(
    f"def helper_{i}(items):\n    total = 0\n    for item in items:\n"
    f"        total += item.size * {i}\n    return total\n\n\n"
    for i in range(60)
)
RESHAPED = (
    "import subprocess\nfrom flask import request\n\n\n"
    "def first():\n    subprocess.run(request.args['a'], shell=True)\n\n\n"
    + HELPERS
    + "def last():\n    subprocess.run(request.args['b'], shell=True)\n"
)


def provisional_edit(editor: Editor, old: str, new: str) -> list[Finding]:
    text = editor.text
    start = text.index(old)
    editor.version += 1
    change = TextChange(new, _position(text, start), _position(text, start + len(old)))
    editor.document.apply_changes([change], editor.version, PositionEncoding.UTF16)
    return editor.analysis.analyze(editor.document.snapshot(), provisional=True)


def test_an_edit_that_reshapes_the_file_can_keep_the_last_findings_until_a_pause() -> None:
    editor = Editor(RESHAPED)
    before = [(f.rule_id, f.span.start[0]) for f in editor.findings]
    assert before == [("command-injection", 5), ("command-injection", 429)]
    # A bracket left open and a new line: the last version's findings, the second moved.
    findings = provisional_edit(editor, "    total = 0\n", "    total = (0\n\n")
    assert editor.analysis.provisional
    assert [(f.rule_id, f.span.start[0]) for f in findings] == [
        ("command-injection", 5),
        ("command-injection", 430),
    ]
    assert findings[1].message == editor.findings[1].message.replace("430", "431")
    # The same version analysed in full (what the server does once typing pauses).
    exact = editor.analysis.analyze(editor.document.snapshot())
    assert not editor.analysis.provisional
    assert same(exact, full(editor.document))
    # Closing the bracket reshapes the file back: analysed at once.
    findings = provisional_edit(editor, "total = (0\n", "total = (0)\n")
    assert not editor.analysis.provisional
    assert same(findings, full(editor.document))


def test_a_provisional_result_leaves_out_the_findings_the_edit_touches() -> None:
    editor = Editor(RESHAPED)
    findings = provisional_edit(editor, "run(request.args['a']", "run((request.args['a']")
    assert editor.analysis.provisional
    assert [(f.rule_id, f.span.start[0]) for f in findings] == [("command-injection", 429)]
    # Versions after it are compared with the version analysed last.
    findings = provisional_edit(editor, "run((request.args['a']", "run((request.args['a'])")
    assert not editor.analysis.provisional
    assert same(findings, full(editor.document))


def test_small_edits_are_never_provisional() -> None:
    editor = Editor(RESHAPED)
    findings = provisional_edit(editor, "request.args['b']", "request.args['c']")
    assert not editor.analysis.provisional
    assert same(findings, full(editor.document))
    assert editor.stats["checked"] == 1


def test_a_bracket_left_open_keeps_the_parts_whose_subtrees_it_only_wraps() -> None:
    # tree-sitter reports everything after the bracket as changed structure; most of
    # the helpers below it parse to the same subtrees, now inside an error.
    editor = Editor(RESHAPED)
    parts = len(editor.analysis._chunks) + len(editor.analysis._spines)
    editor.replace("total += item.size * 3", "total += (item.size * 3")
    assert same(editor.findings, full(editor.document))
    assert editor.stats["parts"] < parts / 2
    editor.replace("total += (item.size * 3", "total += item.size * 3")
    assert same(editor.findings, full(editor.document))
    assert len(editor.findings) == 2


def test_a_whole_document_replacement_and_no_change_at_all() -> None:
    editor = Editor(TWO_VIEWS)
    whole = TextChange(TWO_VIEWS.replace("cmd", "c"))
    editor.document.apply_changes([whole], 2, PositionEncoding.UTF16)
    findings = editor.analysis.analyze(editor.document.snapshot())
    assert same(findings, full(editor.document))
    again = editor.analysis.analyze(editor.document.snapshot())
    assert editor.stats["parts"] == 0 and again == findings


def test_a_version_parsed_from_scratch_is_compared_by_its_text(small_chunks: None) -> None:
    # The server drops the trees of documents not analysed lately and parses them again:
    # the new tree then shares no node with the old one.
    editor = Editor(TWO_VIEWS)
    for old, new in (('"cmd"', '"command"'), ("os.system(command)", "os.system('ls')")):
        text = editor.text.replace(old, new, 1)
        document = Document.from_text("file:///t", LANGUAGES["python"], text)
        findings = editor.analysis.analyze(document.snapshot())
        assert same(findings, full(document))
        editor.document = document
    assert [f.rule_id for f in findings] == ["ssrf"]


def test_a_change_of_settings_analyses_everything_again() -> None:
    editor = Editor(TWO_VIEWS)
    quiet = AnalysisSettings(disabled_rules=frozenset({"ssrf"}))
    findings = editor.analysis.analyze(editor.document.snapshot(), quiet)
    assert editor.stats["full"] == 1
    assert [f.rule_id for f in findings] == ["command-injection"]


def test_the_server_keeps_each_documents_analysis_between_versions() -> None:
    scheduler = AnalysisScheduler(lambda document, findings: None, lambda message: None)
    try:
        document = Document.from_text("file:///app.py", LANGUAGES["python"], TWO_VIEWS)
        scheduler._analyse_on_thread(document.snapshot(), AnalysisSettings())
        start = TWO_VIEWS.index('"cmd"') + 1
        change = TextChange("c", _position(TWO_VIEWS, start), _position(TWO_VIEWS, start + 3))
        document.apply_changes([change], 2, PositionEncoding.UTF16)
        findings, provisional = scheduler._analyse_on_thread(
            document.snapshot(), AnalysisSettings()
        )
        analysis = scheduler._analyses["file:///app.py"]
        assert not provisional
        assert analysis.stats["full"] == 0
        assert same(findings, full(document))
    finally:
        scheduler.shutdown()


def test_the_version_before_is_freed_after_the_diagnostics_are_published() -> None:
    # Freeing a large file's old tree and nodes takes ~0.5 ms: the server does it once the
    # findings of the edit are out, not before.
    retired_when_published: list[int] = []
    scheduler: AnalysisScheduler

    def publish(document: Document, findings: list[Finding]) -> None:
        retired_when_published.append(len(scheduler._analyses[document.uri]._retired))

    scheduler = AnalysisScheduler(publish, lambda message: None)

    async def edit_and_publish() -> int:
        document = Document.from_text("file:///app.py", LANGUAGES["python"], TWO_VIEWS)
        await scheduler._analyse(document.snapshot(), AnalysisSettings(), False)
        start = TWO_VIEWS.index('"cmd"') + 1
        change = TextChange("c", _position(TWO_VIEWS, start), _position(TWO_VIEWS, start + 3))
        document.apply_changes([change], 2, PositionEncoding.UTF16)
        await scheduler._analyse(document.snapshot(), AnalysisSettings(), False)
        # The analysis thread runs jobs in order: the release was queued before this.
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            scheduler.executor, lambda: len(scheduler._analyses["file:///app.py"]._retired)
        )

    try:
        retired_after = asyncio.run(edit_and_publish())
    finally:
        scheduler.shutdown()
    assert retired_when_published == [0, 1]  # the first version replaced nothing
    assert retired_after == 0


def test_an_analysis_frees_what_the_edit_before_replaced_if_nobody_did() -> None:
    editor = Editor(TWO_VIEWS)
    editor.replace('"cmd"', '"command"')
    assert len(editor.analysis._retired) == 1
    editor.replace('"command"', '"cmd"')
    assert len(editor.analysis._retired) == 1  # not two: the one before was freed
    editor.analysis.release()
    assert editor.analysis._retired == []


def parts_content(analysis: DocumentAnalysis) -> collections.Counter[tuple[object, ...]]:
    """Everything the parts hold, at absolute positions."""
    found: collections.Counter[tuple[object, ...]] = collections.Counter()
    for part in (*analysis._chunks, *analysis._spines):
        base = part.start

        def at(key: tuple[int, int, int], base: int = base) -> tuple[int, int, int]:
            return (base + key[0], base + key[1], key[2])

        found.update(("source", at(k)) for k in part.sources)
        found.update(("coerce", at(k)) for k in part.coercions)
        found.update(("validate", at(k)) for k in part.validators)
        found.update(("sanitize", at(k), rules) for k, rules in part.sanitizers)
        found.update(("function", name, at(k)) for name, k in part.functions)
        found.update(("call", name, at(k)) for name, k in part.calls)
        found.update(("binding", at(k)) for k in part.bindings)
        for raw in part.raw_sinks:
            call = at(raw.call) if raw.call else None
            found[("sink", raw.origin, raw.pattern, call, tuple(map(at, raw.arguments)))] += 1
    return found


# ---------------------------------------------------------------------- property
# Edits: text that makes and breaks code of both languages.
FRAGMENTS = [
    "a", "x", "_1", " ", "    ", "\t", "\n", "\n", "\r\n", "😀", "(", ")", "[", "]", "{",
    "}", "'", '"', "`", "#", "//", ":", ",", ".", "=", "+", "def f(x):\n    ",
    "return ", "request.args['q']", "os.system(", "exec(", "req.query.q", "self.url = ",
    "if not allowed(x):\n        return\n", "function g(a) {", "class C:\n    ",
    "shlex.quote(", "int(", "import os\n", "export ", "if (!allowed(u)) return;\n",
    "validateUrl(", "const u = ",
]  # fmt: skip
EDIT = st.tuples(
    st.sampled_from(["insert", "insert", "delete", "replace"]),
    st.floats(0, 1),
    st.integers(1, 40),
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=3).map("".join),
    st.booleans(),  # analyse this version (the server skips versions while it is busy)
)
FIXTURE_FILES = sorted(
    path
    for path in FIXTURES.glob("*/*")
    if language_for_path(path) is not None and path.stat().st_size < 6000
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not RANDOM,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@example(  # a spine after the edit, beyond the chunks cut again, has to move too
    fixture=FIXTURES / "open-redirect" / "django_views.py",
    edits=[
        ("insert", 0.0, 1, "a", False),
        ("insert", 0.375, 1, "int(", True),
        ("insert", 0.375, 1, " ", False),
    ],
    chunk_bytes=64,
)
@given(
    fixture=st.sampled_from(FIXTURE_FILES),
    edits=st.lists(EDIT, min_size=1, max_size=6),
    chunk_bytes=st.sampled_from([64, 256, incremental.CHUNK_BYTES]),
)
def test_incremental_findings_equal_a_full_analysis_after_any_edits(
    fixture: Path, edits: list[tuple[str, float, int, str, bool]], chunk_bytes: int
) -> None:
    language = language_for_path(fixture)
    assert language is not None
    original = incremental.CHUNK_BYTES
    incremental.CHUNK_BYTES = chunk_bytes
    try:
        text = fixture.read_text(encoding="utf-8")
        document = Document.from_text(fixture.as_uri(), language, text)
        analysis = DocumentAnalysis(AnalysisSettings())
        analysis.analyze(document.snapshot())
        version = 1
        for kind, where, length, fragment, analyse in edits:
            text = document.text
            start = int(where * len(text))
            end = min(len(text), start + length) if kind != "insert" else start
            inserted = "" if kind == "delete" else fragment
            version += 1
            document.apply_changes(
                [TextChange(inserted, _position(text, start), _position(text, end))],
                version,
                PositionEncoding.UTF16,
            )
            if not analyse and version < len(edits) + 1:
                continue
            snapshot = document.snapshot()
            got = analysis.analyze(snapshot)
            want = analyze(snapshot)
            assert same(got, want), (fixture.name, version, _describe(got, want))
            fresh = DocumentAnalysis(AnalysisSettings())
            fresh.analyze(snapshot)
            assert parts_content(analysis) == parts_content(fresh)
    finally:
        incremental.CHUNK_BYTES = original


def _describe(got: list[Finding], want: list[Finding]) -> str:
    def short(findings: list[Finding]) -> list[str]:
        return [f"{f.rule_id}@{f.span.start_byte}: {_one_line(f.message)[:60]}" for f in findings]

    return f"incremental {short(got)} != full {short(want)}"


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# ---------------------------------------------------------------------- what comes later
def test_a_react_state_setter_after_the_sink_is_followed() -> None:
    source = textwrap.dedent(
        """\
        import { useState } from "react";

        export function Preview() {
          const [html, setHtml] = useState("");
          const box = document.getElementById("box");
          box.innerHTML = html;
          window.onhashchange = () => setHtml(location.hash);
          return null;
        }
        """
    )
    editor = Editor(source, "javascript")
    assert [f.rule_id for f in editor.findings] == ["xss"]
    editor.replace("setHtml(location.hash)", 'setHtml("<b>fixed</b>")')
    assert editor.findings == full(editor.document) == []
    editor.replace('setHtml("<b>fixed</b>")', "setHtml(location.hash)")
    assert same(editor.findings, full(editor.document))


def test_a_function_declared_after_the_sink_is_hoisted() -> None:
    source = textwrap.dedent(
        """\
        const { exec } = require("child_process");

        app.get("/", (req, res) => {
          exec(command(req.query.name));
          function command(name) {
            return "ls " + name;
          }
        });
        """
    )
    editor = Editor(source, "javascript")
    assert [f.rule_id for f in editor.findings] == ["command-injection"]
    editor.replace('return "ls " + name;', 'return "ls";')
    assert editor.findings == full(editor.document) == []


def test_a_dead_branch_opened_before_the_sink_and_closed_after_it() -> None:
    editor = Editor(TWO_VIEWS)
    editor.replace("    os.system(command)\n", "    if False:\n        os.system(command)\n")
    assert [f.rule_id for f in editor.findings] == ["ssrf"]
    assert same(editor.findings, full(editor.document))


def test_a_walrus_after_the_use_in_the_same_expression() -> None:
    editor = Editor(
        textwrap.dedent(
            """\
            import os
            from flask import request

            def handler():
                os.system(cmd if (cmd := request.args["c"]) else "ls")
            """
        )
    )
    assert [f.rule_id for f in editor.findings] == ["command-injection"]
    editor.replace('request.args["c"]', '"true"')
    assert editor.findings == full(editor.document) == []


MODULE_GUARD = """\
import os
import sys
from flask import request

COMMAND = request.args["c"]
if COMMAND not in ("ls", "pwd"):
    sys.exit(1)

os.system(COMMAND)
"""


def test_a_guard_statement_of_the_module_edited_before_the_sink() -> None:
    editor = Editor(MODULE_GUARD)
    assert editor.findings == []
    editor.replace("    sys.exit(1)\n", "    print(1)\n")  # no longer leaves
    assert [f.rule_id for f in editor.findings] == ["command-injection"]
    assert same(editor.findings, full(editor.document))
    editor.replace("    print(1)\n", "    sys.exit(1)\n")
    assert editor.findings == full(editor.document) == []


def test_a_guard_statement_added_to_the_module_before_the_sink() -> None:
    unguarded = MODULE_GUARD.replace('if COMMAND not in ("ls", "pwd"):\n    sys.exit(1)\n', "")
    editor = Editor(unguarded)
    assert [f.rule_id for f in editor.findings] == ["command-injection"]
    editor.replace("\nos.system", '\nif COMMAND not in ("ls",):\n    sys.exit(1)\nos.system')
    assert editor.findings == full(editor.document) == []


CLASS_SINKS = """\
import os
from flask import request


class Jobs:
    def run(self):
        os.system(request.args["c"])

    def clean(self):
        os.remove(self.path)


def later():
    pass
"""


@pytest.mark.parametrize(
    "anchor, guard",
    [
        ("\n\ndef later", '\nif not os.environ.get("JOBS"):\n    raise SystemExit(1)\n\ndef later'),
        ("\n    def clean", '\n    assert os.environ.get("JOBS")\n\n    def clean'),
    ],
    ids=["module", "class body"],
)
def test_a_guard_statement_added_after_a_sinks_statement_checks_nothing_again(
    anchor: str, guard: str
) -> None:
    """A module or class body's checks guard only the statements after them: one added
    below the method that holds the sink leaves its finding as it is."""
    editor = Editor(CLASS_SINKS)
    assert [f.rule_id for f in editor.findings] == ["command-injection"]
    editor.replace(anchor, guard)
    assert not any(rule == "command-injection" for rule, _ in editor.analysis.checked)
    assert same(editor.findings, full(editor.document))


def test_a_method_added_to_a_decorated_class_is_followed() -> None:
    source = textwrap.dedent(
        """\
        import os
        from flask import request

        def register(cls):
            return cls

        @register
        class Runner:
            def run(self):
                os.system(self.command)
        """
    )
    editor = Editor(source)
    assert editor.findings == []
    editor.replace(
        "    def run(self):",
        '    def configure(self):\n        self.command = request.args["c"]\n\n    def run(self):',
    )
    assert [f.rule_id for f in editor.findings] == ["command-injection"]
    assert same(editor.findings, full(editor.document))


def test_a_zero_width_missing_node_is_found_by_its_position() -> None:
    # Tree-sitter inserts a MISSING identifier for the value of `innerHTML =;` here; the
    # lookup by byte range lands on the `;` that starts at the same offset.
    text = 'useEffect(() => {\n  covconst u = .argument("<q>")"iframe"er.current.innerHTML =;\n}\n'
    document = Document.from_text("file:///t.tsx", LANGUAGES["tsx"], text)
    stack, missing = [document.tree.root_node], []
    while stack:
        node = stack.pop()
        missing += [child for child in node.children if child.is_missing and child.is_named]
        stack.extend(node.children)
    [value] = missing
    found = incremental._find(
        document.tree.root_node, value.start_byte, value.end_byte, value.kind_id
    )
    assert found.id == value.id


def test_a_burst_of_edits_pays_for_one_exact_analysis_after_provisional_ones() -> None:
    # After a provisional result the exact analysis waits a moment for the next edit: an
    # edit that comes meanwhile is compared with the last exact version (provisional
    # again while the file stays reshaped), and only the last version of the burst is
    # analysed exactly.
    published: list[tuple[int, list[int]]] = []
    counts: dict[int, asyncio.Queue[None]] = {}

    def publish(document: Document, findings: list[Finding]) -> None:
        published.append((document.version, [f.span.start[0] for f in findings]))
        counts.setdefault(document.version, asyncio.Queue()).put_nowait(None)

    async def published_once_more(version: int) -> None:
        await asyncio.wait_for(counts.setdefault(version, asyncio.Queue()).get(), 60)

    exact: list[int] = []
    scheduler = AnalysisScheduler(publish, lambda message: None)
    # Much longer than the next edit takes to come: no timing can make the exact
    # analysis of version 2 start (with 0 it does, and the test fails).
    scheduler.exact_delay = 1.0

    async def burst() -> None:
        document = Document.from_text("file:///app.py", LANGUAGES["python"], RESHAPED)
        await scheduler._analyse(document.snapshot(), AnalysisSettings(), False)
        text = RESHAPED
        for version, (old, new) in enumerate(
            [
                ("    total = 0\n", "    total = (0\n\n"),
                ("    return total\n", "    return totals\n"),
            ],
            start=2,
        ):
            start = text.index(old)
            change = TextChange(new, _position(text, start), _position(text, start + len(old)))
            text = text[:start] + new + text[start + len(old) :]
            document.apply_changes([change], version, PositionEncoding.UTF16)
            scheduler.schedule(document, AnalysisSettings(), 0)
            await published_once_more(version)
            await asyncio.sleep(0.02)  # the client's turn
        await published_once_more(3)  # the exact result, after the wait
        exact.extend(f.span.start[0] for f in full(document))

    try:
        asyncio.run(burst())
    finally:
        scheduler.shutdown()
    assert [version for version, _ in published] == [0, 2, 3, 3]
    assert published[1][1] == [5, 430]  # provisional: the version before's, moved
    assert published[3][1] == exact  # the last version's exact findings


def test_memory_is_given_back_after_a_whole_file_analysis_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # glibc keeps what a full analysis freed; the server trims it once published. An
    # incremental analysis allocates little: no trim on the typing path.
    from unguarded.lsp import scheduler as scheduler_module

    scheduler_module.return_freed_memory()  # the real one runs anywhere (no-op off glibc)
    trims: list[int] = []
    monkeypatch.setattr(scheduler_module, "return_freed_memory", lambda: trims.append(1))
    scheduler = AnalysisScheduler(lambda document, findings: None, lambda message: None)
    try:
        document = Document.from_text("file:///app.py", LANGUAGES["python"], TWO_VIEWS)
        scheduler._analyse_on_thread(document.snapshot(), AnalysisSettings())
        scheduler._release(document.uri)
        assert trims == [1]
        start = TWO_VIEWS.index('"cmd"') + 1
        change = TextChange("c", _position(TWO_VIEWS, start), _position(TWO_VIEWS, start + 3))
        document.apply_changes([change], 2, PositionEncoding.UTF16)
        scheduler._analyse_on_thread(document.snapshot(), AnalysisSettings())
        scheduler._release(document.uri)
        assert trims == [1]
    finally:
        scheduler.shutdown()


def test_documents_waiting_for_the_analysis_thread_hold_no_tree() -> None:
    # 200 files opened at once held 200 trees while they waited: a run takes its snapshot
    # (and the document its tree) only when it is about to run, two at a time.
    def snapshot(document: Document) -> Document:
        document.ensure_parsed()
        return document.snapshot()

    published: list[str] = []
    scheduler = AnalysisScheduler(
        lambda document, findings: published.append(document.uri), lambda message: None, snapshot
    )
    documents = [
        Document.from_text(f"file:///m{i}.py", LANGUAGES["python"], TWO_VIEWS, parse=False)
        for i in range(10)
    ]
    busy = threading.Event()

    async def open_all() -> list[bool]:
        scheduler.executor.submit(busy.wait, 30)  # the analysis thread is at work
        for document in documents:
            scheduler.schedule(document, AnalysisSettings(), 0)
        await asyncio.sleep(0.2)
        waiting = [document.parsed for document in documents]
        busy.set()
        while len(published) < len(documents):
            await asyncio.sleep(0.01)
        return waiting

    try:
        parsed_while_waiting = asyncio.run(open_all())
    finally:
        busy.set()
        scheduler.shutdown()
    assert sum(parsed_while_waiting) <= 2
    assert sorted(published) == sorted(document.uri for document in documents)
