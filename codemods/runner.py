"""Running the pass over many files: cache, per-file ignores, a process pool for
large batches (largest files first, results streamed), atomic writes."""

from __future__ import annotations

import fnmatch
import os
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Tuple

from codemods.cache import ContentCache
from codemods.contract import Finding, Fix
from codemods.engine.pipeline import FileResult, content_key, process_source
from codemods.engine.settings import RunSettings
from codemods.engine.source import SourceError

#: below this many files a pool costs more than it saves.
POOL_THRESHOLD = 24


@dataclass
class RunReport:
    results: List[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def changed(self) -> List[FileResult]:
        return [r for r in self.results if r.status == "changed"]

    @property
    def errors(self) -> List[Tuple[str, SourceError]]:
        return [(r.path, e) for r in self.results for e in r.errors]

    @property
    def findings(self) -> List[Tuple[str, Finding]]:
        return [(r.path, f) for r in self.results for f in r.findings]


def ignored_ids_for(path: str, per_file_ignores: Dict[str, List[str]], root: str) -> Tuple[str, ...]:
    if not per_file_ignores:
        return ()
    relative = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    ids: List[str] = []
    for pattern, codemod_ids in per_file_ignores.items():
        if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(os.path.basename(path), pattern):
            ids.extend(codemod_ids)
    return tuple(sorted(set(ids)))


def _key_for(raw: bytes, settings: RunSettings, ignored_ids: Tuple[str, ...], path: Optional[str] = None) -> str:
    ids = tuple(s.codemod.id for s in settings.codemods if s.codemod.id not in ignored_ids)
    ids += tuple(u for u in settings.user_transformers if u not in ignored_ids)
    fingerprint = settings.fingerprint()
    if path is not None and settings.codemods:  # where new imports go depends on the file's sorter settings
        from codemods.style.isort import import_settings

        fingerprint += import_settings(path, isolated=bool(getattr(settings, "isolated", False))).fingerprint()
    return content_key(raw, ids, fingerprint)


def process_path(path: str, settings: RunSettings, ignored_ids: Tuple[str, ...],
                 cache: Optional[Dict[str, list]] = None, raw: Optional[bytes] = None,
                 key: Optional[str] = None) -> FileResult:
    """Read, process, and (in apply mode) write one file. Never raises."""
    if raw is None:
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except OSError as error:
            result = FileResult(path, status="error")
            result.errors.append(SourceError(f"cannot read: {error.strerror or error}"))
            return result
    if key is None and cache is not None:  # without a cache the key has no reader: not worth its hash
        key = _key_for(raw, settings, ignored_ids, path)
    result = None
    if cache is not None and key in cache:
        result = _from_cache(path, raw, key, cache[key], need_bytes=settings.write)
        if result is not None and result.status in ("unchanged", "error"):
            return result
    if result is None:
        try:
            result = process_source(raw, path, settings, ignored_ids)
            result.errors_from_bytes = result.status == "error"
        except Exception as error:  # the last net: one file's bug never ends the run
            result = FileResult(path, status="error")
            result.errors.append(SourceError(f"internal error: {type(error).__name__}: {error}"))
        result.cache_key = key
        if cache is not None and result.status == "changed" and result.new_bytes is not None and not result.errors:
            from codemods.diffs import diff_hunks

            result.cache_payload = pack_bytes(result.new_bytes)
            result.diff_hunks = diff_hunks(result.old_text or "", result.new_text or "", result.bom)
    if result.status == "changed" and settings.write and result.new_bytes is not None:
        from codemods.engine.writing import WriteRefused, write_atomically

        try:
            write_atomically(path, result.new_bytes)
            result.written = True
        except WriteRefused as error:
            result.errors.append(SourceError(str(error)))
        except OSError as error:
            result.errors.append(SourceError(f"cannot write: {error.strerror or error}"))
    result.new_bytes = None  # not needed past this point; keeps pool traffic small
    return result


def _from_cache(path: str, raw: bytes, key: str, entry, need_bytes: bool = True) -> Optional[FileResult]:
    """The result recorded for these bytes and settings: a list of findings for a
    clean file, a dict with the fixes, findings and new bytes of a changed one, or a
    dict with the errors of a file that cannot be processed (syntax, encoding,
    libcst's limits: they follow from the bytes)."""
    result = FileResult(path, cache_key=key, skip_reason="cached")
    if isinstance(entry, list):
        result.findings = [Finding(*item) for item in entry]
        return result
    if isinstance(entry, dict) and "errors" in entry:
        try:
            result.errors = [SourceError(*item) for item in entry["errors"]]
            result.findings = [Finding(*item) for item in entry["findings"]]
        except (KeyError, TypeError, ValueError):
            return None
        result.status, result.errors_from_bytes = "error", True
        return result
    try:
        from codemods.engine.source import decode_source

        hunks = entry.get("diff")
        result.diff_hunks = hunks if isinstance(hunks, str) else None
        if need_bytes or result.diff_hunks is None:  # a check shows the kept hunks: no need to unpack
            result.new_bytes = unpack_bytes(entry["new"])
            result.old_text = decode_source(raw).text
            result.bom = raw.startswith(b"\xef\xbb\xbf")
            result.new_text = decode_source(result.new_bytes).text
        elif not isinstance(entry["new"], str):
            return None
        result.fixes = [Fix(*item) for item in entry["fixes"]]
        result.findings = [Finding(*item) for item in entry["findings"]]
    except (KeyError, TypeError, ValueError, SourceError):
        return None  # a damaged entry: process the file again
    result.status = "changed"
    result.cache_payload = entry["new"]
    return result


def cache_entry(result: FileResult):
    findings = [[f.codemod, f.line, f.column, f.message, f.hint] for f in result.findings]
    if result.status == "unchanged":
        return findings
    if result.status == "error":
        return {"errors": [[e.message, e.line, e.column] for e in result.errors], "findings": findings}
    fixes = [[f.codemod, f.line, f.column, f.message, f.safe] for f in result.fixes]
    entry = {"findings": findings, "fixes": fixes, "new": result.cache_payload}
    if result.diff_hunks is not None:
        entry["diff"] = result.diff_hunks
    return entry


def pack_bytes(data: bytes) -> str:
    import base64
    import zlib

    return base64.b64encode(zlib.compress(data, 6)).decode("ascii")  # b64: C speed (b85 is pure Python)


def unpack_bytes(text: str) -> bytes:
    import base64
    import zlib

    try:
        return zlib.decompress(base64.b64decode(text, validate=True))
    except (zlib.error, ValueError) as error:
        raise ValueError(str(error)) from None


_WORKER_STATE: Dict[str, object] = {}


def _init_worker(settings: RunSettings, cache: Optional[Dict[str, list]]) -> None:
    _WORKER_STATE["settings"] = settings
    _WORKER_STATE["cache"] = cache
    import gc

    gc.freeze()  # the settings (the project model) live as long as the worker: see cli._run


def _work(path: str, ignored_ids: Tuple[str, ...]) -> FileResult:
    return process_path(path, _WORKER_STATE["settings"], ignored_ids, _WORKER_STATE["cache"])  # type: ignore[arg-type]


def run_files(paths: Sequence[str], settings: RunSettings, *, jobs: int = 0,
              per_file_ignores: Optional[Dict[str, List[str]]] = None, root: str = ".",
              cache: Optional[ContentCache] = None,
              on_result: Optional[Callable[[FileResult], None]] = None) -> RunReport:
    started = time.perf_counter()
    report = RunReport()
    cache_entries = cache.entries if cache is not None else None
    work = [(path, ignored_ids_for(path, per_file_ignores or {}, root)) for path in paths]
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    for result in _with_cache_hits_first(work, settings, workers, cache_entries):
        report.results.append(result)
        if cache is not None and result.cache_key and result.cacheable and (
                (not result.errors and (result.status == "unchanged"
                                        or (result.status == "changed" and result.cache_payload)))
                or (result.status == "error" and result.errors_from_bytes)):
            cache.put(result.cache_key, cache_entry(result))
        if on_result is not None:
            on_result(result)
    order = {path: index for index, path in enumerate(paths)}
    report.results.sort(key=lambda r: order.get(r.path, 0))
    report.seconds = time.perf_counter() - started
    return report


def _with_cache_hits_first(work: List[Tuple[str, Tuple[str, ...]]], settings: RunSettings, workers: int,
                           cache: Optional[Dict[str, list]]) -> Iterator[FileResult]:
    """Answer cache hits here, in this process (a read and a hash each); only the
    misses go to the workers, which then need no copy of the cache."""
    if not cache:
        yield from _execute(work, settings, workers, cache)
        return
    misses = []
    for path, ignored in work:
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except OSError:
            misses.append((path, ignored))  # process_path reports it
            continue
        key = _key_for(raw, settings, ignored, path)
        if key in cache:
            yield process_path(path, settings, ignored, cache, raw, key)
        else:
            misses.append((path, ignored))
    yield from _execute(misses, settings, workers, {})  # empty: caching on, nothing to look up


def _execute(work: List[Tuple[str, Tuple[str, ...]]], settings: RunSettings, workers: int,
             cache: Optional[Dict[str, list]]) -> Iterator[FileResult]:
    if workers <= 1 or len(work) < POOL_THRESHOLD:
        for path, ignored in work:
            yield process_path(path, settings, ignored, cache)
        return
    def size(item: Tuple[str, Tuple[str, ...]]) -> int:
        try:
            return os.path.getsize(item[0])
        except OSError:
            return 0
    from concurrent.futures import ProcessPoolExecutor, as_completed

    ordered = sorted(work, key=size, reverse=True)
    remaining = {path: ignored for path, ignored in ordered}
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(settings, cache)) as pool:
            futures = {pool.submit(_work, path, ignored): path for path, ignored in ordered}
            for future in as_completed(futures):
                path = futures[future]
                try:
                    result = future.result()
                except BrokenProcessPool:
                    raise
                except Exception as error:  # e.g. a result that cannot be pickled back
                    result = FileResult(path, status="error")
                    result.errors.append(SourceError(f"internal error: {type(error).__name__}: {error}"))
                remaining.pop(path, None)
                yield result
    except BrokenProcessPool:
        # A worker died (a parser crash): finish the rest one file per process, so
        # only the file that crashes is lost, and it is reported.
        for path, ignored in list(remaining.items()):
            yield _isolated(path, ignored, settings, cache)


def _isolated(path: str, ignored: Tuple[str, ...], settings: RunSettings, cache: Optional[Dict[str, list]]) -> FileResult:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=1, initializer=_init_worker, initargs=(settings, cache)) as pool:
            return pool.submit(_work, path, ignored).result()
    except BrokenProcessPool:
        result = FileResult(path, status="error")
        result.errors.append(SourceError("the parser crashed on this file; skipped"))
        return result
