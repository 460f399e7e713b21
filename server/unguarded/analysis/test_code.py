"""Test code: where insecure settings and literal credentials are expected, not shipped.

Pattern rules (hard-coded secrets, verify=False, debug mode, ...) stay quiet in test files
and test functions: fixtures hold fake credentials and tests turn protections off on
purpose. Data-flow rules still report untrusted input there."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

# Test modules by the names test runners collect (pytest, unittest, Jest, Mocha, Vitest,
# Jasmine) and the folders Jest reserves for tests and mocks. A `tests/` folder alone is
# not enough: it also holds application code in many layouts, and labels say little.
# pytest's own modules of fixtures count too: conftest.py, a plugin module
# (pytest_plugin.py, listed in `pytest_plugins`) and *_fixtures.py.
_TEST_FILE_NAME = re.compile(
    r"""^(
        test_.+\.py | .+_test\.py | conftest\.py | tests?\.py
      | pytest_plugins?\.py | .+_fixtures\.py
      | .+\.(test|spec|e2e|cy)\.[cm]?[jt]sx?
      | .+_(test|spec)\.[cm]?[jt]sx?
    )$""",
    re.VERBOSE,
)
_TEST_FOLDERS = frozenset({"__tests__", "__mocks__", "__fixtures__"})


def is_test_file(uri: str) -> bool:
    """True for a test module, judged from the file name (and Jest's folders)."""
    path = unquote(urlsplit(uri).path) if "://" in uri or uri.startswith("file:") else uri
    parts = [part for part in re.split(r"[\\/]", path) if part]
    if not parts:
        return False
    return bool(_TEST_FILE_NAME.match(parts[-1])) or any(p in _TEST_FOLDERS for p in parts)


# A pytest fixture (`@pytest.fixture`, `@pytest.fixture(params=...)`, `from pytest import
# fixture`, pytest-asyncio's `@pytest_asyncio.fixture`): it builds what tests use.
_FIXTURE_DECORATOR = re.compile(r"^@\s*(?:pytest(?:_asyncio)?\.)?fixture\b")


def is_fixture_decorator(text: str) -> bool:
    """True for the text of a decorator that makes a function a pytest fixture."""
    return bool(_FIXTURE_DECORATOR.match(text))
