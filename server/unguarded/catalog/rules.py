"""The rule catalog. A rule's tree-sitter patterns live in `queries/<language>/<id>.scm`,
its docs in `docs/rules/<id>.md`, its fixtures in `tests/fixtures/<id>/`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

DOCS_BASE_URL = "https://github.com/unguarded/unguarded/blob/main/docs/rules/"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    cwe: int
    languages: tuple[str, ...]
    # What the sink does with the value, e.g. "fetches a URL built from".
    action: str
    # The control whose absence the finding reports.
    missing_control: str
    # Controls that silence the rule, shown in docs and hovers.
    controls: tuple[str, ...]
    # Injection rules follow data from an origin; their severity depends on it. Other
    # rules (insecure defaults, weak crypto) report the matched pattern itself.
    dataflow: bool = True
    # For pattern rules: the message, with {sink} for the matched call or setting.
    pattern_message: str = ""
    # Whether a sink's result is a new value (a response, a cursor) rather than its
    # input transformed (a decoded object): data flow stops at the former only.
    result_is_new: bool = True
    # Default severity when the value comes from untrusted input.
    severity: Severity = Severity.ERROR
    owasp: str = ""

    @property
    def docs_url(self) -> str:
        return f"{DOCS_BASE_URL}{self.id}.md"

    @property
    def cwe_tag(self) -> str:
        return f"external/cwe/cwe-{self.cwe}"

    @property
    def cwe_url(self) -> str:
        return f"https://cwe.mitre.org/data/definitions/{self.cwe}.html"


_ALL_LANGUAGES = ("python", "javascript", "typescript")

CATALOG: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            id="ssrf",
            title="Server-side request forgery",
            cwe=918,
            languages=_ALL_LANGUAGES,
            action="fetches a URL built from",
            missing_control="host allowlist or URL validator",
            controls=(
                "urlparse(url).hostname / new URL(url).hostname checked against an allowlist",
                "a validator call that guards the request",
                "a constant scheme and host with user data only in the path or query",
            ),
            owasp="A10:2021 Server-Side Request Forgery",
        ),
        Rule(
            id="sql-injection",
            title="SQL injection",
            cwe=89,
            languages=_ALL_LANGUAGES,
            action="runs SQL built from",
            missing_control="parameterization (placeholders with bound parameters)",
            controls=(
                "a constant SQL string with placeholders and a parameter tuple/array",
                "int()/Number() coercion of the value",
                "an allowlist check of identifiers",
            ),
            owasp="A03:2021 Injection",
        ),
        Rule(
            id="xss",
            title="Cross-site scripting",
            cwe=79,
            languages=_ALL_LANGUAGES,
            action="renders HTML built from",
            missing_control="HTML escaping or sanitizer",
            controls=(
                "textContent / innerText instead of innerHTML",
                "DOMPurify.sanitize(), html.escape(), markupsafe.escape()",
                "templates with autoescaping and the value passed as context",
            ),
            owasp="A03:2021 Injection",
        ),
        Rule(
            id="command-injection",
            title="OS command injection",
            cwe=78,
            languages=_ALL_LANGUAGES,
            action="runs a shell command built from",
            missing_control="shell-free argument list or quoting of the value",
            controls=(
                "an argument list without shell=True / execFile(file, args)",
                "shlex.quote() on each user-supplied part",
                "an allowlist of permitted values",
            ),
            owasp="A03:2021 Injection",
        ),
        Rule(
            id="path-traversal",
            title="Path traversal",
            cwe=22,
            languages=_ALL_LANGUAGES,
            action="opens a path built from",
            missing_control=(
                "containment check (resolved path verified to stay inside the base directory)"
            ),
            controls=(
                "realpath()/resolve() followed by startswith(base)/is_relative_to(base)/commonpath",
                "secure_filename() or os.path.basename() on the name",
                "send_from_directory() / res.sendFile(name, { root })",
            ),
            owasp="A01:2021 Broken Access Control",
        ),
        Rule(
            id="unsafe-deserialization",
            result_is_new=False,
            title="Deserialization of untrusted data",
            cwe=502,
            languages=_ALL_LANGUAGES,
            action="deserializes data from",
            missing_control="signature check or data-only format (JSON)",
            controls=(
                "json.loads() / JSON.parse() instead of pickle, marshal, jsonpickle or "
                "node-serialize",
                "an HMAC signature verified (hmac.compare_digest) before the bytes are loaded",
                "an allowlist of the values that may be loaded",
            ),
            owasp="A08:2021 Software and Data Integrity Failures",
        ),
        Rule(
            id="unsafe-yaml-load",
            result_is_new=False,
            title="YAML loaded with an unsafe loader",
            cwe=502,
            languages=("python",),
            action="",
            missing_control="safe loader (yaml.safe_load or Loader=yaml.SafeLoader)",
            controls=(
                "yaml.safe_load() / yaml.safe_load_all()",
                "yaml.load(data, Loader=yaml.SafeLoader) or yaml.CSafeLoader",
            ),
            dataflow=False,
            pattern_message=(
                "{sink} loads YAML with a loader that can build arbitrary Python objects: a "
                "document with a !!python/object tag runs code. Use yaml.safe_load() or "
                "Loader=yaml.SafeLoader."
            ),
            owasp="A08:2021 Software and Data Integrity Failures",
        ),
        Rule(
            id="code-injection",
            result_is_new=False,
            title="Code injection",
            cwe=95,
            languages=_ALL_LANGUAGES,
            action="evaluates code built from",
            missing_control="literal-only parser or allowlist",
            controls=(
                "ast.literal_eval() / json.loads() / JSON.parse() for data",
                "a dictionary or Map of allowed operations instead of evaluated text",
                "an anchored regex or allowlist check that dominates the call",
                "a function (not a string) passed to setTimeout/setInterval",
            ),
            owasp="A03:2021 Injection",
        ),
        Rule(
            id="tls-verification-disabled",
            title="TLS certificate verification disabled",
            cwe=295,
            languages=_ALL_LANGUAGES,
            action="",
            missing_control="certificate verification",
            controls=(
                "the default verify=True / rejectUnauthorized: true",
                'verify="/path/to/ca-bundle.pem" / { ca: fs.readFileSync(caPath) } for a '
                "private CA",
                "ssl.create_default_context() with check_hostname and CERT_REQUIRED left on",
            ),
            dataflow=False,
            pattern_message=(
                "{sink} turns off TLS certificate verification: anyone on the network path "
                "can impersonate the server and read or change the traffic. Keep verification "
                "on and trust a private CA bundle instead."
            ),
            owasp="A07:2021 Identification and Authentication Failures",
        ),
        Rule(
            id="weak-password-hash",
            title="Password hashed with a fast digest",
            cwe=916,
            languages=_ALL_LANGUAGES,
            action="",
            missing_control="slow, salted password hash (scrypt, bcrypt, argon2)",
            controls=(
                "hashlib.scrypt() / crypto.scrypt() with a random salt per password",
                "bcrypt, argon2 (argon2-cffi, argon2), passlib or Django's make_password()",
                "hashlib.pbkdf2_hmac() / crypto.pbkdf2() with a high iteration count",
            ),
            dataflow=False,
            pattern_message=(
                "{sink} hashes a password or secret with a fast digest: a leaked hash is "
                "cracked at billions of guesses per second. Use a slow, salted password hash: "
                "hashlib.scrypt (crypto.scrypt in Node), bcrypt or argon2."
            ),
            owasp="A02:2021 Cryptographic Failures",
        ),
        Rule(
            id="jwt-not-verified",
            result_is_new=False,
            title="JWT accepted without signature verification",
            cwe=347,
            languages=_ALL_LANGUAGES,
            action="",
            missing_control="signature verification with a fixed algorithm list",
            controls=(
                'jwt.decode(token, key, algorithms=["HS256"]) (PyJWT) with the default options',
                'jwt.verify(token, key, { algorithms: ["HS256"] }) (jsonwebtoken)',
                "jwt.get_unverified_header() / jwt.decode(token, { complete: true }) only to "
                "pick the key before verifying",
            ),
            dataflow=False,
            pattern_message=(
                "{sink} reads a JWT without verifying its signature against a fixed list of "
                "algorithms: anyone can forge the claims. Verify with the key and an explicit "
                "algorithms list."
            ),
            owasp="A02:2021 Cryptographic Failures",
        ),
        Rule(
            id="permissive-cors",
            title="Permissive CORS with credentials",
            cwe=942,
            languages=_ALL_LANGUAGES,
            action="",
            missing_control="origin allowlist",
            controls=(
                "an explicit list of trusted origins when credentials are allowed",
                "credentials left off for a public API that allows any origin",
                "an origin callback that checks the origin against an allowlist",
            ),
            dataflow=False,
            pattern_message=(
                "{sink} allows credentialed cross-origin requests from any origin: another "
                "site can call this API with the user's cookies and read the answer. List the "
                "trusted origins explicitly."
            ),
            owasp="A05:2021 Security Misconfiguration",
        ),
        Rule(
            id="debug-mode",
            title="Debug mode enabled",
            cwe=489,
            languages=("python",),
            action="",
            missing_control="debug switch read from the environment (off by default)",
            controls=(
                'debug=os.environ.get("FLASK_DEBUG") == "1" (off unless set)',
                'DEBUG = env.bool("DJANGO_DEBUG", default=False) in Django settings',
                "the `flask run --debug` / `manage.py runserver` development commands",
            ),
            dataflow=False,
            pattern_message=(
                "{sink} turns on debug mode in code that ships: error pages show source, "
                "settings and secrets, and the Werkzeug debugger gives anyone who reaches it a "
                "Python console. Read the switch from the environment, off by default."
            ),
            severity=Severity.WARNING,
            owasp="A05:2021 Security Misconfiguration",
        ),
        Rule(
            id="weak-randomness",
            title="Predictable random value used as a secret",
            cwe=330,
            languages=_ALL_LANGUAGES,
            action="",
            missing_control="cryptographically secure random generator",
            controls=(
                "secrets.token_urlsafe(), secrets.token_hex(), secrets.choice() (Python)",
                "crypto.randomBytes(), crypto.randomUUID(), crypto.randomInt(), "
                "crypto.getRandomValues() (JavaScript)",
                "random.SystemRandom() when the random module's API is needed",
            ),
            dataflow=False,
            pattern_message=(
                "{sink} generates a security value (token, password, key, one-time code) from "
                "a predictable pseudo-random generator: its output can be recovered or guessed. "
                "Use the secrets module (Python) or crypto.randomBytes/randomInt (JavaScript)."
            ),
            severity=Severity.WARNING,
            owasp="A02:2021 Cryptographic Failures",
        ),
        Rule(
            id="hardcoded-secret",
            title="Hard-coded secret",
            cwe=798,
            languages=_ALL_LANGUAGES,
            action="",
            missing_control="secret read from the environment or a secret manager",
            controls=(
                'os.environ["SECRET_KEY"] / process.env.API_KEY',
                "a secret manager or a git-ignored .env file loaded at start-up",
                'an obvious placeholder ("changeme", "<your-api-key>") in examples',
            ),
            dataflow=False,
            pattern_message=(
                "{sink} in the source code: everyone with the repository (and every copy of "
                "it) has the secret, and rotating it needs a release. Read it from the "
                "environment or a secret manager."
            ),
            owasp="A07:2021 Identification and Authentication Failures",
        ),
        Rule(
            id="missing-csrf",
            title="CSRF protection disabled",
            cwe=352,
            languages=_ALL_LANGUAGES,
            action="",
            missing_control="CSRF token check",
            controls=(
                "Django's CsrfViewMiddleware without @csrf_exempt on views that use cookies",
                "Flask-WTF's CSRFProtect(app) with WTF_CSRF_ENABLED left on",
                "a CSRF middleware (csrf-csrf, lusca) or SameSite=Strict/Lax session cookies "
                "in Express",
            ),
            dataflow=False,
            pattern_message=(
                "{sink} leaves requests authenticated by cookies without CSRF protection: "
                "another site can make the user's browser submit state-changing requests. Keep "
                "the CSRF token check (or verify a signature for webhooks)."
            ),
            severity=Severity.WARNING,
            owasp="A01:2021 Broken Access Control",
        ),
        Rule(
            id="insecure-cookie",
            title="Cookie without Secure or HttpOnly",
            cwe=614,
            languages=_ALL_LANGUAGES,
            action="",
            missing_control="Secure and HttpOnly cookie flags",
            controls=(
                'set_cookie(..., secure=True, httponly=True, samesite="Lax")',
                'res.cookie(name, value, { secure: true, httpOnly: true, sameSite: "lax" })',
                "SESSION_COOKIE_SECURE = True / cookie: { secure: true } in session settings",
            ),
            dataflow=False,
            pattern_message=(
                "{sink} lets a cookie leak: without Secure it is sent over plain HTTP, without "
                "HttpOnly any injected script can read it. Set secure=True and httponly=True "
                "(secure: true, httpOnly: true)."
            ),
            severity=Severity.WARNING,
            owasp="A05:2021 Security Misconfiguration",
        ),
        Rule(
            id="xxe",
            result_is_new=False,
            title="XML parsed from untrusted input",
            cwe=611,
            languages=("python",),
            action="parses XML from",
            missing_control="hardened parser (defusedxml)",
            controls=(
                "defusedxml.ElementTree.fromstring() / defusedxml.minidom.parseString()",
                "lxml with etree.XMLParser(resolve_entities=False, no_network=True)",
                "JSON instead of XML for data from clients",
            ),
            owasp="A05:2021 Security Misconfiguration",
        ),
        Rule(
            id="xxe-parser-config",
            title="XML parser configured to resolve external entities",
            cwe=611,
            languages=_ALL_LANGUAGES,
            action="",
            missing_control="entity resolution turned off",
            controls=(
                "etree.XMLParser(resolve_entities=False, no_network=True)",
                "libxmljs.parseXml(xml) without noent (entities left unexpanded)",
                "defusedxml for Python's standard library parsers",
            ),
            dataflow=False,
            pattern_message=(
                "{sink} configures an XML parser to expand external entities or fetch them "
                "over the network: a document can read local files (file:///etc/passwd) or "
                "make requests from the server. Leave entity resolution off (use defusedxml)."
            ),
            owasp="A05:2021 Security Misconfiguration",
        ),
        Rule(
            id="open-redirect",
            title="Open redirect",
            cwe=601,
            languages=_ALL_LANGUAGES,
            action="redirects to a URL built from",
            missing_control="same-site check (host allowlist or url_has_allowed_host_and_scheme)",
            controls=(
                "url_has_allowed_host_and_scheme() / a validator that dominates the redirect",
                "an allowlist of redirect targets, or a lookup of a target by name",
                'a constant path prefix ("/profile/" + id) or url_for()/reverse()',
            ),
            owasp="A01:2021 Broken Access Control",
        ),
        Rule(
            id="ssti",
            result_is_new=False,
            title="Server-side template injection",
            cwe=1336,
            languages=("python",),
            action="compiles a template from",
            missing_control="fixed template with the value passed as context",
            controls=(
                "a template file or constant template with the user's value passed as a variable",
                "jinja2.sandbox.SandboxedEnvironment for templates users may write",
            ),
            owasp="A03:2021 Injection",
        ),
        Rule(
            id="nosql-injection",
            title="NoSQL injection",
            cwe=943,
            languages=_ALL_LANGUAGES,
            action="runs a MongoDB query built from",
            missing_control="type check or sanitization of query operators",
            controls=(
                "String(x) / str(x) on each value, or a schema validator (zod, joi, pydantic)",
                "mongo-sanitize / mongoose.sanitizeFilter() on the filter",
                "no $where: query operators instead of JavaScript",
            ),
            owasp="A03:2021 Injection",
        ),
    )
}


def get_rule(rule_id: str) -> Rule | None:
    return CATALOG.get(rule_id)
