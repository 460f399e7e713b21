"""Score unguarded against the twelfth held-out corpus (see README.md; held-out 11's scorer, paths adapted).

    /tmp/venv/bin/python bench/heldout12/score.py                # tables + every FP/FN
    /tmp/venv/bin/python bench/heldout12/score.py --count        # case counts only (no engine)
    /tmp/venv/bin/python bench/heldout12/score.py --json out.json

Annotations: `# ruleid: R` / `# ok: R` (`// ...` in JS/TS, `{/* ... */}` inside JSX
children). Consecutive annotation lines form one stack that applies to the first line
below the stack that is not an annotation: the *sink line*, the first line of the
statement, entry, decorator or JSX opening element holding the sink.

A case covers its sink line and, when the construct starting there spans several
lines, the rest of that construct (a multi-line call, a dictionary entry, a decorated
function's header, a JSX opening element), but never the body of a block or of a
nested function. A finding of rule R on any covered line hits the case; a finding
that hits no case of its rule is a false positive ("unannotated").

Tags in the description comment above a case (the nearest non-annotation comment
within a few lines) are reported separately as well as in the totals:
  [beyond docs]   the docs do not cover this shape; the label is a reviewer's verdict
  [known limit]   the docs name this shape as a known limit of the rule
  [extended sink] a sink API outside the documented sink tables
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import tree_sitter_javascript
import tree_sitter_python
import tree_sitter_typescript
from tree_sitter import Language, Parser

ROOT = Path(__file__).resolve().parent
RULES = [
    "ssrf",
    "sql-injection",
    "xss",
    "command-injection",
    "path-traversal",
    "unsafe-deserialization",
    "unsafe-yaml-load",
    "code-injection",
    "tls-verification-disabled",
    "weak-password-hash",
    "jwt-not-verified",
    "permissive-cors",
    "debug-mode",
    "weak-randomness",
    "hardcoded-secret",
    "missing-csrf",
    "insecure-cookie",
    "xxe",
    "xxe-parser-config",
    "open-redirect",
    "ssti",
    "nosql-injection",
]
TAGS = ("beyond docs", "known limit", "extended sink")
EXTS = {".py", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx"}
ANN = re.compile(r"^\s*(?:#|//|\{/\*)\s*(ruleid|ok):\s*([a-z-]+)\s*(?:\*/\})?\s*$")
COMMENT = re.compile(r"^\s*(?:#|//|/\*|\*|\{/\*)")
BLOCKS = {"block", "statement_block", "class_body"}

LANGS = {
    ".py": Language(tree_sitter_python.language()),
    ".js": Language(tree_sitter_javascript.language()),
    ".mjs": Language(tree_sitter_javascript.language()),
    ".cjs": Language(tree_sitter_javascript.language()),
    ".jsx": Language(tree_sitter_javascript.language()),
    ".ts": Language(tree_sitter_typescript.language_typescript()),
    ".tsx": Language(tree_sitter_typescript.language_tsx()),
}


def parse(path: Path):
    tree = Parser(LANGS[path.suffix]).parse(path.read_bytes())
    bad = []

    def walk(n):
        if n.type == "ERROR" or n.is_missing:
            bad.append(n.start_point[0] + 1)
        for c in n.children:
            walk(c)

    walk(tree.root_node)
    return tree, bad


def span_end(tree, line: int, text: str) -> int:
    """Last line (0-based) covered by the construct that starts on `line`."""
    col = len(text) - len(text.lstrip())
    node = tree.root_node.descendant_for_point_range((line, col), (line, col))
    if node is None:
        return line
    while node.parent is not None and node.parent.start_point == node.start_point and node.parent.type not in BLOCKS | {"program", "module"}:
        node = node.parent
    if node.type == "jsx_element" and node.named_children:
        node = node.named_children[0]  # the opening element only
    end = node.end_point[0]
    stack = list(node.children)
    while stack:
        n = stack.pop()
        if n.type in BLOCKS:
            first = n.start_point[0]
            # Python blocks start at their first statement, JS blocks at their brace
            end = min(end, max(line, first - 1 if n.type == "block" else first))
            continue
        stack.extend(n.children)
    return max(end, line)


def load_cases(path: Path, tree):
    lines = path.read_text(encoding="utf-8").splitlines()
    cases = []
    i = 0
    while i < len(lines):
        if not ANN.match(lines[i]):
            i += 1
            continue
        stack_start = i
        anns = []
        while i < len(lines) and ANN.match(lines[i]):
            anns.append(ANN.match(lines[i]).groups())
            i += 1
        sink = i
        parts = []
        for j in range(stack_start - 1, max(-1, stack_start - 5), -1):
            if not COMMENT.match(lines[j]) or ANN.match(lines[j]):
                break
            parts.insert(0, lines[j].strip().lstrip("#/*{ ").removesuffix("*/}").removesuffix("*/").strip())
        desc = " ".join(parts)
        tags = [t for t in TAGS if f"[{t}]" in desc]
        end = span_end(tree, sink, lines[sink])
        for kind, rule in anns:
            assert rule in RULES, (path, stack_start + 1, rule)
            cases.append({"kind": kind, "rule": rule, "line": sink, "end": end, "code": lines[sink].strip(), "desc": desc, "tags": tags})
    return cases


def rate(s):
    tp, fp, fn = s["tp"], s["fp"], s["fn"]
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    return p, r


def row(name, s):
    p, r = rate(s)
    return f"| {name} | {s['tp'] + s['fn']} | {s['tn'] + s['fp_ok']} | {s['tp']} | {s['fp']} | {s['fn']} | {s['tn']} | {p:.2f} | {r:.2f} |"


HEADER = "| | ruleid | ok | TP | FP | FN | TN | precision | recall |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |"


def main(argv):
    files = sorted(p for d in ("python", "javascript") for p in (ROOT / d).rglob("*") if p.suffix in EXTS and p.is_file())
    count_only = "--count" in argv
    stats = {r: defaultdict(int) for r in RULES}
    per_lang = {lang: {r: defaultdict(int) for r in RULES} for lang in ("python", "javascript")}
    tag_stats = {t: defaultdict(int) for t in TAGS}
    errors, placements, parse_errors = [], [], []
    n_cases = 0
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        lang = "python" if path.suffix == ".py" else "javascript"
        tree, bad = parse(path)
        if bad:
            parse_errors.append((rel, bad[:5]))
        cases = load_cases(path, tree)
        n_cases += len(cases)
        if count_only:
            for c in cases:
                key = "tp" if c["kind"] == "ruleid" else "tn"
                stats[c["rule"]][key] += 1
                per_lang[lang][c["rule"]][key] += 1
                for t in c["tags"]:
                    tag_stats[t][key] += 1
            continue
        from unguarded.analysis import analyze
        from unguarded.documents import Document, language_for_path

        doc = Document(path.as_uri(), language_for_path(str(path)), path.read_bytes())
        findings = list(analyze(doc))
        src = path.read_text(encoding="utf-8").splitlines()
        hit = defaultdict(list)  # case index -> findings
        unmatched = []
        for f in findings:
            matched = False
            for k, c in enumerate(cases):
                if c["rule"] == f.rule_id and c["line"] <= f.line <= c["end"]:
                    hit[k].append(f)
                    matched = True
            if not matched:
                unmatched.append(f)
        for k, c in enumerate(cases):
            got = hit.get(k, [])
            if c["kind"] == "ruleid":
                key = "tp" if got else "fn"
            else:
                key = "fp" if got else "tn"
            s = stats[c["rule"]]
            s[key] += 1
            per_lang[lang][c["rule"]][key] += 1
            if key == "fp":
                s["fp_ok"] += 1
                per_lang[lang][c["rule"]]["fp_ok"] += 1
            for t in c["tags"]:
                tag_stats[t][key] += 1
                if key == "fp":
                    tag_stats[t]["fp_ok"] += 1
            sev = ",".join(sorted({str(getattr(f, "severity", "")) for f in got}))
            if key in ("fp", "fn"):
                errors.append({"file": rel, "line": c["line"] + 1, "rule": c["rule"], "type": key.upper(), "tags": c["tags"], "desc": c["desc"], "code": c["code"], "severity": sev})
            if got and all(f.line != c["line"] for f in got):
                placements.append({"file": rel, "sink_line": c["line"] + 1, "reported": sorted({f.line + 1 for f in got}), "rule": c["rule"]})
        for f in unmatched:
            stats[f.rule_id]["fp"] += 1
            per_lang[lang][f.rule_id]["fp"] += 1
            errors.append({"file": rel, "line": f.line + 1, "rule": f.rule_id, "type": "FP (unannotated)", "tags": [], "desc": "", "code": src[f.line].strip(), "severity": str(getattr(f, "severity", ""))})

    if parse_errors:
        print("PARSE ERRORS:", parse_errors)
    if count_only:
        print(f"{len(files)} files, {n_cases} cases")
        print("| rule | python ruleid | python ok | js/ts ruleid | js/ts ok | total |")
        print("| --- | --- | --- | --- | --- | --- |")
        tr = to = 0
        for r in RULES:
            py, js = per_lang["python"][r], per_lang["javascript"][r]
            tr += py["tp"] + js["tp"]
            to += py["tn"] + js["tn"]
            print(f"| `{r}` | {py['tp']} | {py['tn']} | {js['tp']} | {js['tn']} | {py['tp'] + py['tn'] + js['tp'] + js['tn']} |")
        print(f"| **all** | | | | | {tr} ruleid / {to} ok |")
        for t in TAGS:
            print(f"[{t}]: {tag_stats[t]['tp'] + tag_stats[t]['fn']} ruleid, {tag_stats[t]['tn']} ok")
        return

    print("### Per rule\n")
    print(HEADER.replace("| |", "| rule |", 1))
    total = defaultdict(int)
    for r in RULES:
        print(row(f"`{r}`", stats[r]))
        for k, v in stats[r].items():
            total[k] += v
    print(row("**all**", total))
    print("\n### Per language\n")
    print(HEADER.replace("| |", "| language |", 1))
    for lang in ("python", "javascript"):
        t = defaultdict(int)
        for r in RULES:
            for k, v in per_lang[lang][r].items():
                t[k] += v
        print(row(lang, t))
    print("\n### Per rule and language\n")
    print(HEADER.replace("| |", "| rule / language |", 1))
    for r in RULES:
        for lang in ("python", "javascript"):
            s = per_lang[lang][r]
            if sum(s.values()):
                print(row(f"`{r}` {lang}", s))
    print("\n### Tagged cases (also counted above)\n")
    print(HEADER.replace("| |", "| tag |", 1))
    for t in TAGS:
        print(row(f"[{t}]", tag_stats[t]))
    docs_only = defaultdict(int)
    for k, v in total.items():
        docs_only[k] = v - sum(tag_stats[t][k] for t in TAGS)
    print(row("untagged (documented shapes) only", docs_only))
    print("\n### Errors\n")
    for e in errors:
        tag = "".join(f" [{t}]" for t in e["tags"])
        print(f"{e['type']:17} {e['rule']:25} {e['file']}:{e['line']}{tag} ({e['severity']})  {e['desc']}  ::  {e['code'][:110]}")
    if placements:
        print("\n### Hits reported on a later line of the construct\n")
        for p in placements:
            print(f"{p['rule']:25} {p['file']}:{p['sink_line']} reported at {p['reported']}")
    if "--json" in argv:
        out = argv[argv.index("--json") + 1]
        Path(out).write_text(
            json.dumps(
                {
                    "stats": {r: dict(stats[r]) for r in RULES},
                    "per_lang": {lang: {r: dict(per_lang[lang][r]) for r in RULES} for lang in per_lang},
                    "tags": {t: dict(tag_stats[t]) for t in TAGS},
                    "errors": errors,
                    "placements": placements,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main(sys.argv[1:])
