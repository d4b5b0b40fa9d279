"""The ``codemod`` command line.

Kept light: argparse and the standard library at start-up; libcst is imported only
when a file needs rewriting (``codemod --version`` never imports it).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Dict, List, Optional, Sequence, Type

from codemods import __version__

EXIT_OK, EXIT_CHANGES, EXIT_ERROR = 0, 1, 2

DESCRIPTION = """\
Rewrite Python source to fix what code reviews keep flagging: unused imports and
variables, inconsistent naming, missing type hints and docstrings, string-built SQL.
Every change is scope-aware, verified to re-parse, and written atomically.
"""

EPILOG = """\
exit codes:
  apply   0 it ran (changes or not); 1 a file changed and --exit-non-zero-on-fix; 2 errors
  check   0 nothing would change; 1 something would change or needs a hand fix; 2 errors
  Errors win over changes.

examples:
  codemod check src/                         show the diff, exit 1 if anything would change
  codemod apply --select unused-imports .    fix only unused imports, in place
  codemod apply --select migrate.py:Rename   run your own libcst transformer
  codemod explain unused-imports             what a codemod changes, and why it is safe
"""


class UsageError(Exception):
    pass


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the current folder)")
    parser.add_argument("--select", action="append", metavar="ID,...",
                        help="codemods to run: ids, or your own transformer as package.module:Name or path/file.py:Name")
    parser.add_argument("--ignore", action="append", metavar="ID,...", help="codemods not to run")
    parser.add_argument("--unsafe-fixes", action="store_true", default=None, help="also make fixes that may change behaviour")
    parser.add_argument("--no-unsafe-fixes", dest="unsafe_fixes", action="store_false", help=argparse.SUPPRESS)
    parser.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                        help="worker processes (default: one per core for large runs, in-process for a few files)")
    parser.add_argument("--output-format", choices=("text", "json", "sarif", "github"), default="text")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    parser.add_argument("--config", metavar="FILE", help="pyproject.toml to read instead of the nearest one")
    parser.add_argument("--target-version", metavar="pyXY", help="Python version of the code, e.g. py39")
    parser.add_argument("--since", metavar="REF", help="only files git reports as changed since REF")
    parser.add_argument("--shard", metavar="K/N", help="process only the K-th of N deterministic slices of the files (a CI matrix)")
    parser.add_argument("--force-exclude", action="store_true", help="apply excludes to files named on the command line too")
    parser.add_argument("--stdin-filename", metavar="NAME", help="read source from stdin as NAME; write the result to stdout")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the content-hash cache")
    parser.add_argument("--cache-dir", metavar="DIR", help="cache folder (default: .codemods_cache beside the config)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks of internal errors")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="codemod", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"codemod {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    apply = commands.add_parser("apply", help="rewrite files in place", description="Rewrite files in place.",
                                epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_run_options(apply)
    apply.add_argument("--dry-run", action="store_true", help="print the diff, write nothing")
    apply.add_argument("--exit-non-zero-on-fix", action="store_true", help="exit 1 when a file changed")
    check = commands.add_parser("check", help="print the diff; exit 1 if anything would change (for CI)",
                                description="Print the diff and write nothing; exit 1 if anything would change.",
                                epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_run_options(check)
    rename = commands.add_parser(
        "rename", help="rename a definition and every reference to it (a migration)",
        description="Rename OLD to NEW (dotted qualified names: pkg.mod.func, pkg.mod.Class.method, pkg.mod) "
                    "and every reference in the run that resolves to it through imports and aliases.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    rename.add_argument("old", metavar="OLD")
    rename.add_argument("new", metavar="NEW")
    _add_run_options(rename)
    rename.add_argument("--dry-run", action="store_true", help="print the diff, write nothing")
    rename.add_argument("--check", action="store_true", help="print the diff, write nothing, exit 1 if anything would change")
    rename.add_argument("--exit-non-zero-on-fix", action="store_true", help="exit 1 when a file changed")
    commands.add_parser("list", help="list the codemods: id, safety, default, summary")
    explain = commands.add_parser("explain", help="print a codemod's documentation")
    explain.add_argument("id", metavar="ID")
    return parser


def _split(values: Optional[List[str]]) -> List[str]:
    return [item.strip() for value in values or [] for item in value.split(",") if item.strip()]


def _colour_wanted(choice: str, stream) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _resolve_selection(args: argparse.Namespace, config) -> tuple:
    from codemods.pipeline import SelectedCodemod
    from codemods.registry import RegistryError, builtin_codemods, find_codemod, is_user_transformer

    if args.command == "rename":
        return _rename_selection(args, config)
    requested = _split(args.select) if args.select else (config.select if config.select is not None else None)
    ignored = set(config.ignore) | set(_split(args.ignore))
    unsafe = config.unsafe_fixes if args.unsafe_fixes is None else args.unsafe_fixes
    chosen: List[Type] = []
    users: List[str] = []
    try:
        if requested is None:
            chosen = [c for c in builtin_codemods().values() if c.default]
        else:
            for item in requested:
                if item.upper() == "ALL":
                    chosen.extend(builtin_codemods().values())
                elif is_user_transformer(item):
                    users.append(item)
                else:
                    chosen.append(find_codemod(item))
        for item in ignored:
            if not is_user_transformer(item):
                find_codemod(item)  # an unknown id in ignore is a mistake worth naming
        for table in config.codemod_options:
            find_codemod(table)
    except RegistryError as error:
        raise UsageError(str(error)) from None
    selected = []
    skipped_unsafe = []
    for codemod in sorted(set(chosen), key=lambda c: (c.order, c.id)):
        if codemod.id in ignored:
            continue
        if not codemod.safe and not unsafe:
            skipped_unsafe.append(codemod.id)
            continue
        try:
            options = codemod.resolve_options(config.codemod_options.get(codemod.id, {}))
        except ValueError as error:
            raise UsageError(f"{config.path}: {error}") from None
        selected.append(SelectedCodemod(codemod, options))
    if skipped_unsafe and requested is not None:
        sys.stderr.write(f"codemod: {', '.join(skipped_unsafe)} only runs with --unsafe-fixes\n")
    if users:
        from codemods.registry import load_user_transformer

        for item in users:
            try:
                load_user_transformer(item)
            except RegistryError as error:
                raise UsageError(str(error)) from None
    return tuple(selected), tuple(users), unsafe


def _rename_selection(args: argparse.Namespace, config) -> tuple:
    from codemods.pipeline import SelectedCodemod
    from codemods.registry import RegistryError, find_codemod

    try:
        codemod = find_codemod("rename")
        options = codemod.resolve_options({"old": args.old, "new": args.new})
    except (RegistryError, ValueError) as error:
        raise UsageError(str(error)) from None
    unsafe = config.unsafe_fixes if args.unsafe_fixes is None else args.unsafe_fixes
    return (SelectedCodemod(codemod, options),), (), unsafe


def _run(args: argparse.Namespace) -> int:
    from codemods.config import TARGET_VERSIONS, ConfigError, load_config

    try:
        config = load_config(args.paths, args.config)
    except ConfigError as error:
        raise UsageError(str(error)) from None
    from codemods.pipeline import RunSettings

    target = config.target_version
    if args.target_version:
        if args.target_version not in TARGET_VERSIONS:
            raise UsageError(f"--target-version must be one of {', '.join(TARGET_VERSIONS)}")
        target = TARGET_VERSIONS[args.target_version]
    selected, users, unsafe = _resolve_selection(args, config)
    if args.command == "check" or getattr(args, "check", False):
        mode = "check"
    else:
        mode = "dry-run" if args.dry_run else "apply"
    settings = RunSettings(codemods=selected, user_transformers=users, unsafe_fixes=unsafe,
                           target_version=target, write=(mode == "apply"))
    if args.stdin_filename:
        return _run_stdin(args, settings, config, mode)
    from codemods.discovery import DiscoveryError, changed_since, discover_files

    paths, missing = discover_files(args.paths, config, force_exclude=args.force_exclude)
    for path in missing:
        sys.stderr.write(f"{path}:1:1: error: no such file or folder\n")
    if args.since:
        try:
            paths = changed_since(args.since, paths)
        except DiscoveryError as error:
            raise UsageError(str(error)) from None
    settings = _prepare_cross_file(settings, paths)
    if args.shard:
        from codemods.discovery import select_shard

        try:
            paths = select_shard(paths, args.shard, config.root)
        except ValueError as error:
            raise UsageError(str(error)) from None
    from codemods.cache import CACHE_FOLDER, ContentCache
    from codemods.runner import run_files

    cache = None
    if not args.no_cache:
        folder = args.cache_dir or config.cache_dir or os.path.join(config.root, CACHE_FOLDER)
        cache = ContentCache(folder)
    progress = None
    from codemods.reporting.progress import ProgressBar

    if args.output_format == "text" and ProgressBar.wanted(len(paths)):
        progress = ProgressBar(len(paths))
    report = run_files(paths, settings, jobs=args.jobs, per_file_ignores=config.per_file_ignores,
                       root=config.root, cache=cache, on_result=progress.advance if progress else None)
    if progress:
        progress.close()
    if cache is not None:
        cache.save()
    from codemods.registry import all_codemods, builtin_codemods
    from codemods.reporting import render

    # plugins are only loaded where their descriptions are shown
    machine = args.output_format in ("json", "sarif")
    codemods: Dict[str, Type] = dict(all_codemods() if machine else builtin_codemods())
    render(report, args.output_format, mode=mode, color=_colour_wanted(args.color, sys.stdout),
           codemods=codemods, quiet=args.quiet)
    if report.errors or missing:
        return EXIT_ERROR
    if mode == "check":
        return EXIT_CHANGES if (report.changed or report.findings) else EXIT_OK
    if args.exit_non_zero_on_fix and report.changed:
        return EXIT_CHANGES
    return EXIT_OK


def _prepare_cross_file(settings, paths: Sequence[str]):
    """Let cross-file codemods index the whole run once, before any file is processed."""
    prepared = tuple((s.codemod.id, s.codemod().prepare(paths, s.options))
                     for s in settings.codemods if s.codemod.cross_file)
    if not prepared:
        return settings
    import dataclasses

    return dataclasses.replace(settings, project_data=prepared)


def _run_stdin(args: argparse.Namespace, settings, config, mode: str) -> int:
    from codemods.pipeline import process_source
    from codemods.reporting import write_errors
    from codemods.runner import RunReport, ignored_ids_for

    settings = _prepare_cross_file(settings, [args.stdin_filename] if os.path.isfile(args.stdin_filename) else [])
    raw = sys.stdin.buffer.read()
    if args.force_exclude:
        from codemods.discovery import is_excluded

        if is_excluded(args.stdin_filename, config):
            if mode != "check":
                sys.stdout.buffer.write(raw)
            return EXIT_OK
    ignored = ignored_ids_for(args.stdin_filename, config.per_file_ignores, config.root)
    result = process_source(raw, args.stdin_filename, settings, ignored)
    report = RunReport(results=[result])
    write_errors(report, sys.stderr)
    if mode == "check":
        from codemods.reporting.text import unified_diff

        if result.status == "changed":
            sys.stdout.writelines(unified_diff(args.stdin_filename, result.old_text or "", result.new_text or ""))
        for finding in result.findings:
            sys.stdout.write(f"{args.stdin_filename}:{finding.line}:{finding.column}: {finding.codemod}: {finding.message}\n")
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(result.new_bytes if result.new_bytes is not None else raw)
        sys.stdout.buffer.flush()
    if result.errors:
        return EXIT_ERROR
    if mode == "check":
        return EXIT_CHANGES if (result.status == "changed" or result.findings) else EXIT_OK
    if getattr(args, "exit_non_zero_on_fix", False) and result.status == "changed":
        return EXIT_CHANGES
    return EXIT_OK


def _list() -> int:
    from codemods.registry import all_codemods

    codemods = all_codemods()
    width = max((len(c) for c in codemods), default=10)
    for codemod_id, codemod in sorted(codemods.items(), key=lambda item: (item[1].order, item[0])):
        safety = "safe" if codemod.safe else "unsafe"
        default = "on" if codemod.default else "off"
        print(f"{codemod_id:<{width}}  {safety:<6}  {default:<3}  {codemod.summary}")
    return EXIT_OK


def _explain(codemod_id: str) -> int:
    from codemods.registry import RegistryError, find_codemod

    try:
        codemod = find_codemod(codemod_id)
    except RegistryError as error:
        raise UsageError(str(error)) from None
    print(f"{codemod.id}: {codemod.summary}")
    print(f"fix safety: {'safe' if codemod.safe else 'unsafe (needs --unsafe-fixes)'}; "
          f"{'on' if codemod.default else 'off'} by default\n")
    print(codemod.documentation())
    if codemod.options:
        print("\nOptions ([tool.codemods." + codemod.id + "]):")
        for name, value in codemod.options.items():
            print(f"  {name} = {value!r}")
    return EXIT_OK


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = getattr(args, "debug", False)
    try:
        if args.command in ("apply", "check", "rename"):
            return _run(args)
        if args.command == "list":
            return _list()
        if args.command == "explain":
            return _explain(args.id)
        parser.print_help()
        return EXIT_ERROR
    except UsageError as error:
        sys.stderr.write(f"codemod: error: {error}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("codemod: interrupted\n")
        return 130
    except BrokenPipeError:
        # the reader went away (``codemod check | head``): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
    except Exception as error:
        if debug:
            raise
        sys.stderr.write(f"codemod: internal error: {type(error).__name__}: {error} (rerun with --debug for a traceback)\n")
        return EXIT_ERROR
