#!/usr/bin/env python3
"""Sort a camera card into the family photo library.

usage: photo_organizer.py CARD_DIR [SHARE_SERVER]

Reads EXIF with exiftool, asks for an album name, moves the photos into the library,
records them in sqlite and optionally uploads a preview to the family share server.
"""

import asyncio
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import requests
import yaml

LIBRARY = Path.home() / "Pictures" / "Library"
SHARE_API = "https://share.family-photos.example.net/api"
CONFIG = Path.home() / ".config" / "photo_organizer.yaml"


async def read_exif(photo: Path) -> dict:
    # a file name found on the card, inside hand-written quotes in a shell command [extended sink]
    # ruleid: command-injection
    proc = await asyncio.create_subprocess_shell(f"exiftool -json '{photo}'", stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return json.loads(out)[0]


async def read_exif_safe(photo: Path) -> dict:
    # the same call without a shell [extended sink]
    # ok: command-injection
    proc = await asyncio.create_subprocess_exec("exiftool", "-json", str(photo), stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return json.loads(out)[0]


def load_config() -> dict:
    with CONFIG.open(encoding="utf-8") as fh:
        # PyYAML with the safe loader
        # ok: unsafe-yaml-load
        return yaml.load(fh, Loader=yaml.SafeLoader) or {}


def record(db: sqlite3.Connection, dest: Path, album: str, taken: str) -> None:
    # the album typed at the prompt, pasted into the INSERT
    # ruleid: sql-injection
    db.execute(f"INSERT INTO photos (path, album, taken) VALUES ('{dest}', '{album}', '{taken}')")
    # the same row with placeholders
    # ok: sql-injection
    db.execute("INSERT INTO photos (path, album, taken) VALUES (?, ?, ?)", (str(dest), album, taken))


async def main() -> None:
    card = Path(sys.argv[1])
    config = load_config()
    album = input("Album name: ").strip()
    db = sqlite3.connect(LIBRARY / "photos.db")
    for photo in sorted(card.rglob("*.jpg")):
        exif = await read_exif(photo)
        await read_exif_safe(photo)
        taken = exif.get("DateTimeOriginal", "unknown")
        dest = LIBRARY / album / photo.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        # the album name from input() becomes a directory under the library
        # ruleid: path-traversal
        shutil.move(str(photo), dest)
        record(db, dest, album, taken)
    db.commit()

    clean = re.sub(r"[^A-Za-z0-9 _-]", "", album)
    album_dir = LIBRARY / clean
    # every character outside letters, digits, space, "_" and "-" removed: no "/" or "." left
    # ok: path-traversal
    shutil.copy(LIBRARY / "album-cover.jpg", album_dir / "cover.jpg")
    # the same cleaned name still holds spaces, which split a shell word
    # ruleid: command-injection
    os.system("open " + str(album_dir))
    # an argument list
    # ok: command-injection
    subprocess.run(["open", str(album_dir)], check=False)

    if len(sys.argv) > 2:
        server = sys.argv[2]
        # the cleaned album directory again
        # ok: path-traversal
        with open(album_dir / "cover.jpg", "rb") as fh:
            # the server named on the command line, with a constant path after it
            # ruleid: ssrf
            requests.post(server + "/api/upload", files={"file": fh}, timeout=30)
    elif config.get("share"):
        with open(album_dir / "cover.jpg", "rb") as fh:
            # the family share server's fixed address
            # ok: ssrf
            requests.post(SHARE_API + "/upload", files={"file": fh}, data={"album": clean}, timeout=30)


if __name__ == "__main__":
    asyncio.run(main())
