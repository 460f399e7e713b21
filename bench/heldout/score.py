"""Score unguarded against the held-out corpus (run once; see README.md).

    /tmp/venv/bin/python bench/heldout/score.py [--json out.json]

A `ruleid: R` annotation on line N-1 means the sink on line N must be reported for R;
an `ok: R` annotation means it must not. Any finding on a line that is not a `ruleid`
line for the finding's rule is a false positive. Cases whose description comment
carries "[extended sink]" use a sink API outside the documented sink list; they are
counted in the main table and also broken out separately.
"""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from unguarded.analysis import analyze
from unguarded.documents import Document, language_for_path

ROOT = Path(__file__).resolve().parent
RULES = ["ssrf", "sql-injection", "xss", "command-injection", "path-traversal"]
EXTS = {".py", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx"}
ANN = re.compile(r"^\s*(?:#|//|\{/\*)\s*(ruleid|ok):\s*([a-z-]+)\s*(?:\*/\})?\s*$")


def load_cases(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    cases = {}  # (sink_line0, rule) -> dict
    pending_ext = False
    for i, line in enumerate(lines):
        if "[extended sink]" in line:
            pending_ext = True
        m = ANN.match(line)
        if m:
            kind, rule = m.groups()
            assert rule in RULES, (path, i + 1, rule)
            sink = i + 1
            desc = ""
            for j in range(i - 1, max(-1, i - 12), -1):
                s = lines[j].strip()
                if s.startswith(("#", "//", "/**")) and not ANN.match(lines[j]) and not s.startswith(("#!", "// src/", "// app/")):
                    desc = s.lstrip("#/* ").removesuffix("*/").strip()
                    break
            cases[(sink, rule)] = {
                "kind": kind,
                "rule": rule,
                "line": sink,
                "code": lines[sink].strip(),
                "desc": desc,
                "extended": pending_ext,
            }
            pending_ext = False
    return cases


def main(argv):
    files = sorted(p for d in ("python", "javascript") for p in (ROOT / d).rglob("*") if p.suffix in EXTS and p.is_file())
    stats = {r: defaultdict(int) for r in RULES}
    ext_stats = defaultdict(int)
    errors, per_lang = [], {"python": {r: defaultdict(int) for r in RULES}, "javascript": {r: defaultdict(int) for r in RULES}}
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        lang = "python" if path.suffix == ".py" else "javascript"
        cases = load_cases(path)
        doc = Document(path.as_uri(), language_for_path(str(path)), path.read_bytes())
        found = {(f.line, f.rule_id) for f in analyze(doc)}
        for (line, rule), c in cases.items():
            hit = (line, rule) in found
            if c["kind"] == "ruleid":
                key = "tp" if hit else "fn"
            else:
                key = "fp" if hit else "tn"
            stats[rule][key] += 1
            per_lang[lang][rule][key] += 1
            if c["extended"]:
                ext_stats[key] += 1
            if key in ("fp", "fn"):
                errors.append({"file": rel, "line": line + 1, "rule": rule, "type": key.upper(), "extended": c["extended"], "desc": c["desc"], "code": c["code"]})
        for line, rule in sorted(found):
            if (line, rule) not in cases:
                stats[rule]["fp"] += 1
                per_lang[lang][rule]["fp"] += 1
                src = path.read_text(encoding="utf-8").splitlines()[line].strip()
                errors.append({"file": rel, "line": line + 1, "rule": rule, "type": "FP (unannotated)", "extended": False, "desc": "", "code": src})

    def row(name, s):
        tp, fp, fn, tn = s["tp"], s["fp"], s["fn"], s["tn"]
        p = tp / (tp + fp) if tp + fp else float("nan")
        r = tp / (tp + fn) if tp + fn else float("nan")
        return f"| {name} | {tp + fn} | {tn + fp} | {tp} | {fp} | {fn} | {tn} | {p:.2f} | {r:.2f} |"

    print("| rule | ruleid | ok (+unannotated FP) | TP | FP | FN | TN | precision | recall |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    total = defaultdict(int)
    for r in RULES:
        print(row(r, stats[r]))
        for k, v in stats[r].items():
            total[k] += v
    print(row("**all**", total))
    for lang in ("python", "javascript"):
        t = defaultdict(int)
        for r in RULES:
            for k, v in per_lang[lang][r].items():
                t[k] += v
        print(row(f"all {lang}", t))
    print(row("extended-sink cases only", ext_stats))
    print()
    for e in errors:
        print(f"{e['type']:4} {e['rule']:17} {e['file']}:{e['line']}{' [ext]' if e['extended'] else ''}  {e['desc']}  ::  {e['code'][:100]}")
    if "--json" in argv:
        out = argv[argv.index("--json") + 1]
        Path(out).write_text(json.dumps({"stats": {r: dict(stats[r]) for r in RULES}, "per_lang": {l: {r: dict(per_lang[l][r]) for r in RULES} for l in per_lang}, "extended": dict(ext_stats), "errors": errors}, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
