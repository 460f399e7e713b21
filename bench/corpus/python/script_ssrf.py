"""Command-line helpers that download things.

Benchmark corpus, ssrf (CWE-918). sys.argv, input() and argparse are untrusted;
environment variables are configuration.
"""
import argparse
import os
import sys
import urllib.request

import requests

STATUS_PAGE = "https://status.example.com/api/v2/status.json"
MIRRORS = ["https://mirror-a.example.com", "https://mirror-b.example.com"]


def download(url, sink):
    # Plain helper: the URL is a parameter with unknown callers (reported as a warning).
    # ruleid: ssrf
    with requests.get(url, stream=True, timeout=30) as resp:
        for chunk in resp.iter_content(8192):
            sink.write(chunk)


def check_status() -> dict:
    # Constant URL.
    # ok: ssrf
    return requests.get(STATUS_PAGE, timeout=5).json()


def check_mirrors():
    # Loop over a constant list.
    results = {}
    for mirror in MIRRORS:
        # ok: ssrf
        results[mirror] = requests.head(mirror + "/health", timeout=5).ok
    return results


def from_env():
    # Environment configuration is not user input.
    api = os.environ.get("BACKUP_API", "https://backup.example.com")
    # ok: ssrf
    return requests.get(api + "/jobs", timeout=5).json()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    args = parser.parse_args()
    # argparse result used directly.
    # ruleid: ssrf
    body = urllib.request.urlopen(args.url, timeout=10).read()
    sys.stdout.buffer.write(body)


def interactive():
    # input() from the terminal.
    target = input("URL to check: ").strip()
    # ruleid: ssrf
    print(requests.head(target, timeout=5).status_code)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "get":
        # sys.argv at module level.
        # ruleid: ssrf
        print(requests.get(sys.argv[2], timeout=10).text)
    else:
        main()
