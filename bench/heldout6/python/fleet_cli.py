"""fleet: a Typer CLI that runs maintenance on remote hosts over SSH and locally."""

import asyncio
import enum
import os
import re
import shlex
import subprocess

import asyncssh
import paramiko
import sh
import typer

cli = typer.Typer()

SERVICES = {"web": "nginx", "queue": "rabbitmq-server", "cache": "redis-server"}
HOSTNAME = re.compile(r"^[a-z0-9][a-z0-9.-]{0,62}$")


class Action(str, enum.Enum):
    start = "start"
    stop = "stop"
    restart = "restart"


def _client(host):
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect(host, username="ops", key_filename=os.path.expanduser("~/.ssh/fleet"))
    return client


def _validate_host(host):
    if not HOSTNAME.fullmatch(host):
        raise typer.BadParameter(f"bad host {host!r}")


@cli.command()
def tail(host: str, unit: str, lines: int = 100):
    client = _client(host)
    # [extended sink] paramiko exec_command runs a shell line on the remote host; the unit is a CLI argument
    # ruleid: command-injection
    client.exec_command(f"journalctl -u {unit} -n {lines} --no-pager")
    # [extended sink] the unit quoted with shlex.quote, lines an int
    # ok: command-injection
    client.exec_command(f"journalctl -u {shlex.quote(unit)} -n {lines} --no-pager")


@cli.command()
def service(host: str, name: str, action: Action):
    unit = SERVICES.get(name)
    if unit is None:
        raise typer.Exit(2)
    client = _client(host)
    # [extended sink] unit looked up in a constant dict, action a Typer Enum of the file
    # ok: command-injection
    client.exec_command(f"sudo systemctl {action.value} {unit}")


@cli.command()
def grep_logs(pattern: str, path: str = "/var/log/syslog"):
    # local shell with the pattern wrapped in hand-written quotes
    # ruleid: command-injection
    os.system(f"grep -n '{pattern}' {path} | tail -n 50")
    # the same search as an argument list
    # ok: command-injection
    subprocess.run(["grep", "-n", "--", pattern, path], check=False)


@cli.command()
def ping(host: str):
    _validate_host(host)
    # a same-file validator that raises on anything but a host name
    # ok: command-injection
    subprocess.run(f"ping -c 3 {host}", shell=True, check=False)


@cli.command()
def traceroute(host: str):
    if not HOSTNAME.search(host):
        typer.echo("warning: unusual host name")
    # the regex result only prints a warning: no control
    # ruleid: command-injection
    subprocess.check_output("traceroute -m 12 " + host, shell=True)


@cli.command()
def disk(host: str, mount: str = "/"):
    # [extended sink] sh library: sh.bash("-c", line) hands the line to a shell
    # ruleid: command-injection
    sh.bash("-c", f"ssh {host} df -h {mount}")
    # [extended sink] sh library running local df with separate arguments: no shell
    # ok: command-injection
    sh.df("-h", mount)


async def _run_remote(host, command):
    async with asyncssh.connect(host, username="ops") as conn:
        # [extended sink] asyncssh conn.run(command) is a remote shell line; callers pass CLI text
        # ruleid: command-injection
        return await conn.run(command, check=False)


@cli.command()
def restart_worker(host: str, queue: str):
    asyncio.run(_run_remote(host, "supervisorctl restart worker-" + queue))


@cli.command()
def uptime_all(hosts: str):
    for host in hosts.split(","):
        asyncio.run(_run_remote(host, "uptime"))


@cli.command()
def fetch_config(host: str, remote_path: str, dest: str):
    client = _client(host)
    sftp = client.open_sftp()
    # [extended sink] paramiko sftp.get writes the local file named by the CLI argument
    # ruleid: path-traversal
    sftp.get(remote_path, dest)
    # a local file path given on the command line
    # ruleid: path-traversal
    with open(dest, encoding="utf-8") as fh:
        typer.echo(fh.read())


@cli.command()
def known_hosts():
    client = paramiko.SSHClient()
    # [beyond docs] paramiko AutoAddPolicy accepts any host key: no rule covers it, not reported
    # ok: tls-verification-disabled
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())


if __name__ == "__main__":
    cli()
