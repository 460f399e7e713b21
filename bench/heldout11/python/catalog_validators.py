"""Validation helpers shared by the catalog service (catalog_service.py imports these)."""

import ipaddress
import re
import socket
from urllib.parse import urlparse

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
IMAGE_HOSTS = frozenset({"images.catalog.example", "cdn.catalog.example"})
SORT_FIELDS = frozenset({"title", "price", "rating"})


class ValidationError(ValueError):
    pass


def require_slug(value: str) -> str:
    if not SLUG_RE.fullmatch(value):
        raise ValidationError(f"bad slug: {value!r}")
    return value


def require_sort(value: str) -> str:
    if value not in SORT_FIELDS:
        raise ValidationError("bad sort")
    return value


def is_image_host(url: str) -> bool:
    return urlparse(url).hostname in IMAGE_HOSTS


def resolves_public(host: str) -> bool:
    infos = socket.getaddrinfo(host, 443)
    return all(ipaddress.ip_address(info[4][0]).is_global for info in infos)


def looks_like_slug(value: str) -> bool:
    # used for log hints only
    return bool(re.match(r"[a-z0-9-]+", value))
