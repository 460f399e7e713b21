"""mediakit: a Typer CLI around ffmpeg for a podcast team (transcode, thumbnails, downloads, playlists)."""

import os
import re
import shlex
import subprocess
import xml.etree.ElementTree as ET
from enum import Enum
from pathlib import Path
from urllib.parse import urlparse

import httpx
import typer

app = typer.Typer(help="Podcast media helpers")
DOWNLOAD_DIR = Path.home() / "mediakit" / "downloads"


class Preset(str, Enum):
    web = "web"
    mobile = "mobile"
    archive = "archive"


@app.command()
def transcode(src: str, preset: Preset = Preset.web, crf: int = 23):
    # Enum and int parameters (Typer converts the int), the source quoted [beyond docs]
    # ok: command-injection
    subprocess.run(f"ffmpeg -y -i {shlex.quote(src)} -preset {preset.value} -crf {crf} out.mp4", shell=True, check=True)


@app.command()
def thumbnail(src: str, at: str = "00:00:01"):
    # the timestamp is not quoted
    # ruleid: command-injection
    subprocess.check_output(f"ffmpeg -y -ss {at} -i {shlex.quote(src)} -frames:v 1 thumb.jpg", shell=True)


@app.command()
def burn_subs(video: str, subs: str):
    # both parameters concatenated into os.system
    # ruleid: command-injection
    os.system("ffmpeg -i " + video + " -vf subtitles=" + subs + " burned.mp4")


@app.command()
def rename(src: str, title: str):
    slug = re.sub(r"[^a-z0-9-]+", "-", title.lower()).strip("-")
    # slug keeps only [a-z0-9-], the source quoted
    # ok: command-injection
    os.system(f"mv {shlex.quote(src)} library/{slug}.mp4")


@app.command()
def fetch(url: str):
    # URL given on the command line
    # ruleid: ssrf
    resp = httpx.get(url, follow_redirects=True, timeout=60)
    name = Path(urlparse(url).path).name or "download.bin"
    DOWNLOAD_DIR.mkdir(parents=True, exist_ok=True)
    # only the last path component of the URL is kept
    # ok: path-traversal
    (DOWNLOAD_DIR / name).write_bytes(resp.content)


@app.command()
def fetch_episode(show: str, number: int):
    # fixed host, the show slug in the path
    # ok: ssrf
    resp = httpx.get(f"https://feeds.podhost.example/{show}/episodes/{number}.mp3", timeout=60)
    DOWNLOAD_DIR.mkdir(parents=True, exist_ok=True)
    # the show slug from the command line becomes part of the file name
    # ruleid: path-traversal
    (DOWNLOAD_DIR / f"{show}-{number}.mp3").write_bytes(resp.content)


@app.command()
def playlist(path: str):
    # playlist file named on the command line, standard-library parser
    # ruleid: xxe
    tree = ET.parse(path)
    for item in tree.getroot().iter("item"):
        typer.echo(item.findtext("title"))


if __name__ == "__main__":
    app()
