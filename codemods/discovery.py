"""Which files a run looks at.

Folders are walked for ``*.py`` files, honouring .gitignore files (from the
repository root down), the default excludes and ``exclude``/``extend-exclude``
(gitignore-style patterns relative to the configuration's folder). Files named on the
command line are always taken, unless ``--force-exclude``. ``--since REF`` keeps only
files git reports as changed since REF (plus untracked ones).

A walk never follows a folder symlink, and skips a ``*.py`` symlink whose target is
outside the project root (``config.find_project_root``), in ``.git`` or in an
excluded folder: a checkout must not lead a fix to a file the walk would never reach.
Such a link is reported (``outside``) and can still be named on the command line.
"""

from __future__ import annotations

import os
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from codemods.config import Config, find_project_root


class DiscoveryError(Exception):
    pass


def _spec(lines: Iterable[str]):
    import pathspec  # only folder walks pay for it

    return pathspec.GitIgnoreSpec.from_lines(list(lines))


def _plain_name(pattern: str) -> bool:
    """A gitignore pattern that only names a file or folder at any depth (``venv``)."""
    return bool(pattern) and pattern[0] not in "!#" and all(c.isalnum() or c in "._-" for c in pattern)


class _Excluder:
    def __init__(self, config: Config) -> None:
        self.root = os.path.abspath(config.root)
        patterns = config.exclude + config.extend_exclude
        self.names = {p for p in patterns if _plain_name(p)}
        # plain names are matched against the path's parts here; pathspec (a 25 ms
        # import) is loaded only for the other patterns
        rest = [p for p in patterns if not _plain_name(p)]
        self.patterns = _spec(rest) if rest else None

    def excluded(self, path: str, is_dir: bool) -> bool:
        absolute = os.path.abspath(path)
        relative = os.path.relpath(absolute, self.root)
        if relative.startswith(".."):
            relative = absolute.lstrip("/")
        relative = relative.replace(os.sep, "/")
        if self.names and any(part in self.names for part in relative.split("/")):
            return True  # it, or a folder above it, is excluded by name
        if self.patterns is None:
            return False
        return self.patterns.match_file(relative + ("/" if is_dir else ""))


class _GitIgnores:
    """Stack of .gitignore specs, deepest last; the deepest deciding match wins."""

    def __init__(self) -> None:
        self.specs: Dict[str, object] = {}

    def load(self, folder: str) -> None:
        if folder in self.specs:
            return
        spec = None
        try:
            with open(os.path.join(folder, ".gitignore"), encoding="utf-8", errors="replace") as handle:
                spec = _spec(handle.read().splitlines())
        except OSError:
            pass
        info = os.path.join(folder, ".git", "info", "exclude")
        if os.path.isfile(info):
            with open(info, encoding="utf-8", errors="replace") as handle:
                extra = _spec(handle.read().splitlines())
            spec = extra if spec is None else spec + extra  # type: ignore[operator]
        self.specs[folder] = spec

    def ignored(self, path: str, is_dir: bool) -> bool:
        verdict = False
        folder = os.path.dirname(path)
        chain = []
        while True:
            if folder in self.specs:
                chain.append(folder)
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
        for folder in reversed(chain):
            spec = self.specs[folder]
            if spec is None:
                continue
            relative = os.path.relpath(path, folder).replace(os.sep, "/") + ("/" if is_dir else "")
            result = spec.check_file(relative)  # type: ignore[attr-defined]
            if result.include is not None:
                verdict = result.include
        return verdict


def _repository_root(folder: str) -> Optional[str]:
    current = folder
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def discover_files(paths: Sequence[str], config: Config, force_exclude: bool = False,
                   outside: Optional[List[Tuple[str, str]]] = None) -> Tuple[List[str], List[str]]:
    """Return (python files in a stable order, paths that do not exist).

    ``outside`` collects (link, target) for each symlink a walk skipped because its
    target is outside the project root (or in ``.git`` or an excluded folder), once each."""
    found: List[str] = []
    missing: List[str] = []
    seen = set()
    reported = set()
    excluder: Optional[_Excluder] = None
    for given in paths or ["."]:
        if os.path.isfile(given) or (os.path.islink(given) and not os.path.isdir(given)):
            if force_exclude:
                excluder = excluder or _Excluder(config)
                if excluder.excluded(given, False):
                    continue
            if given not in seen:
                seen.add(given)
                found.append(given)
            continue
        if not os.path.isdir(given):
            missing.append(given)
            continue
        excluder = excluder or _Excluder(config)
        skipped: List[Tuple[str, str]] = []
        for path in _walk(given, excluder, config.respect_gitignore, skipped):
            if path not in seen:
                seen.add(path)
                found.append(path)
        for link, target in skipped:
            if os.path.abspath(link) not in reported:  # once, however many given folders hold it
                reported.add(os.path.abspath(link))
                if outside is not None:
                    outside.append((link, target))
    return found, missing


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _into_excluded(target: str, root: str, excluder: _Excluder) -> bool:
    """A link's target inside the project, but where a walk would never go: in
    ``.git`` (whatever the excludes say), or in an excluded folder (``.venv``, ...)."""
    relative = os.path.relpath(target, root).split(os.sep)
    return ".git" in relative[:-1] or excluder.excluded(target, False)


def _walk(top: str, excluder: _Excluder, respect_gitignore: bool,
          outside: Optional[List[Tuple[str, str]]] = None) -> List[str]:
    ignores = _GitIgnores() if respect_gitignore else None
    absolute_top = os.path.abspath(top)
    if ignores is not None:
        root = _repository_root(absolute_top)
        if root is not None:
            folder = absolute_top
            lineage = []
            while True:
                lineage.append(folder)
                if folder == root:
                    break
                folder = os.path.dirname(folder)
            for folder in reversed(lineage):
                ignores.load(folder)
    results: List[str] = []
    root: Optional[str] = None  # the project root, found at the first file symlink
    stack = [(top, absolute_top)]
    while stack:
        shown, absolute = stack.pop()
        if ignores is not None:
            ignores.load(absolute)
        try:
            entries = sorted(os.scandir(absolute), key=lambda e: e.name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            shown_path = os.path.join(shown, entry.name) if shown != "." else entry.name
            absolute_path = os.path.join(absolute, entry.name)
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                if excluder.excluded(absolute_path, True) or (ignores and ignores.ignored(absolute_path, True)):
                    continue
                subfolders.append((shown_path, absolute_path))
            elif entry.name.endswith(".py"):
                if entry.is_symlink() and not os.path.isfile(absolute_path):
                    continue  # dangling link, or a link to a folder
                if excluder.excluded(absolute_path, False) or (ignores and ignores.ignored(absolute_path, False)):
                    continue
                if entry.is_symlink():
                    root = root or find_project_root([top])
                    target = os.path.realpath(absolute_path)
                    if not _inside(target, root) or _into_excluded(target, root, excluder):
                        if outside is not None:
                            outside.append((shown_path, target))
                        continue
                results.append(shown_path)
        stack.extend(reversed(subfolders))
    return results


def changed_since(ref: str, candidates: Sequence[str]) -> List[str]:
    """Keep the candidates git reports as changed since ``ref`` (or untracked).

    git runs in the candidates' folder, so the run may start outside the repository."""
    folders = [os.path.dirname(os.path.abspath(path)) for path in candidates]
    try:
        where = os.path.commonpath(folders) if folders else os.getcwd()
    except ValueError:  # different drives
        where = os.getcwd()

    def git(*args: str) -> List[str]:
        try:
            import subprocess  # only here: keeps start-up small

            completed = subprocess.run(["git", *args], capture_output=True, text=True, check=False, cwd=where)
        except OSError as error:
            raise DiscoveryError(f"--since needs git: {error}") from None
        if completed.returncode != 0:
            reason = (completed.stderr.strip().splitlines() or ["no message"])[0]
            raise DiscoveryError(f"--since {ref}: git {' '.join(args[:1])} failed: {reason}")
        return [line for line in completed.stdout.splitlines() if line]

    top = git("rev-parse", "--show-toplevel")[0]
    commit = verify_commit(ref, where)
    changed = set(git("diff", "--name-only", "--diff-filter=d", commit, "--"))
    changed.update(git("ls-files", "--others", "--exclude-standard", "--full-name", "--", top))
    wanted = {os.path.realpath(os.path.join(top, name)) for name in changed}
    return [path for path in candidates if os.path.realpath(path) in wanted]


def verify_commit(ref: str, where: str) -> str:
    """The commit id ``ref`` names in the repository at ``where``, checked by
    ``git rev-parse --verify``, so that only an object id reaches other git commands.

    A value CI fills from event data must never reach git as an option
    (``--since=--output=FILE`` made ``git diff`` write FILE): one starting with ``-``
    is refused here, and the lookup passes it after ``--end-of-options`` too."""
    if not ref or ref.startswith("-") or "\0" in ref:
        raise DiscoveryError(f"--since {ref}: not a revision (a value starting with - would reach git as an option)")
    import subprocess

    def rev_parse(*guard: str) -> "subprocess.CompletedProcess[str]":
        return subprocess.run(["git", "rev-parse", "--verify", "--quiet", *guard, f"{ref}^{{commit}}"],
                              capture_output=True, text=True, check=False, cwd=where)

    try:
        completed = rev_parse("--end-of-options")
        if completed.returncode != 0:
            # git before 2.30 does not know --end-of-options in rev-parse; the value
            # cannot be an option (it does not start with "-"), so ask again without it
            completed = rev_parse()
    except OSError as error:
        raise DiscoveryError(f"--since needs git: {error}") from None
    commit = completed.stdout.strip()
    if completed.returncode != 0 or not commit or not all(c in "0123456789abcdef" for c in commit):
        raise DiscoveryError(f"--since {ref}: not a commit in this repository")
    return commit


def select_shard(paths: Sequence[str], shard: str, root: str) -> List[str]:
    """The files of slice K of N (``"K/N"``, 1-based), by a stable hash of each path
    relative to the project root, so every job of a CI matrix agrees on the split.
    Cross-file codemods still index every file: only the rewriting is split."""
    import zlib

    index, _, count = shard.partition("/")
    try:
        k, n = int(index), int(count)
    except ValueError:
        raise ValueError(f"--shard takes K/N, e.g. 2/8, not {shard!r}") from None
    if not (n >= 1 and 1 <= k <= n):
        raise ValueError(f"--shard {shard}: K must be between 1 and N")
    chosen = []
    for path in paths:
        relative = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
        if zlib.crc32(relative.encode("utf-8")) % n == k - 1:
            chosen.append(path)
    return chosen


def is_excluded(path: str, config: Config) -> bool:
    """Whether configured excludes cover ``path`` (for --force-exclude on a named file)."""
    return _Excluder(config).excluded(path, False)
