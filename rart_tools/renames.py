"""Content files renamed since the branch left its base, read from git: the safe build and
`make check` give them to the validator, which asks for each old address in `Aliases`
(rart.aliases, plugins/content_checks).

The base is RART_RENAMES_BASE when it is set (CI sets it to the pull request's target, for
example origin/main); otherwise the point where the current branch left `origin/main` (or
`main`); on the base branch itself, the last commit, so a `git mv` not yet committed is
caught too. What is compared is the base commit against the files on disk, with git's rename
detection (`git diff -M`): `git mv` and a rename that git recognises by content both count.
Without git, or outside a repository, there is nothing to compare and nothing is reported.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from rart.aliases import Rename
from rart.frontmatter import split_document

BASE_CANDIDATES = ("origin/main", "main")
ENV_BASE = "RART_RENAMES_BASE"


def _git(args: list[str], cwd: Path) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                                timeout=60, env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"})
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def base_commit(repo: Path) -> str | None:
    """The commit renames are counted from (see the module's docstring)."""
    wanted = os.environ.get(ENV_BASE, "").strip()
    candidates = [wanted] if wanted else list(BASE_CANDIDATES)
    for ref in candidates:
        merge_base = _git(["merge-base", "HEAD", ref], repo)
        if merge_base:
            return merge_base.strip()
    head = _git(["rev-parse", "--verify", "--quiet", "HEAD"], repo)
    return head.strip() if head else None


def renamed_files(content_dir: Path) -> tuple[Rename, ...]:
    """Markdown files under `content_dir` renamed since the base, paths relative to it."""
    content_dir = Path(content_dir).resolve()
    top = _git(["rev-parse", "--show-toplevel"], content_dir)
    if not top:
        return ()
    repo = Path(top.strip()).resolve()
    base = base_commit(repo)
    if base is None:
        return ()
    try:
        relative = content_dir.relative_to(repo)
    except ValueError:
        return ()
    prefix = "" if relative == Path(".") else relative.as_posix()
    # The base commit against the working tree (staged and unstaged changes of tracked
    # files, which `git mv` makes), renames detected, NUL-separated for any file name.
    out = _git(["diff", "-M", "--name-status", "-z", "--no-color", base, "--", prefix or "."], repo)
    if not out:
        return ()
    fields = out.split("\0")
    renames = []
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        if status.startswith(("R", "C")):
            old, new = fields[index + 1], fields[index + 2]
            index += 3
            if status.startswith("R") and old.endswith(".md") and new.endswith(".md"):
                renames.append(_rename(repo, base, prefix, old, new))
        else:
            index += 2
    return tuple(renames)


def _rename(repo: Path, base: str, prefix: str, old: str, new: str) -> Rename:
    text = _git(["show", f"{base}:{old}"], repo) or ""
    doc = split_document(text)
    slug = doc.first("slug")
    status = doc.first("status")
    return Rename(
        old=old[len(prefix) + 1:] if prefix else old,
        new=new[len(prefix) + 1:] if prefix else new,
        old_slug=slug.value.strip() if slug else "",
        old_status=status.value.strip() if status else "",
    )
