"""The few git questions `scan --changed` and `--baseline` ask, through the git command.

Every command here only reads: nothing checks out, stashes or writes the index
(`GIT_OPTIONAL_LOCKS=0` stops even the index refresh that `git diff` may write)."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path


class GitError(Exception):
    """A git question that has no answer here, worded for the user."""


def _run(root: Path, *arguments: str, input: bytes | None = None) -> bytes:
    environment = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        completed = subprocess.run(
            ["git", *arguments],
            cwd=root,
            input=input,
            capture_output=True,
            env=environment,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (needed by --changed and --baseline)") from None
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", errors="replace").strip()
        raise GitError(message or f"git {arguments[0]} failed")
    return completed.stdout


def toplevel(path: Path) -> Path:
    """The root of the work tree that holds `path`."""
    folder = path if path.is_dir() else path.parent
    try:
        out = _run(folder.resolve(), "rev-parse", "--show-toplevel")
    except GitError as error:
        if "not a git repository" in str(error):
            raise GitError(f"{path.resolve()} is not in a git repository") from None
        raise
    return Path(os.fsdecode(out.rstrip(b"\n")))


@dataclass(frozen=True)
class Base:
    """What a ref names for comparison: the commit (or the empty tree, before the first
    commit), and the user's spelling of it."""

    ref: str
    tree_ish: str


def base(root: Path, ref: str) -> Base:
    """The commit to compare the work tree with: the merge base of REF and HEAD, as
    `git diff REF...` uses. For a PR branch compared with `origin/main` that is where the
    branch started, so what landed on main since is neither "changed" nor "fixed" here;
    for an ancestor of HEAD (a tag, `HEAD~3`) it is REF itself."""
    commit = _commit(root, ref)
    if commit is None:
        if ref == "HEAD" and _commit(root, "HEAD") is None and _unborn(root):
            # Before the first commit everything is new.
            return Base(ref, _empty_tree(root))
        raise GitError(f"unknown git ref {ref!r}")
    head = _commit(root, "HEAD")
    if head is None or head == commit:
        return Base(ref, commit)
    try:
        merge_base = _run(root, "merge-base", commit, head).decode().strip()
    except GitError:
        merge_base = ""  # unrelated histories: compare with REF itself
    return Base(ref, merge_base or commit)


def is_commit(root: Path, ref: str) -> bool:
    return _commit(root, ref) is not None


def _commit(root: Path, ref: str) -> str | None:
    try:
        out = _run(
            root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
        )
    except GitError:
        return None
    return out.decode().strip() or None


def _unborn(root: Path) -> bool:
    try:
        _run(root, "symbolic-ref", "--quiet", "HEAD")
    except GitError:
        return False
    return True


def _empty_tree(root: Path) -> str:
    # The empty tree's id depends on the repository's hash (SHA-1 or SHA-256).
    return _run(root, "hash-object", "-t", "tree", "--stdin", input=b"").decode().strip()


def changed_files(root: Path, against: Base) -> frozenset[Path]:
    """Files that differ from the base in the work tree (staged or not) and files git does
    not track yet (unless ignored). Deleted files are left out. Absolute, resolved."""
    diff = _run(
        root, "diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", against.tree_ish, "--"
    )
    untracked = _run(root, "ls-files", "-z", "--others", "--exclude-standard", "--full-name")
    names = [name for name in (diff + untracked).split(b"\0") if name]
    return frozenset((root / os.fsdecode(name)).resolve() for name in names)


def renamed_from(root: Path, against: Base) -> dict[str, str]:
    """Work-tree path -> its path at the base, for files git sees as renamed since."""
    out = _run(root, "diff", "--name-status", "-z", "-M", against.tree_ish, "--")
    fields = out.split(b"\0")
    renames: dict[str, str] = {}
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        if status[:1] in (b"R", b"C"):
            old, new = fields[index + 1], fields[index + 2]
            if status[:1] == b"R":
                renames[os.fsdecode(new)] = os.fsdecode(old)
            index += 3
        else:
            index += 2
    return renames


def read_files(root: Path, against: Base, paths: list[str]) -> dict[str, bytes | None]:
    """Each path's content at the base (None where it did not exist), from one
    `git cat-file --batch` rather than one `git show` per file."""
    contents: dict[str, bytes | None] = {path: None for path in paths}
    names = [path for path in paths if "\n" not in path]  # --batch reads lines
    if not names:
        return contents
    request = "".join(f"{against.tree_ish}:{name}\n" for name in names).encode()
    out = _run(root, "cat-file", "--batch", input=request)
    position = 0
    for name in names:
        end = out.index(b"\n", position)
        header = out[position:end].split(b" ")
        position = end + 1
        found = len(header) == 3 and header[2].isdigit()
        if found and header[1] in (b"blob", b"tree", b"commit", b"tag"):
            size = int(header[2])
            if header[1] == b"blob":
                contents[name] = out[position : position + size]
            position += size + 1  # the content and its newline
        # else "<object> missing" / "ambiguous": no content at the base
    return contents
