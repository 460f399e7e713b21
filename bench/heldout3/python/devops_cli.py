"""Developer tooling CLI: Typer commands plus a few Click commands."""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tarfile
from enum import Enum
from pathlib import Path

import click
import typer
import yaml

app = typer.Typer()
WORKSPACE = Path("/srv/workspace").resolve()
SERVICES = {"api": "api.service", "worker": "worker.service", "cron": "cron.service"}


class Env(str, Enum):
    staging = "staging"
    production = "production"


@app.command()
def logs(service: str, lines: int = 200) -> None:
    unit = SERVICES.get(service)
    if unit is None:
        raise typer.Exit(code=2)
    # unit name from a constant dict, line count typed int by Typer [beyond docs]
    # ok: command-injection
    os.system(f"journalctl -u {unit} -n {lines} --no-pager")


@app.command()
def grep(pattern: str, path: str = "/var/log/app") -> None:
    # Typer argument inside single quotes in a shell command
    # ruleid: command-injection
    subprocess.run(f"grep -rn '{pattern}' {path} | head -50", shell=True)


@app.command()
def grep_safe(pattern: str) -> None:
    # shlex.quote around the only user value
    # ok: command-injection
    subprocess.run(f"grep -rn {shlex.quote(pattern)} /var/log/app | head -50", shell=True)


@app.command()
def deploy(env: Env, ref: str = "main") -> None:
    # enum value is fine, but the git ref is free text in a shell string
    # ruleid: command-injection
    subprocess.check_call(f"./scripts/deploy.sh {env.value} {ref}", shell=True)


@app.command()
def checkout(ref: str) -> None:
    # argument list without a shell
    # ok: command-injection
    subprocess.check_call(["git", "-C", str(WORKSPACE), "checkout", "--", ref])


@app.command()
def show(relpath: str) -> None:
    target = (WORKSPACE / relpath).resolve()
    if not target.is_relative_to(WORKSPACE):
        raise typer.BadParameter("outside the workspace")
    # resolve + is_relative_to with a raise
    # ok: path-traversal
    typer.echo(target.read_text())


@app.command()
def cat(relpath: str) -> None:
    # Typer argument joined under the workspace
    # ruleid: path-traversal
    typer.echo(open(os.path.join(WORKSPACE, relpath)).read())


@app.command()
def load_config(config: Path) -> None:
    # yaml.load without a loader; the file is a CLI-supplied path
    # ruleid: unsafe-yaml-load
    # ruleid: path-traversal
    data = yaml.load(config.read_text())
    typer.echo(sorted(data))


@app.command()
def load_config_safe(config: Path) -> None:
    # safe_load; the file is a CLI-supplied path
    # ok: unsafe-yaml-load
    # ruleid: path-traversal
    data = yaml.safe_load(config.read_text())
    typer.echo(sorted(data))


@app.command()
def unpack(archive: Path, dest: Path = WORKSPACE / "unpacked") -> None:
    with tarfile.open(archive) as tar:
        # tar extraction with the data filter (rejects absolute and .. members) [beyond docs]
        # ok: path-traversal
        tar.extractall(dest, filter="data")


@click.group()
def cli() -> None:
    pass


@cli.command()
@click.argument("host")
def ping(host: str) -> None:
    # Click argument in os.popen
    # ruleid: command-injection
    click.echo(os.popen("ping -c 3 " + host).read())


@cli.command()
@click.argument("name")
def backup(name: str) -> None:
    # Click argument as the destination file name under /srv/backups [extended sink]
    # ruleid: path-traversal
    shutil.copyfile("/srv/workspace/db.sqlite3", f"/srv/backups/{name}.sqlite3")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["zip", "tar"]), default="tar")
def pack(fmt: str) -> None:
    # click.Choice limits the value to two literals [beyond docs]
    # ok: command-injection
    os.system(f"git archive --format={fmt} -o /tmp/ws.{fmt} HEAD")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "raw":
        # sys.argv joined into a shell command
        # ruleid: command-injection
        os.system("bash -lc " + " ".join(sys.argv[2:]))
        return
    # sys.argv path opened directly
    # ruleid: path-traversal
    with open(sys.argv[1]) as fh:
        print(fh.read())


if __name__ == "__main__":
    app()
