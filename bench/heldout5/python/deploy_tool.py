"""shipit: the deployment tool run by CI and by on-call engineers (argparse, click, sys.argv)."""

import argparse
import os
import shlex
import shutil
import subprocess
import sys

import click
import paramiko
import yaml

RELEASES_DIR = "/opt/shipit/releases"
STATE_DIR = "/var/lib/shipit"
HOOKS = {"warm-cache": "curl -fsS http://127.0.0.1:8080/internal/warm", "reindex": "/opt/app/bin/reindex --all"}
# registry credential written into the tool
# ruleid: hardcoded-secret
REGISTRY_PASSWORD = "dr0p-Kq9x!71aa"
# read from the environment
# ok: hardcoded-secret
REGISTRY_TOKEN = os.environ.get("SHIPIT_REGISTRY_TOKEN", "")


def parse_args():
    parser = argparse.ArgumentParser(prog="shipit")
    parser.add_argument("--env", choices=["staging", "production"], required=True)
    parser.add_argument("--tag", required=True)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--release", default="current")
    return parser.parse_args()


def switch_context(args):
    # --env is limited by argparse choices
    # ok: command-injection
    subprocess.run(f"kubectl config use-context shop-{args.env}", shell=True, check=True)


def pull_image(args):
    # free-form --tag in an os.system command line (argparse value) [beyond docs]
    # ruleid: command-injection
    os.system(f"docker pull registry.internal/shop:{args.tag}")


def scale(args):
    # --replicas parsed with type=int
    # ok: command-injection
    subprocess.run(f"kubectl scale deploy/shop --replicas={args.replicas}", shell=True, check=True)


def rollout(args):
    # argument list, no shell
    # ok: command-injection
    subprocess.run(["kubectl", "set", "image", "deploy/shop", f"shop=registry.internal/shop:{args.tag}"], check=True)


def prune_release(args):
    # argparse value names the directory removed under the releases folder [beyond docs]
    # ruleid: path-traversal
    shutil.rmtree(os.path.join(RELEASES_DIR, args.release))


def restart_remote():
    host = input("Host to restart: ").strip()
    # input() in a shell command line
    # ruleid: command-injection
    subprocess.check_call("ssh deploy@" + host + " sudo systemctl restart shop", shell=True)


def run_hook(name: str):
    if name not in HOOKS:
        raise SystemExit(f"unknown hook {name}")
    # command looked up in a constant table after a membership exit
    # ok: command-injection
    subprocess.Popen(HOOKS[name], shell=True)


def remote_tail(client: paramiko.SSHClient, service: str, lines: str):
    # remote command through paramiko's exec_command, which the remote shell parses [extended sink]
    # ruleid: command-injection
    _, stdout, _ = client.exec_command(f"journalctl -u {service} -n {lines}")
    return stdout.read()


def write_lock(owner: str):
    # lock file named by the second command-line argument
    # ruleid: path-traversal
    with open(os.path.join(STATE_DIR, sys.argv[2] + ".lock"), "w") as fh:
        fh.write(owner)


def load_manifest(manifest_text: str):
    # explicit unsafe Loader
    # ruleid: unsafe-yaml-load
    return yaml.load(manifest_text, Loader=yaml.Loader)


def load_manifest_fast(manifest_text: str):
    # CSafeLoader is a safe loader
    # ok: unsafe-yaml-load
    return yaml.load(manifest_text, Loader=yaml.CSafeLoader)


@click.group()
def cli():
    pass


@cli.command()
@click.option("--service", type=click.Choice(["shop", "search", "mailer"]), required=True)
@click.argument("ref")
def deploy(service, ref):
    # service limited by click.Choice
    # ok: command-injection
    subprocess.run(f"helm upgrade {service} ./charts/{service} --wait", shell=True, check=True)
    # free click argument in a shell command line
    # ruleid: command-injection
    subprocess.run(f"git -C /opt/src/{service} checkout {ref}", shell=True, check=True)
    # the same value quoted with shlex.quote
    # ok: command-injection
    subprocess.run(f"git -C /opt/src/{service} log -1 {shlex.quote(ref)}", shell=True, check=True)


@cli.command()
@click.argument("bundle")
def unpack(bundle):
    # click argument names the archive unpacked into the release folder
    # ruleid: path-traversal
    shutil.unpack_archive(bundle, RELEASES_DIR)


@cli.command()
@click.option("--name", required=True)
def announce(name):
    channel = name.lower()
    if not channel.isalnum():
        raise click.BadParameter("channel must be alphanumeric")
    # isalnum() with an exception exit [beyond docs]
    # ok: command-injection
    os.system(f"slack-notify --channel {channel} 'deploy finished'")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "legacy":
        args = parse_args()
        switch_context(args)
        pull_image(args)
        scale(args)
        rollout(args)
        prune_release(args)
        write_lock(os.environ.get("USER", "ci"))
        return
    cli()


if __name__ == "__main__":
    main()
