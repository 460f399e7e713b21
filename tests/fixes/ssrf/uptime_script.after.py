#!/usr/bin/env python3
# Two-space indents and single quotes: the guard is written the same way.
import sys
import urllib.request
from urllib.parse import urlparse

import aiohttp

# Hosts this code may send requests to: list the ones it needs.
ALLOWED_HOSTS = frozenset()


def ping(host):
  parsed = urlparse('https://%s/health' % host)
  if parsed.scheme not in ('http', 'https') or parsed.hostname not in ALLOWED_HOSTS:
    raise ValueError('URL host not allowed')
  return urllib.request.urlopen('https://%s/health' % host, timeout=5).status


async def fetch_all(urls):
  async with aiohttp.ClientSession() as session:
    results = []
    for url in urls:
      parsed = urlparse(url)
      if parsed.scheme not in ('http', 'https') or parsed.hostname not in ALLOWED_HOSTS:
        raise ValueError('URL host not allowed')
      async with session.get(url) as resp:
        results.append(resp.status)
    return results


if __name__ == '__main__':
  url = input('URL: ').strip()
  parsed = urlparse(url)
  if parsed.scheme not in ('http', 'https') or parsed.hostname not in ALLOWED_HOSTS:
    raise ValueError('URL host not allowed')
  print(urllib.request.urlopen(url).read()[:100])
  print(ping(sys.argv[1]))
