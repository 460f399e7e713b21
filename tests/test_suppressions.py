"""Suppression comments: bound to the statement, with a reason, for known rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unguarded.analysis import Finding, analyze
from unguarded.analysis.suppressions import (
    PROBLEM_REASON,
    PROBLEM_RULE,
    PROBLEM_SYNTAX,
    apply_suppressions,
    list_suppressions,
    mentions_marker,
    mentions_marker_after_edit,
    parse_comment,
    suppression_problems,
)
from unguarded.documents import LANGUAGES, Document


def document(text: str, language: str = "python") -> Document:
    return Document.from_text(f"file:///project/example.{language}", LANGUAGES[language], text)


def kept_lines(text: str, language: str = "python") -> list[int]:
    doc = document(text, language)
    kept, _ = apply_suppressions(doc, analyze(doc))
    return [f.line + 1 for f in kept]


PY_HEADER = "import os\nimport sys\n\n\n"


def test_comment_on_the_line_before_the_statement() -> None:
    text = PY_HEADER + (
        "def a():\n"
        "    # unguarded: ignore[command-injection] the tool name is fixed by our config\n"
        "    os.system(sys.argv[1])\n"
    )
    assert kept_lines(text) == []


def test_trailing_comment() -> None:
    text = PY_HEADER + "os.system(sys.argv[1])  # unguarded: ignore[command-injection] reviewed\n"
    assert kept_lines(text) == []


def test_comment_inside_a_multi_line_call() -> None:
    text = PY_HEADER + (
        "def a():\n"
        "    os.system(\n"
        "        sys.argv[1],  # unguarded: ignore[command-injection] admin-only script\n"
        "    )\n"
    )
    assert kept_lines(text) == []


def test_trailing_the_last_line_of_a_multi_line_statement() -> None:
    text = PY_HEADER + (
        "def a():\n"
        "    os.system(\n"
        "        sys.argv[1]\n"
        "    )  # unguarded: ignore[command-injection] admin-only script\n"
    )
    assert kept_lines(text) == []


def test_stacked_comment_lines_above_still_bind() -> None:
    text = PY_HEADER + (
        "def a():\n"
        "    # unguarded: ignore[command-injection] admin-only script\n"
        "    # (documented in RUNBOOK.md)\n"
        "    os.system(sys.argv[1])\n"
    )
    assert kept_lines(text) == []


def test_a_blank_line_breaks_the_binding() -> None:
    text = PY_HEADER + (
        "def a():\n"
        "    # unguarded: ignore[command-injection] admin-only script\n"
        "\n"
        "    os.system(sys.argv[1])\n"
    )
    assert kept_lines(text) == [8]


def test_comment_after_the_statement_does_not_bind() -> None:
    text = PY_HEADER + (
        "def a():\n"
        "    os.system(sys.argv[1])\n"
        "    # unguarded: ignore[command-injection] too late\n"
    )
    assert kept_lines(text) == [6]


def test_compound_statement_header_only() -> None:
    # The comment above `with` binds to the `with` header, not to the body.
    text = PY_HEADER + (
        "def a():\n"
        "    # unguarded: ignore[path-traversal] the name is checked by the caller\n"
        "    with open(sys.argv[1]) as fh:\n"
        "        os.system(sys.argv[2])\n"
    )
    doc = document(text)
    kept, _ = apply_suppressions(doc, analyze(doc))
    assert [(f.rule_id, f.line + 1) for f in kept] == [("command-injection", 8)]


def test_a_comment_opening_a_body_binds_to_the_body_not_the_header() -> None:
    # tree-sitter puts a comment between `:` and the block among the header's children:
    # it used to silence the `with`/`if` line's own findings as well.
    text = PY_HEADER + (
        "from flask import request\n\n\n"
        "def a():\n"
        "    with open(request.args['p']) as fh:\n"
        "        # unguarded: ignore[path-traversal] the archive name is fixed by our config\n"
        "        open(request.args['q'])\n"
        "    if open(request.args['r']):\n"
        "        # unguarded: ignore[path-traversal] fixed\n"
        "        pass\n"
    )
    doc = document(text)
    kept, _ = apply_suppressions(doc, analyze(doc))
    assert [(f.rule_id, f.line + 1) for f in kept] == [
        ("path-traversal", 9),
        ("path-traversal", 12),
    ]


def test_a_comment_opening_a_javascript_body_binds_to_the_body() -> None:
    text = (
        "const fs = require('fs');\n"
        "app.get('/a', (req, res) => {\n"
        "  if (fs.readFileSync(req.query.p, 'utf8').length)\n"
        "    // unguarded: ignore[path-traversal] fixed\n"
        "    fs.readFileSync(req.query.q);\n"
        "});\n"
    )
    assert kept_lines(text, "javascript") == [3]


def test_other_rule_is_not_suppressed() -> None:
    text = PY_HEADER + (
        "def a():\n    # unguarded: ignore[sql-injection] wrong rule\n    os.system(sys.argv[1])\n"
    )
    assert kept_lines(text) == [7]


def test_several_rules_in_one_comment() -> None:
    text = PY_HEADER + (
        "def a():\n"
        "    # unguarded: ignore[sql-injection,command-injection] both reviewed\n"
        "    os.system(sys.argv[1])\n"
    )
    assert kept_lines(text) == []


def test_marker_inside_a_string_is_not_a_comment() -> None:
    text = PY_HEADER + (
        'x = "# unguarded: ignore[command-injection] not a comment"; os.system(sys.argv[1])\n'
    )
    assert kept_lines(text) == [5]


def test_javascript_line_and_block_comments() -> None:
    text = (
        'const { exec } = require("child_process");\n'
        "// unguarded: ignore[command-injection] fixed script name\n"
        "exec(process.argv[2]);\n"
        "exec(process.argv[3]); /* unguarded: ignore[command-injection] reviewed */\n"
        "exec(process.argv[4]);\n"
    )
    assert kept_lines(text, "javascript") == [5]


def test_jsx_expression_comment_inside_the_returned_markup() -> None:
    text = (
        "export function Bio({ bio }: { bio: string }) {\n"
        "  return (\n"
        "    <section>\n"
        "      {/* unguarded: ignore[xss] the API sanitizes bios */}\n"
        "      <div dangerouslySetInnerHTML={{ __html: bio }} />\n"
        "    </section>\n"
        "  );\n"
        "}\n"
    )
    assert kept_lines(text, "tsx") == []


@pytest.mark.parametrize(
    ("comment", "code"),
    [
        ("# unguarded: ignore[command-injection]", PROBLEM_REASON),
        ("# unguarded: ignore[command-injection] <why this is safe>", PROBLEM_REASON),
        ("# unguarded: ignore[comand-injection] typo in the rule", PROBLEM_RULE),
        ("# unguarded: ignore reviewed", PROBLEM_SYNTAX),
        ("# unguarded: ignore[] reviewed", PROBLEM_SYNTAX),
    ],
)
def test_problems(comment: str, code: str) -> None:
    text = PY_HEADER + f"def a():\n    {comment}\n    os.system(sys.argv[1])\n"
    doc = document(text)
    kept, problems = apply_suppressions(doc, analyze(doc))
    assert [p.code for p in problems] == [code]
    assert problems[0].line == 5
    assert problems[0].severity.value == "warning"
    assert suppression_problems(doc) == problems
    # Without a reason the suppression still applies (the warning asks for the reason);
    # for an unknown rule or a malformed comment nothing is suppressed.
    assert (kept == []) == (code == PROBLEM_REASON)


def test_list_suppressions() -> None:
    text = PY_HEADER + (
        "# unguarded: ignore[ssrf] internal service\n"
        "x = 1  # unguarded: ignore[xss, sql-injection] -- templates are constant\n"
        "# an ordinary comment\n"
    )
    found = list_suppressions(document(text))
    assert [(s.line + 1, s.rules, s.reason) for s in found] == [
        (5, ("ssrf",), "internal service"),
        (6, ("xss", "sql-injection"), "templates are constant"),
    ]


def test_apply_is_idempotent() -> None:
    text = PY_HEADER + (
        "def a():\n"
        "    # unguarded: ignore[command-injection] reviewed\n"
        "    os.system(sys.argv[1])\n"
        "    os.system(sys.argv[2])\n"
    )
    doc = document(text)
    once, problems = apply_suppressions(doc, analyze(doc))
    twice, again = apply_suppressions(doc, once)
    assert once == twice and problems == again
    assert [f.line + 1 for f in once] == [8]


def test_parse_comment() -> None:
    assert parse_comment("# unguarded: ignore[x] why") == ("[x] why", "unguarded: ignore[x] why")
    assert parse_comment("/* Unguarded : ignore[x] */") == ("[x]", "Unguarded : ignore[x]")
    assert parse_comment("# see unguarded: ignore[x] docs") is None
    assert parse_comment("// nothing") is None


def _finding_lines(findings: list[Finding]) -> list[int]:
    return [f.line for f in findings]


def test_findings_without_suppressions_are_untouched() -> None:
    doc = document(PY_HEADER + "os.system(sys.argv[1])\n")
    findings = analyze(doc)
    kept, problems = apply_suppressions(doc, findings)
    assert _finding_lines(kept) == _finding_lines(findings) and problems == []


def _engine_applies_suppressions() -> bool:
    doc = document(
        PY_HEADER + "# unguarded: ignore[command-injection] reviewed\nos.system(sys.argv[1])\n"
    )
    return analyze(doc) == []


@pytest.mark.skipif(
    not _engine_applies_suppressions(), reason="engine.analyze() hook not applied yet"
)
def test_engine_drops_suppressed_findings() -> None:
    text = PY_HEADER + (
        "def a():\n"
        "    # unguarded: ignore[command-injection] admin-only script\n"
        "    os.system(sys.argv[1])\n"
        "    os.system(sys.argv[2])\n"
    )
    assert [f.line + 1 for f in analyze(document(text))] == [8]


_PIECES = st.sampled_from(["unguarded", "UnGuarded", "ungu", "arded", "x", " ", "\n", "#", ": "])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_PIECES, max_size=8).map("".join),
    st.lists(
        st.tuples(st.integers(0, 80), st.integers(0, 12), st.lists(_PIECES, max_size=3)),
        max_size=6,
    ),
)
def test_the_word_is_found_from_the_edit_alone_as_in_the_whole_text(
    start: str, edits: list[tuple[int, int, list[str]]]
) -> None:
    old = start.encode()
    known = mentions_marker(old)
    for position, length, pieces in edits:
        at = min(position, len(old))
        new = old[:at] + "".join(pieces).encode() + old[at + length :]
        known = mentions_marker_after_edit(old, known, new)
        assert known == mentions_marker(new)
        old = new


def test_the_word_cut_by_the_edit_or_made_by_it() -> None:
    assert mentions_marker_after_edit(b"# ungu x", False, b"# ungu arded x") is False
    assert mentions_marker_after_edit(b"# ungu x", False, b"# unguarded x") is True
    assert mentions_marker_after_edit(b"# ungu x", False, b"# unguARDED x") is True
    assert mentions_marker_after_edit(b"a unguarded", True, b"a ungarded") is False
