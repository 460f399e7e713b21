"""Backups for the shop's Postgres databases and media volume.

    backup-tool dump orders --dest=/mnt/backups/orders.sql
    backup-tool row_counts orders customers

Python Fire turns each public method of BackupTool into a sub-command and passes the
command-line words as its arguments.
"""

import datetime as dt
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import fire
import psycopg
from psycopg import sql

BACKUP_ROOT = Path(os.environ.get("BACKUP_ROOT", "/mnt/backups")).resolve()
MEDIA_ROOT = Path("/srv/media")
COMPRESSORS = {"gzip": "gzip -9", "zstd": "zstd -19 -T0", "xz": "xz -6"}
BACKUP_HOSTS = ("backup-1.internal", "backup-2.internal")
DSN = os.environ["BACKUP_DSN"]


class BackupTool:
    """Dump, restore, archive and ship backups."""

    def dump(self, db, dest=None, compress="gzip"):
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        target = dest or str(BACKUP_ROOT / f"{db}-{stamp}.sql")
        packer = COMPRESSORS.get(compress, COMPRESSORS["gzip"])
        # database name and destination from the command line in a shell pipeline
        # ruleid: command-injection
        subprocess.run(f"pg_dump {db} | {packer} > {target}.gz", shell=True, check=True)
        return target

    def dump_quoted(self, db, compress="zstd"):
        packer = COMPRESSORS.get(compress, COMPRESSORS["gzip"])
        out = BACKUP_ROOT / f"{db}.sql.zst"
        # every value quoted with shlex.quote; the compressor comes from a dictionary
        # ok: command-injection
        subprocess.run(f"pg_dump {shlex.quote(db)} | {packer} > {shlex.quote(str(out))}", shell=True, check=True)

    def restore(self, archive, db):
        # argument list, no shell
        # ok: command-injection
        subprocess.run(["pg_restore", "--clean", "--dbname", db, archive], check=True)

    def vacuum(self, table):
        with psycopg.connect(DSN, autocommit=True) as conn:
            # table name quoted with psycopg.sql.Identifier
            # ok: sql-injection
            conn.execute(sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(table)))

    def row_counts(self, *tables):
        with psycopg.connect(DSN) as conn, conn.cursor() as cur:
            for t in tables:
                # table names from argv formatted straight into the text
                # ruleid: sql-injection
                cur.execute(f"SELECT count(*) FROM {t}")
                print(t, cur.fetchone()[0])

    def prune_log(self, older_than_days):
        days = int(older_than_days)
        with psycopg.connect(DSN) as conn:
            # coerced with int() before the f-string
            # ok: sql-injection
            conn.execute(f"DELETE FROM backup_log WHERE created_at < now() - interval '{days} days'")

    def archive_media(self, subdir, name=None):
        src = MEDIA_ROOT / subdir
        base = BACKUP_ROOT / (name or subdir.replace("/", "-"))
        # both the archive's base name and the archived directory come from argv
        # ruleid: path-traversal
        shutil.make_archive(str(base), "gztar", root_dir=str(src))

    def restore_media(self, archive_name):
        archive = (BACKUP_ROOT / archive_name).resolve()
        if BACKUP_ROOT not in archive.parents:
            raise SystemExit(f"{archive_name} is outside {BACKUP_ROOT}")
        # resolved path, then .parents membership with an exit
        # ok: path-traversal
        shutil.unpack_archive(str(archive), str(MEDIA_ROOT))

    def copy_to(self, snapshot, destination):
        src = BACKUP_ROOT / Path(snapshot).name
        # the source is reduced to a file name, the destination is any path from argv
        # ruleid: path-traversal
        shutil.copy2(src, destination)

    def clean(self, job_id):
        job = str(int(job_id))
        # job id coerced with int()
        # ok: path-traversal
        shutil.rmtree(BACKUP_ROOT / "tmp" / job, ignore_errors=True)

    def offsite(self, host, remote_dir="/backups"):
        latest = max(BACKUP_ROOT.glob("*.gz"), key=os.path.getmtime)
        # host and remote directory put in an rsync command run by the shell
        # ruleid: command-injection
        os.system(f"rsync -az {latest} {host}:{remote_dir}/")

    def checksum(self, filename):
        if not re.fullmatch(r"[\w.-]+\.gz", filename):
            raise SystemExit("bad file name")
        # full-matched file-name pattern with no shell characters
        # ok: command-injection
        return os.popen(f"sha256sum {BACKUP_ROOT}/{filename}").read()

    def list_remote(self, host):
        if host not in BACKUP_HOSTS:
            raise SystemExit("unknown backup host")
        # host compared against a tuple of known hosts, exit otherwise
        # ok: command-injection
        return subprocess.check_output(f"ssh {host} 'ls -1t /backups | head -n 5'", shell=True, text=True)

    def tail_log(self, lines="50", grep=""):
        cmd = f"tail -n {int(lines)} /var/log/backup.log"
        if grep:
            cmd += f" | grep '{grep}'"
        # the grep pattern wrapped in quotes by hand; a quote in it ends them
        # ruleid: command-injection
        return subprocess.check_output(cmd, shell=True, text=True)


if __name__ == "__main__":
    fire.Fire(BackupTool)
