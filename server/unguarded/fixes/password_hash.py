"""weak-password-hash: a salted, slow hash in place of the fast digest.

`hashlib.sha256(password).hexdigest()` becomes `scrypt_hash_password(password)`, a helper
added to the module that stores the scheme, a random salt and the scrypt digest in one
string; a comparison `hashlib.md5(pw).hexdigest() == stored` becomes
`scrypt_verify_password(pw, stored)` (constant-time). In Node,
`crypto.createHash("md5").update(pw).digest("hex")` becomes `scryptHashPassword(pw)`.
Hashes already stored in the old format no longer match: the fix says so in its title,
and the docs page describes the migration (re-hash at the next successful login)."""

from __future__ import annotations

from unguarded.analysis import Finding
from unguarded.fixes.builder import FixBuilder
from unguarded.fixes.model import Fix
from unguarded.fixes.source import Node, Source, text_of

_PY_HASH = '''\

def scrypt_hash_password(password: str | bytes) -> str:
    """scrypt with a random salt per password, stored as "scrypt$<salt>$<digest>"."""
    secret = password.encode() if isinstance(password, str) else password
    salt = {os}.urandom(16)
    digest = {hashlib}.scrypt(secret, salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${{salt.hex()}}${{digest.hex()}}"
'''

_PY_VERIFY = '''\

def scrypt_verify_password(password: str | bytes, stored: str) -> bool:
    """Whether `password` matches a hash made by scrypt_hash_password (constant time)."""
    secret = password.encode() if isinstance(password, str) else password
    scheme, _, rest = stored.partition("$")
    salt, _, digest = rest.partition("$")
    if scheme != "scrypt" or not salt or not digest:
        return False
    expected = {hashlib}.scrypt(secret, salt=bytes.fromhex(salt), n=2**14, r=8, p=1)
    return {hmac}.compare_digest(expected.hex(), digest)
'''

_JS_HASH = """\
// scrypt with a random salt per password, stored as "scrypt$<salt>$<digest>".
const scryptHashPassword = (password{annotation}){returns} => {{
  const salt = {crypto}.randomBytes(16);
  const digest = {crypto}.scryptSync(password, salt, 64);
  return `scrypt$${{salt.toString("hex")}}$${{digest.toString("hex")}}`;
}};"""

_PY_DIGESTS = ("hexdigest", "digest")
_TITLE = "Hash with scrypt and a random salt (stored hashes need re-hashing)"


def password_hash_fixes(source: Source, finding: Finding) -> list[Fix]:
    call = source.node_at(finding.span, ("call", "call_expression"))
    argument = source.node_at(finding.argument)
    if call is None or argument is None:
        return []
    if source.python:
        return _python(source, finding, call, argument)
    return _javascript(source, finding, call, argument)


def _digest_call(call: Node, names: tuple[str, ...]) -> Node | None:
    """`<call>.hexdigest()`: the whole expression that produces the stored string."""
    member = call.parent
    if member is None or member.type not in ("attribute", "member_expression"):
        return None
    name = member.child_by_field_name("attribute") or member.child_by_field_name("property")
    outer = member.parent
    if name is None or text_of(name) not in names or outer is None:
        return None
    if outer.type not in ("call", "call_expression"):
        return None
    return outer


def _python(source: Source, finding: Finding, call: Node, argument: Node) -> list[Fix]:
    function = call.child_by_field_name("function")
    if function is None or text_of(function) == "hashlib.new":
        return []
    digest = _digest_call(call, _PY_DIGESTS)
    if digest is None:
        return []
    builder = FixBuilder(source, finding.rule_id)
    hashlib = builder.require("py-module", "hashlib")
    comparison = digest.parent
    if comparison is not None and comparison.type == "comparison_operator":
        operands = comparison.named_children
        operators = [c.type for c in comparison.children if not c.is_named]
        if len(operands) != 2 or operators not in (["=="], ["!="]):
            return []
        stored = operands[1] if operands[0] == digest else operands[0]
        hmac = builder.require("py-module", "hmac")
        verify = builder.require(
            "py-constant", "scrypt_verify_password", _PY_VERIFY.format(hashlib=hashlib, hmac=hmac)
        )
        check = f"{verify}({text_of(argument)}, {text_of(stored)})"
        builder.replace(comparison, check if operators == ["=="] else f"not {check}")
    else:
        os_module = builder.require("py-module", "os")
        helper = builder.require(
            "py-constant", "scrypt_hash_password", _PY_HASH.format(os=os_module, hashlib=hashlib)
        )
        builder.replace(digest, f"{helper}({text_of(argument)})")
    return [builder.build(_TITLE, preferred=True)]


def _javascript(source: Source, finding: Finding, call: Node, argument: Node) -> list[Fix]:
    digest = _digest_call(call, ("digest",))
    if digest is None:
        return []
    encoding = digest.child_by_field_name("arguments")
    if encoding is None or text_of(encoding).strip("()'\"` ") != "hex":
        return []  # a Buffer digest or base64 would change type or shape
    builder = FixBuilder(source, finding.rule_id)
    crypto = builder.require("js-default", "crypto", "crypto", "node:crypto")
    typed = source.typescript
    helper = builder.require(
        "js-constant",
        "scryptHashPassword",
        _JS_HASH.format(
            crypto=crypto,
            annotation=": string | Buffer" if typed else "",
            returns=": string" if typed else "",
        ),
    )
    builder.replace(digest, f"{helper}({text_of(argument)})")
    return [builder.build(_TITLE, preferred=True)]
