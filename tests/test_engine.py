"""Engine behaviour beyond the fixtures: messages, severities, paths, settings, hard input."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from unguarded.analysis import AnalysisSettings, Finding, OriginKind, analyze
from unguarded.catalog import Severity
from unguarded.documents import LANGUAGES, Document, language_for_path


def run(
    source: str, language: str = "python", settings: AnalysisSettings | None = None
) -> list[Finding]:
    document = Document.from_text("file:///t", LANGUAGES[language], textwrap.dedent(source))
    return analyze(document, settings)


def lines(findings: list[Finding]) -> list[int]:
    return [finding.line + 1 for finding in findings]


def test_message_names_sink_origin_and_missing_control() -> None:
    [finding] = run(
        """\
        import requests
        from flask import request

        def proxy():
            url = request.args.get("url")
            return requests.get(url)
        """
    )
    assert finding.rule_id == "ssrf"
    assert finding.severity is Severity.ERROR
    assert finding.origin_kind is OriginKind.UNTRUSTED
    assert finding.message == (
        'requests.get() fetches a URL built from untrusted input request.args.get("url") '
        "(line 5) with no host allowlist or URL validator before it."
    )
    assert [step.span.start[0] + 1 for step in finding.path] == [5, 5]
    assert finding.path[0].label == 'request.args.get("url")'
    assert finding.path[1].label == 'url = request.args.get("url")'


def test_parameter_origin_is_a_warning_and_says_so() -> None:
    [finding] = run(
        """\
        import os

        def clean(path):
            os.system("rm -rf " + path)
        """
    )
    assert finding.severity is Severity.WARNING
    assert finding.origin_kind is OriginKind.PARAMETER
    assert "parameter 'path' of clean(), whose callers are unknown" in finding.message


def test_path_follows_each_step_in_order() -> None:
    [finding] = run(
        """\
        import os
        from flask import request

        def run():
            name = request.form["name"]
            cleaned = name.strip()
            command = f"grep {cleaned} /var/log/app.log"
            os.system(command)
        """
    )
    assert [step.span.start[0] + 1 for step in finding.path] == [5, 5, 6, 7]


@pytest.mark.parametrize(
    "guard",
    [
        "if not is_allowed(url):\n        abort(400)",
        'if urlparse(url).hostname not in ALLOWED:\n        return "no"',
        "assert url in ALLOWED",
        'if url != "https://a.example/x":\n        raise ValueError(url)',
        "validate_url(url)",
    ],
)
def test_dominating_guards_silence(guard: str) -> None:
    source = f"""\
import requests
from flask import request, abort
from urllib.parse import urlparse

ALLOWED = {{"a.example"}}

def validate_url(value):
    if urlparse(value).hostname not in ALLOWED:
        raise ValueError(value)

def proxy():
    url = request.args["url"]
    {guard}
    return requests.get(url)
"""
    assert run(source) == []


@pytest.mark.parametrize(
    "not_a_control",
    [
        "if not url:\n        abort(400)",
        "if url is None:\n        abort(400)",
        "if len(url) > 2000:\n        abort(400)",
        "if not isinstance(url, str):\n        abort(400)",
        'if not url.startswith("https://"):\n        abort(400)',
        'if urlparse(url).scheme not in ("http", "https"):\n        abort(400)',
        'if "localhost" in url:\n        abort(400)',
    ],
)
def test_trivial_checks_are_not_controls(not_a_control: str) -> None:
    source = f"""\
import requests
from flask import request, abort
from urllib.parse import urlparse

def proxy():
    url = request.args["url"]
    {not_a_control}
    return requests.get(url)
"""
    assert lines(run(source)) == [9]


def test_guard_before_the_definition_does_not_count() -> None:
    source = """\
        import requests
        from flask import request, abort

        def proxy(url):
            if not is_allowed(url):
                abort(400)
            url = request.args["other"]
            return requests.get(url)
        """
    assert lines(run(source)) == [8]


def test_sink_in_the_invalid_branch_is_reported() -> None:
    source = """\
        import requests
        from flask import request

        def proxy():
            url = request.args["url"]
            if url in ALLOWED:
                return "cached"
            else:
                return requests.get(url)
        """
    assert lines(run(source)) == [9]


def test_value_overwritten_with_a_constant() -> None:
    source = """\
        import os
        from flask import request

        def run():
            command = request.args["c"]
            command = "uptime"
            os.system(command)
        """
    assert run(source) == []


def test_branch_assignment_keeps_the_earlier_value() -> None:
    source = """\
        import os
        from flask import request

        def run(flag):
            command = request.args["c"]
            if flag:
                command = "uptime"
            os.system(command)
        """
    assert lines(run(source)) == [8]


def test_dead_branch_and_test_functions() -> None:
    source = """\
        import os
        from flask import request

        def run():
            if False:
                os.system(request.args["c"])

        def test_run(tmp_command):
            os.system(tmp_command)
        """
    assert run(source) == []


def test_closure_helper_summary_and_loop() -> None:
    source = """\
        import os
        from flask import request

        def build(name):
            return "ls " + name

        def handler():
            names = request.args.getlist("n")
            def go():
                for name in names:
                    os.system(build(name))
            go()
        """
    [finding] = run(source)
    assert finding.line + 1 == 11
    assert finding.severity is Severity.ERROR


def test_helper_that_escapes_is_a_sanitizer() -> None:
    source = """\
        import os, shlex
        from flask import request

        def quoted(value):
            return shlex.quote(value)

        def handler():
            os.system("ls " + quoted(request.args["d"]))
        """
    assert run(source) == []


def test_declared_validators_and_sanitizers() -> None:
    source = """\
        import os
        from flask import request

        def handler():
            name = request.args["d"]
            vet(name)
            os.system("ls " + name)
            os.system("ls " + scrub(request.args["e"]))
        """
    assert lines(run(source)) == [7, 8]
    settings = AnalysisSettings(
        validators={"command-injection": ("acme.vet",)},
        sanitizers={"*": ("scrub",)},
    )
    assert run(source, settings=settings) == []


def test_disabled_rule_and_severity_override() -> None:
    source = 'import os\nfrom flask import request\nos.system(request.args["c"])\n'
    assert (
        run(source, settings=AnalysisSettings(disabled_rules=frozenset({"command-injection"})))
        == []
    )
    [finding] = run(
        source, settings=AnalysisSettings(severity_overrides={"command-injection": Severity.INFO})
    )
    assert finding.severity is Severity.INFO


def test_javascript_destructuring_callbacks_and_promises() -> None:
    source = """\
        const { exec } = require("child_process");
        app.post("/a", async (req, res) => {
          const { host, port } = req.body;
          [host].forEach((h) => exec("ping " + h));
          fetchConfig().then((config) => exec(config.command));
          const n = Number(port);
          exec(`nc -z localhost ${n}`);
        });
        """
    assert lines(run(source, "javascript")) == [4]


def test_typescript_number_parameter_is_safe() -> None:
    source = """\
        export function byId(db: Pool, id: number, name: string) {
          db.query(`SELECT * FROM t WHERE id = ${id}`);
          db.query(`SELECT * FROM t WHERE name = '${name}'`);
        }
        """
    [finding] = run(source, "typescript")
    assert finding.line + 1 == 3
    assert "parameter 'name'" in finding.message


def test_half_typed_code_still_reports_complete_sinks() -> None:
    source = """\
        import os
        from flask import request

        def done():
            os.system(request.args["c"])

        def typing_now(x
            if x ==
        """
    assert lines(run(source)) == [5]


def test_a_sink_whose_value_is_still_missing_is_analysed() -> None:
    # A damaged line where tree-sitter inserts a zero-width MISSING identifier as the
    # value of `...innerHTML =`: a lookup by byte range finds the `;` that starts there
    # instead, and the analysis failed with StaleCache. No value is written yet: no finding.
    source = """\
        useEffect(() => {
          covconst u = .argument("<q>")"iframe"er.current.innerHTML =;
        }
        document.body.innerHTML = location.hash;
        """
    # (Error recovery makes one statement of lines 1-4: the one finding is the last line's.)
    [finding] = run(source, "tsx")
    assert finding.rule_id == "xss" and "location.hash" in finding.message


@pytest.mark.parametrize(
    "expression",
    [
        "(" * 10_000 + 'request.args["a"]' + ")" * 10_000,
        'request.args["a"]' + ' + "x"' * 10_000,
    ],
)
def test_ten_thousand_deep_expressions(expression: str) -> None:
    source = f"import os\nfrom flask import request\nx = {expression}\nos.system(x)\n"
    assert lines(run(source)) == [4]


def test_ten_thousand_deep_conditions() -> None:
    condition = " and ".join(["x"] * 10_000)
    header = 'import os\nfrom flask import request\nx = request.args["a"]\n'
    source = f"{header}if {condition}:\n    os.system(x)\n"
    assert lines(run(source)) == [5]


def test_attributes_assigned_in_other_methods_and_dict_fields() -> None:
    source = """\
        import requests
        from flask import request

        class Fetcher:
            def __init__(self):
                self.url = request.args["url"]
                self.base = "https://api.example.com/"

            def run(self):
                requests.get(self.base)
                return requests.get(self.url)

        def handler():
            params = {"q": "x"}
            params["target"] = request.args["t"]
            requests.get(params["q"])
            requests.get(params["target"])
        """
    assert lines(run(source)) == [11, 17]


def test_react_class_component_props_are_parameters() -> None:
    source = """\
        class Bio extends React.Component {
          render() {
            return <div dangerouslySetInnerHTML={{ __html: this.props.html }} />;
          }
        }
        """
    [finding] = run(source, "javascript")
    assert finding.severity is Severity.WARNING
    assert "props of component Bio" in finding.message


def test_html_responses_with_markup_are_xss() -> None:
    source = """\
        from flask import Flask, request, make_response, jsonify
        app = Flask(__name__)

        @app.route("/hello")
        def hello():
            name = request.args.get("name", "")
            if name == "json":
                return jsonify({"name": name})
            if name.startswith("x"):
                return f"Hello {name}"
            page = f"<h1>Hello {name}</h1>"
            return page

        @app.route("/resp")
        def resp():
            return make_response("<p>" + request.args["q"] + "</p>")

        def not_a_view(name):
            return f"<b>{name}</b>"
        """
    assert lines(run(source)) == [12, 16]
    js = """\
        app.get("/hi", (req, res) => {
          res.send(`<h1>Hello ${req.query.name}</h1>`);
          res.send({ name: req.query.name });
          res.status(200).send("<p>" + req.query.name + "</p>");
        });
        """
    assert lines(run(js, "javascript")) == [2, 4]


def test_shell_dash_c_argument_lists() -> None:
    source = """\
        import subprocess
        from flask import request

        def run():
            subprocess.run(["bash", "-c", "ls " + request.args["d"]])
            subprocess.run(["ls", request.args["d"]])
        """
    assert lines(run(source)) == [5]
    js = """\
        const { spawn } = require("child_process");
        app.get("/x", (req, res) => {
          spawn("sh", ["-c", `ls ${req.query.d}`]);
          spawn("ls", [req.query.d]);
        });
        """
    assert lines(run(js, "javascript")) == [3]


def test_uploaded_file_saved_to_a_user_chosen_name() -> None:
    source = """\
        import os
        from flask import request
        from werkzeug.utils import secure_filename

        def upload():
            f = request.files["file"]
            f.save(os.path.join("/srv/uploads", f.filename))
            f.save(os.path.join("/srv/uploads", secure_filename(f.filename)))
        """
    assert lines(run(source)) == [7]


def test_promisified_exec_and_module_aliases() -> None:
    source = """\
        const util = require("util");
        const cp = require("node:child_process");
        const run = util.promisify(cp.exec);
        const execAsync = util.promisify(require("child_process").exec);
        const re = /a/;
        app.get("/x", async (req, res) => {
          await run("git log " + req.query.ref);
          await execAsync(`du -sh ${req.query.dir}`);
          re.exec(req.query.q);
        });
        """
    assert lines(run(source, "javascript")) == [7, 8]


def test_predicate_defined_in_the_file_is_a_validator() -> None:
    source = """\
        import requests
        from urllib.parse import urlparse
        from flask import request

        PARTNERS = {"api.partner.example"}

        def host_ok(candidate):
            if not candidate:
                return False
            return urlparse(candidate).hostname in PARTNERS

        def unrelated(candidate):
            return candidate.upper()

        def proxy():
            url = request.args["url"]
            if host_ok(url):
                requests.get(url)
            if unrelated(url):
                requests.get(url)
        """
    assert lines(run(source)) == [20]


def test_callers_in_the_file_decide_a_helpers_parameters() -> None:
    source = """\
        import os
        from flask import request

        def handler():
            def sh(command):
                os.system(command)
            sh("uptime")

        def other():
            def sh(command):
                os.system(command)
            sh("ls " + request.args["d"])

        def _private(path):
            return open(path)

        def view():
            _private("/etc/motd")

        def public_api(path):
            return open(path)
        """
    findings = run(source)
    assert lines(findings) == [11, 21]
    assert findings[0].severity is Severity.ERROR
    assert findings[1].severity is Severity.WARNING


def test_callbacks_and_lambdas() -> None:
    source = """\
        import requests
        from concurrent.futures import ThreadPoolExecutor
        from flask import request

        def crawl():
            urls = request.json["urls"]
            with ThreadPoolExecutor() as pool:
                list(pool.map(lambda u: requests.get(u), urls))
            fetch = lambda u: requests.get(u)
            fetch(urls[0])
        """
    assert lines(run(source)) == [8, 9]
    js = """\
        app.get("/ids", async (req, res) => {
          const ids = String(req.query.ids).split(",");
          const marks = ids.map((_, i) => `$${i + 1}`).join(",");
          await pool.query(`SELECT * FROM t WHERE id IN (${marks})`, ids);
          const numbers = ids.map(Number);
          await pool.query(`SELECT * FROM t WHERE id IN (${numbers.join(",")})`);
          const items = ids.map((id) => `<li>${id}</li>`).join("");
          document.body.innerHTML = items;
          const clean = ids.map((id) => DOMPurify.sanitize(id)).join("");
          document.body.innerHTML = clean;
        });
        """
    assert lines(run(js, "javascript")) == [8]


def test_regex_and_prefix_checks_must_be_sound() -> None:
    source = """\
        import os, re, subprocess
        from flask import request, abort

        BASE = "/srv/files/"

        def a():
            name = request.args["n"]
            if not re.search(r"[a-z]+", name):
                abort(400)
            subprocess.run("ls " + name, shell=True)

        def b():
            name = request.args["n"]
            if not re.fullmatch(r"[a-z]+", name):
                abort(400)
            subprocess.run("ls " + name, shell=True)

        def c():
            path = os.path.join(BASE, request.args["n"])
            if not path.startswith(BASE):
                abort(400)
            return open(path)

        def d():
            path = os.path.realpath(os.path.join(BASE, request.args["n"]))
            if not path.startswith(BASE):
                abort(400)
            return open(path)

        def e():
            name = request.args["n"]
            if not name.endswith(".txt"):
                abort(400)
            return open(os.path.join(BASE, name))
        """
    assert lines(run(source)) == [10, 22, 34]


def test_dict_fields_and_reassigning_ifs() -> None:
    source = """\
        import os
        from flask import request

        TOOLS = {"ls", "df"}

        def a():
            opts = {"table": "users", "order": request.args["o"]}
            db.execute(f"SELECT * FROM {opts['table']}")
            db.execute(f"SELECT * FROM t ORDER BY {opts['order']}")

        def b():
            tool = request.args["t"]
            if tool not in TOOLS:
                tool = "ls"
            os.system(tool)

        def c(flag):
            source = request.args["s"]
            if flag:
                source = "a"
            else:
                source = "b"
            os.system(source)
        """
    assert lines(run(source)) == [9]


def test_request_fields_events_state_and_links() -> None:
    source = """\
        const fs = require("fs");
        module.exports = () => ({ params }, res, next) => {
          fs.readFileSync("logs/" + params.file);
        };
        form.on("field", (name, value) => {
          fs.writeFileSync("uploads/" + value, "");
        });
        """
    assert lines(run(source, "javascript")) == [3, 6]
    tsx = """\
        export function Title() {
          const [title, setTitle] = useState("");
          useEffect(() => setTitle(window.location.hash.slice(1)), []);
          return <h2 dangerouslySetInnerHTML={{ __html: title }} />;
        }
        export function Link({ site }: { site: string }) {
          const ok = /^https?:\\/\\//.test(site);
          return (
            <div>
              <a href={site}>x</a>
              <a href={`/users/${site}`}>y</a>
              {ok ? <a href={site}>z</a> : null}
            </div>
          );
        }
        """
    assert lines(run(tsx, "tsx")) == [4, 10]


def test_template_sources_are_not_fixed_by_html_escaping() -> None:
    source = """\
        import html
        from flask import request, render_template_string
        from markupsafe import Markup, escape

        def a():
            return render_template_string("<p>" + html.escape(request.args["n"]) + "</p>")

        def b():
            return Markup("<p>" + escape(request.args["n"]) + "</p>")
        """
    assert lines(run(source)) == [6]


def test_declared_sources_and_sinks() -> None:
    source = """\
        from acme.http import param
        from acme import shell

        def handler():
            shell.run("ls " + param("dir"))
            shell.run("ls /tmp")
        """
    assert run(source) == []
    settings = AnalysisSettings(
        sources=("acme.http.param",), sinks={"command-injection": ("acme.shell.run",)}
    )
    findings = run(source, settings=settings)
    assert lines(findings) == [5]
    assert findings[0].severity is Severity.ERROR


def test_validators_are_judged_by_their_bodies() -> None:
    source = """\
        import ipaddress, socket, requests
        from urllib.parse import urlparse

        def is_safe_url(url):
            return urlparse(url).scheme in ("http", "https")

        def is_public(url):
            parsed = urlparse(url)
            if not parsed.hostname:
                return False
            for info in socket.getaddrinfo(parsed.hostname, None):
                addr = ipaddress.ip_address(info[4][0])
                if addr.is_private or addr.is_loopback:
                    return False
            return True

        def a(url):
            if not is_safe_url(url):
                raise ValueError(url)
            return requests.get(url)

        def b(url):
            if not is_public(url):
                raise ValueError(url)
            return requests.get(url)
        """
    assert lines(run(source)) == [20]


def test_clients_on_self_and_script_entry_points() -> None:
    source = """\
        import os, sys, requests

        class Client:
            def __init__(self):
                self.session = requests.Session()

            def fetch(self, url):
                return self.session.get(url)

        def main(argv):
            command = argv[1]
            if command == "vacuum":
                os.system("sqlite3 db 'VACUUM INTO " + argv[2] + "'")

        if __name__ == "__main__":
            main(sys.argv)
        """
    findings = run(source)
    assert lines(findings) == [8, 13]
    assert findings[1].severity is Severity.ERROR


def test_javascript_idioms() -> None:
    source = """\
        const api = axios.create({ timeout: 5000 });
        app.get("/x", (ctx) => {
          const theme = ctx.query.theme;
          if (["light", "dark"].indexOf(theme) === -1) ctx.throw(400, "bad theme");
          document.body.outerHTML = `<body class="${theme}">`;
          const slug = String(ctx.query.slug).replace(/[^a-z0-9-]/g, "");
          fs.readFileSync(path.join(POSTS, slug + ".md"));
          $("#tags").append("<span>" + ctx.query.tag + "</span>");
          $("#tags").append(document.createTextNode(ctx.query.tag));
          api.post(ctx.query.hook);
        });
        """
    assert lines(run(source, "javascript")) == [8, 10]


SECRETS_AND_SETTINGS = """\
import requests

API_KEY = "sk_live_4f9a7c1e5b2d8f4a6c0e"
DEBUG_SESSION = requests.get("https://internal", verify=False)
"""


@pytest.mark.parametrize(
    ("uri", "reported"),
    [
        ("file:///app/settings.py", True),
        ("file:///app/tests/settings.py", True),  # a tests/ folder alone is not test code
        ("file:///app/tests/test_settings.py", False),
        ("file:///app/settings_test.py", False),
        ("file:///app/conftest.py", False),
        ("file:///lib/jupyter_server/pytest_plugin.py", False),  # pytest fixtures exported
        ("file:///lib/pkg/db_fixtures.py", False),
        ("file:///app/fixtures/settings.py", True),
        ("untitled:Untitled-1", True),
    ],
)
def test_pattern_rules_stay_quiet_in_test_modules(uri: str, reported: bool) -> None:
    document = Document.from_text(uri, LANGUAGES["python"], SECRETS_AND_SETTINGS)
    rules = sorted(finding.rule_id for finding in analyze(document))
    expected = ["hardcoded-secret", "tls-verification-disabled"] if reported else []
    assert rules == expected


@pytest.mark.parametrize(
    ("uri", "reported"),
    [
        ("file:///web/src/config.ts", True),
        ("file:///web/src/config.test.ts", False),
        ("file:///web/src/config.spec.tsx", False),
        ("file:///web/src/__tests__/config.ts", False),
        ("file:///web/src/__mocks__/config.ts", False),
    ],
)
def test_javascript_test_files_by_name_and_jest_folders(uri: str, reported: bool) -> None:
    text = (
        'const client = new Stripe("sk_live_4f9a7c1e5b2d8f4a6c0e");\n'
        'const jwtSecret = "b7c1e0a94f2d4e6a8c3b";\n'
    )
    document = Document.from_text(uri, LANGUAGES["typescript"], text)
    assert bool(analyze(document)) is reported


def test_test_case_classes_are_test_code_but_lookalikes_are_not() -> None:
    findings = run(
        """\
        class TestLogin:
            password = "Tr0ub4dor&3-horse-battery"

        class LoginTests(unittest.TestCase):
            password = "Tr0ub4dor&3-horse-battery"

        class Testimonials:
            api_key = "3f9a7c1e5b2d8f4a6c0e9b7d"
        """
    )
    assert lines(findings) == [8]


FLASK_APP = """\
from flask import Flask, jsonify, request, session
{imports}

app = Flask(__name__)
{setup}

@app.{route}
def update():
    session["theme"] = request.{body}
    return jsonify(ok=True)
"""


@pytest.mark.parametrize(
    ("fields", "reported"),
    [
        ({}, True),
        ({"route": 'post("/theme")'}, True),
        ({"factory": True}, True),
        # Protections: CSRFProtect on the app, in a factory, or Flask-WTF forms.
        ({"imports": "from flask_wtf.csrf import CSRFProtect", "setup": "CSRFProtect(app)"}, False),
        (
            {"imports": "from myapp.extensions import csrf", "setup": "csrf.init_app(app)"},
            False,
        ),
        ({"imports": "from flask_wtf import FlaskForm"}, False),
        # Nothing to forge: read-only routes, or no cookie-backed state.
        ({"route": 'route("/theme", methods=["GET"])'}, False),
        ({"route": 'route("/theme")'}, False),
        ({"body": "get_json()['theme']", "session": False}, False),
    ],
)
def test_flask_app_with_state_changing_routes_and_no_csrf_protection(
    fields: dict[str, object], reported: bool
) -> None:
    source = FLASK_APP.format(
        imports=fields.get("imports", ""),
        setup=fields.get("setup", "# A comment about CSRF does not protect anything."),
        route=fields.get("route", 'route("/theme", methods=["POST"])'),
        body=fields.get("body", "form['theme']"),
    )
    if fields.get("session") is False:
        source = source.replace('session["theme"] = ', "theme = ").replace(", session", "")
    if fields.get("factory"):
        body = source.split("\n", 2)[2]
        source = (
            source.split("\n", 1)[0]
            + "\n\ndef create_app():\n"
            + textwrap.indent(body, "    ")
            + "    return app\n"
        )
    findings = [f for f in run(source) if f.rule_id == "missing-csrf"]
    assert bool(findings) is reported, source
    if reported:
        assert findings[0].sink_name == "Flask app with state-changing routes and no CSRFProtect"


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    "fixture",
    [
        "sql-injection/repository_methods.py",
        "path-traversal/attachment_store.py",
        "sql-injection/repository_methods.ts",
        "code-injection/named_message_listener.js",
        "path-traversal/cli_exports.ts",
    ],
)
@pytest.mark.parametrize("lead", ["\n\n", "  \n", "// lead\n\n"])
def test_text_before_the_first_statement_changes_no_finding(fixture: str, lead: str) -> None:
    """The tree's root starts at the first token: blank lines (or a comment, which the
    root does not hold in every grammar) before it must not shift what a search of the
    text finds (the calls of a method, a listener's registration, commander options)."""
    path = FIXTURES / fixture
    language = language_for_path(path)
    assert language is not None
    if lead.startswith("//") and language.family == "python":
        lead = "# lead\n\n"
    text = path.read_text(encoding="utf-8")
    plain = analyze(Document.from_text(path.as_uri(), language, text))
    led = analyze(Document.from_text(path.as_uri(), language, lead + text))
    shift = len(lead.encode())
    assert [(f.rule_id, f.span.start_byte + shift, [s.label for s in f.path]) for f in plain] == [
        (f.rule_id, f.span.start_byte, [s.label for s in f.path]) for f in led
    ]


def test_a_regex_of_the_analysed_code_raises_no_warning_in_the_server() -> None:
    # Python warns about "possible nested set" in `[[...]]` patterns: the pattern is the
    # analysed code's, and such warnings only clutter the server's log.
    import warnings

    from unguarded.analysis.flow import regex_site_check

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert regex_site_check(r"^[[a-z]]+$", "ssrf") is None


def test_js_name_in_its_own_initializer_reads_no_outer_binding() -> None:
    # Half-typed code: after `const cmd = normalize(` the next statement parses as an
    # argument of the call. Its `cmd` is the declared one (temporal dead zone), not the
    # outer parameter that the request reaches.
    source = """
        const { exec } = require("child_process");
        const app = require("express")();
        function run(cmd) {
          const job = () => {
            const cmd = normalize(
            exec(cmd);
          };
          job();
        }
        function runOuter(cmd) {
          const job = () => {
            const other = normalize(
            exec(cmd);
          };
          job();
        }
        app.post("/r", (req, res) => { run(req.body.cmd); runOuter(req.body.cmd); });
    """
    assert lines(run(source, "javascript")) == [14]


def test_a_check_on_one_keyed_read_does_not_check_the_mapping() -> None:
    # `room = body.get("room")` checked says nothing about `body.get("note")`, as
    # `body["room"]` checked says nothing about `body["note"]`.
    source = """
        import sqlite3
        from flask import Flask, abort, request
        app = Flask(__name__)
        ROOMS = {"atrium", "library"}
        @app.post("/book")
        def book():
            room = request.get_json().get("room")
            if room not in ROOMS:
                abort(400)
            db = sqlite3.connect("x.db")
            db.execute(f"SELECT 1 FROM rooms WHERE name = '{room}'")
            db.execute(f"SELECT 1 FROM notes WHERE body = '{request.get_json().get('note')}'")
    """
    assert lines(run(source)) == [13]


def test_a_loop_check_on_a_transformed_copy_does_not_check_the_list() -> None:
    source = """
        import sqlite3
        from flask import Flask, abort, request
        app = Flask(__name__)
        ROOMS = {"atrium", "library"}
        @app.post("/close")
        def close():
            rooms = request.get_json().get("rooms", [])
            names = [r.split(":")[0] for r in rooms]
            for name in names:
                if name not in ROOMS:
                    abort(400)
            db = sqlite3.connect("x.db")
            db.execute(f"DELETE FROM rooms WHERE name IN ({','.join(rooms)})")
            for room in rooms:
                room = room.split(":")[0]
                if room not in ROOMS:
                    abort(400)
            db.execute(f"DELETE FROM rooms WHERE name IN ({','.join(rooms)})")
    """
    assert lines(run(source)) == [14, 19]
