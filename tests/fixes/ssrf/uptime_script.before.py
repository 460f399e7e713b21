#!/usr/bin/env python3
# Two-space indents and single quotes: the guard is written the same way.
import sys
import urllib.request

import aiohttp


def ping(host):
  return urllib.request.urlopen('https://%s/health' % host, timeout=5).status


async def fetch_all(urls):
  async with aiohttp.ClientSession() as session:
    results = []
    for url in urls:
      async with session.get(url) as resp:
        results.append(resp.status)
    return results


if __name__ == '__main__':
  print(urllib.request.urlopen(input('URL: ').strip()).read()[:100])
  print(ping(sys.argv[1]))
