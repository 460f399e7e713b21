"""weak-randomness: the same call on a cryptographically secure generator.

Python's `random.SystemRandom()` has the random module's whole API (choice, choices,
randint, sample, getrandbits, ...) over os.urandom, so `random.choice(alphabet)` becomes
`random.SystemRandom().choice(alphabet)` with the same arguments and result type.
JavaScript's `Math.random()` becomes a helper that returns a float in [0, 1) with 53 random
bits from `crypto.getRandomValues`, which browsers and Node (19+) provide globally."""

from __future__ import annotations

import re

from unguarded.analysis import Finding
from unguarded.fixes.builder import FixBuilder
from unguarded.fixes.model import Fix
from unguarded.fixes.source import Source

_PYTHON_CALL = re.compile(
    r"(?<![\w.])random\.(random|randint|choice|choices|getrandbits|randrange|sample|uniform"
    r"|randbytes|shuffle)\("
)
_JS_CALL = re.compile(r"(?<![\w.$])Math\.random\(\s*\)")

_JS_HELPER = """\
// A float in [0, 1) like Math.random(), from the platform's secure generator (53 bits).
const secureRandom = (){annotation} => {{
  const [high, low] = globalThis.crypto.getRandomValues(new Uint32Array(2));
  return (high * 2 ** 21 + (low >>> 11)) / 2 ** 53;
}};"""


def randomness_fixes(source: Source, finding: Finding) -> list[Fix]:
    start, end = finding.argument.start_byte, finding.argument.end_byte
    text = source.data[start:end].decode("utf-8", errors="surrogatepass")
    builder = FixBuilder(source, finding.rule_id)
    if source.python:
        rewritten, count = _PYTHON_CALL.subn(r"random.SystemRandom().\1(", text)
        title = "Use random.SystemRandom() (backed by os.urandom)"
    else:
        if not _JS_CALL.search(text):
            return []
        helper = builder.require(
            "js-constant",
            "secureRandom",
            _JS_HELPER.format(annotation=": number" if source.typescript else ""),
        )
        rewritten, count = _JS_CALL.subn(f"{helper}()", text)
        title = "Use crypto.getRandomValues() instead of Math.random()"
    if not count:
        return []
    builder.replace_range(start, end, rewritten)
    return [builder.build(title, preferred=True)]
