"""Outbound clients used by the reporting workers (vendor APIs, search cluster, S3-compatible store)."""

from __future__ import annotations

import logging
import os
import ssl
import urllib.request
from dataclasses import dataclass, field

import boto3
import httpx
import requests
import urllib3
from elasticsearch import Elasticsearch
from requests.adapters import HTTPAdapter

log = logging.getLogger(__name__)

VENDOR_BASE = "https://api.vendor-analytics.example/v3/"
CA_BUNDLE = os.environ.get("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")


@dataclass
class VendorClient:
    # typed class attribute with a literal key
    # ruleid: hardcoded-secret
    api_key: str = "va_live_3f9d2c71e0b84a56"
    timeout: float = 10.0
    session: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self) -> None:
        self.session.headers["Authorization"] = f"Bearer {self.api_key}"
        self.session.mount("https://", HTTPAdapter(max_retries=3))

    def report(self, report_id: str) -> dict:
        # constant scheme and host, id in the path
        # ok: ssrf
        r = self.session.get(f"{VENDOR_BASE}reports/{report_id}", timeout=self.timeout)
        r.raise_for_status()
        return r.json()

    def download(self, href: str) -> bytes:
        # the vendor returns absolute links; callers pass them straight through (unknown callers)
        # ruleid: ssrf
        r = self.session.get(href, timeout=self.timeout)
        return r.content


class SearchCluster:
    def __init__(self, hosts: list[str]) -> None:
        # certificate checks off for the search cluster
        # ruleid: tls-verification-disabled
        self.es = Elasticsearch(hosts, basic_auth=("reporter", os.environ["ES_PASSWORD"]), verify_certs=False)

    def count(self, index: str) -> int:
        return self.es.count(index=index)["count"]


class InternalApi:
    def __init__(self, token: str) -> None:
        self.base_url = "https://internal-api.reports.example"
        self.http = requests.Session()
        # session-wide verification turned off
        # ruleid: tls-verification-disabled
        self.http.verify = False
        self.http.headers["Authorization"] = f"Token {token}"

    def get(self, path: str) -> dict:
        # constant base URL kept on self, caller's value only in the path
        # ok: ssrf
        return self.http.get(f"{self.base_url}/{path.lstrip('/')}", timeout=10).json()


class PinnedApi:
    def __init__(self) -> None:
        self.http = requests.Session()
        # private CA bundle instead of turning checks off
        # ok: tls-verification-disabled
        self.http.verify = CA_BUNDLE


def fetch_exchange_rates() -> dict:
    # verification explicitly on
    # ok: tls-verification-disabled
    # ok: ssrf
    r = requests.get("https://api.exchangerate.example/latest?base=EUR", verify=True, timeout=10)
    return r.json()


def fetch_legacy_feed() -> bytes:
    # one-off call with verify=False
    # ruleid: tls-verification-disabled
    # ok: ssrf
    r = httpx.get("https://feeds.legacy-partner.example/daily.csv", verify=False, timeout=30)
    return r.content


def make_http_client() -> httpx.Client:
    # httpx client with verification off
    # ruleid: tls-verification-disabled
    return httpx.Client(base_url="https://reports.internal.example", verify=False, timeout=20)


def open_unverified(url: str) -> bytes:
    ctx = ssl.create_default_context()
    # hostname check disabled on the context
    # ruleid: tls-verification-disabled
    ctx.check_hostname = False
    # certificate verification disabled on the context
    # ruleid: tls-verification-disabled
    ctx.verify_mode = ssl.CERT_NONE
    # URL from the parameter (unknown callers)
    # ruleid: ssrf
    with urllib.request.urlopen(url, context=ctx, timeout=10) as resp:
        return resp.read()


def open_verified(url: str) -> bytes:
    ctx = ssl.create_default_context(cafile=CA_BUNDLE)
    # comparison, not an assignment
    # ok: tls-verification-disabled
    if ctx.verify_mode == ssl.CERT_NONE:
        raise RuntimeError("context must verify certificates")
    # constant scheme and host, parameter only in the path
    # ok: ssrf
    with urllib.request.urlopen(f"https://archive.internal.example/{url}", context=ctx, timeout=10) as resp:
        return resp.read()


def legacy_pool() -> urllib3.PoolManager:
    # string form of CERT_NONE
    # ruleid: tls-verification-disabled
    return urllib3.PoolManager(cert_reqs="CERT_NONE", num_pools=4)


def s3_client():
    # boto3 with verify=False against the on-prem S3 endpoint
    # ruleid: tls-verification-disabled
    return boto3.client("s3", endpoint_url="https://s3.onprem.example", verify=False)


def s3_client_pinned():
    # ok: tls-verification-disabled
    return boto3.client("s3", endpoint_url="https://s3.onprem.example", verify=CA_BUNDLE)


# process-wide switch to the unverified context
# ruleid: tls-verification-disabled
ssl._create_default_https_context = ssl._create_unverified_context


def quiet_warnings() -> None:
    # [beyond docs] silencing the warning alone does not disable verification
    # ok: tls-verification-disabled
    urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)


def notify_slack(message: str) -> None:
    webhook = os.environ["SLACK_WEBHOOK_URL"]
    # URL from the environment
    # ok: ssrf
    requests.post(webhook, json={"text": message}, timeout=5)


def ping_callback(callback_url: str, job_id: str) -> None:
    try:
        # parameter used as the URL (unknown callers)
        # ruleid: ssrf
        requests.post(callback_url, json={"job": job_id, "state": "done"}, timeout=5)
    except requests.RequestException:
        log.exception("callback failed")
