import shlex
import subprocess

from flask import Flask, abort, request

app = Flask(__name__)
TOOLS = ("uptime", "df", "free")


def is_valid_ref(ref):
    return ref.isalnum()


# ---------------------------------------------------------------- vulnerable


@app.route("/archive")
def archive():
    name = request.args["name"]
    # ruleid: python-cmdi-subprocess-shell-true
    subprocess.run(f"tar czf /tmp/{name}.tgz /srv/data", shell=True, check=True)


@app.route("/grep")
def grep():
    pattern = request.form.get("pattern")
    cmd = "grep -rn '" + pattern + "' /var/log/app"
    # ruleid: python-cmdi-subprocess-shell-true
    return subprocess.check_output(cmd, shell=True)


@app.route("/popen")
def popen():
    # ruleid: python-cmdi-subprocess-shell-true
    proc = subprocess.Popen(args="nslookup " + request.headers["X-Host"], shell=True, stdout=subprocess.PIPE)
    return proc.communicate()[0]


def tag(request):
    # ruleid: python-cmdi-subprocess-shell-true
    subprocess.call("git tag %s" % request.POST["tag"], shell=True)


# ---------------------------------------------------------------- safe


@app.route("/archive2")
def archive_list():
    name = request.args["name"]
    # argument list, no shell
    # ok: python-cmdi-subprocess-shell-true
    subprocess.run(["tar", "czf", f"/tmp/{name}.tgz", "/srv/data"], check=True)


@app.route("/archive3")
def archive_quoted():
    name = shlex.quote(request.args["name"])
    # ok: python-cmdi-subprocess-shell-true
    subprocess.run(f"tar czf /tmp/{name}.tgz /srv/data", shell=True, check=True)


@app.route("/tool")
def tool():
    t = request.args["tool"]
    if t not in TOOLS:
        abort(404)
    # ok: python-cmdi-subprocess-shell-true
    return subprocess.check_output(t, shell=True)


@app.route("/checkout")
def checkout():
    ref = request.args["ref"]
    if not is_valid_ref(ref):
        return "invalid", 400
    # ok: python-cmdi-subprocess-shell-true
    return subprocess.check_output("git checkout " + ref, shell=True)


@app.route("/explicit")
def explicit_false():
    # shell=False runs the string as a program name: no shell parsing
    # ok: python-cmdi-subprocess-shell-true
    subprocess.run(request.args["prog"], shell=False)


# ---------------------------------------------------------------- Bottle and Azure Functions
import azure.functions as func
import bottle


@bottle.post("/archive")
def bottle_archive():
    label = bottle.request.forms.get("label", "")
    # ruleid: python-cmdi-subprocess-shell-true
    subprocess.run("tar czf /srv/archive/" + label + ".tgz /srv/notes", shell=True)


def bottle_theme(request):
    theme = request.get_cookie("theme", "light")
    # ruleid: python-cmdi-subprocess-shell-true
    subprocess.run("sass themes/" + theme + ".scss", shell=True)
    owner = request.get_cookie("owner", secret="k")
    # ok: python-cmdi-subprocess-shell-true
    subprocess.run("echo " + owner, shell=True)


def azure_render(req: func.HttpRequest) -> func.HttpResponse:
    invoice_id = req.route_params.get("invoice_id")
    # ruleid: python-cmdi-subprocess-shell-true
    subprocess.run(f"wkhtmltopdf /invoices/{invoice_id} out.pdf", shell=True)
    return func.HttpResponse(status_code=202)
