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

EXIT_CODES = {
    "apply": "exit codes:\n"
             "  0  it ran, changes or not\n"
             "  1  a file changed and --exit-non-zero-on-fix\n"
             "  2  a file could not be processed, or a usage error (errors win over changes)\n",
    "check": "exit codes:\n"
             "  0  nothing would change\n"
             "  1  a file would change, or a codemod reported something to fix by hand\n"
             "  2  a file could not be processed, or a usage error (errors win over changes)\n",
    "rename": "exit codes:\n"
              "  0  it ran, changes or not (without --check)\n"
              "  1  with --check: a file would change; with --exit-non-zero-on-fix: a file changed\n"
              "  2  a file could not be processed, or a usage error (bad OLD/NEW, ...);\n"
              "     errors win over changes\n",
    "list": "exit codes:\n  0  always\n",
    "explain": "exit codes:\n  0  the documentation was printed\n  2  no codemod has that id\n",
}

EXAMPLES = {
    "apply": "examples:\n"
             "  codemod apply .                                 fix the current folder in place\n"
             "  codemod apply --dry-run src/                    print the diff, write nothing\n"
             "  codemod apply --select unused-imports .         only one codemod\n"
             "  codemod apply --select type-hints --stubs out/ src/   types from .pyi stubs\n"
             "  codemod apply --select migrate.py:Rename src/   your own libcst transformer\n",
    "check": "examples:\n"
             "  codemod check src/                              the diff; exit 1 if anything would change\n"
             "  codemod check --since origin/main .             only files changed on a branch\n"
             "  codemod check --output-format github .          annotations in a GitHub workflow\n"
             "  codemod check --output-format sarif . > codemods.sarif\n"
             "  codemod check --stdin-filename app.py < app.py  source on stdin (editors)\n"
             "  codemod check --isolated --since origin/main .  a pull request you do not trust: no config read\n",
    "rename": "examples:\n"
              "  codemod rename pkg.mod.oldName new_name .       a function, class or variable\n"
              "  codemod rename pkg.mod.Class.run execute src/   a method, in every subclass too\n"
              "  codemod rename pkg.old_mod pkg.new_mod .        a module's imports\n"
              "  codemod rename --check pkg.mod.f g .            only show the diff (exit 1 if any)\n",
    "list": "examples:\n  codemod list\n",
    "explain": "examples:\n  codemod explain unused-imports\n",
}

EPILOG = """\
exit codes:
  apply   0 it ran (changes or not); 1 a file changed and --exit-non-zero-on-fix; 2 errors
  check   0 nothing would change; 1 something would change or needs a hand fix; 2 errors
  Errors win over changes. `codemod COMMAND --help` describes each command.

examples:
  codemod check src/                         show the diff, exit 1 if anything would change
  codemod apply --select unused-imports .    fix only unused imports, in place
  codemod apply --select migrate.py:Rename   run your own libcst transformer
  codemod rename pkg.mod.oldName new_name .  rename a definition and every reference
  codemod explain unused-imports             what a codemod changes, and why it is safe
"""

#: codemods that only run through their own subcommand (they need arguments):
#: ``--select ALL`` leaves them out and naming them in ``--select`` is a usage error.
SUBCOMMAND_ONLY = {"rename": "codemod rename OLD NEW [PATH ...]"}

#: codemod options that name a folder: a relative value in the config file is
#: relative to the config file's folder, and the codemod gets an absolute path.
FOLDER_OPTIONS = {"type-hints": ("stubs",)}


class UsageError(Exception):
    pass


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse makes a formatter for every option it adds (to check its metavar) and
    for the usage line of every run, and each asks ``shutil.get_terminal_size`` for the
    width: importing shutil (with zlib, bz2 and lzma) is a few milliseconds of every
    start. The same width, found with ``os`` alone."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: Optional[int] = None, **options) -> None:
        if width is None:
            width = _terminal_columns() - 2  # as argparse leaves a margin of two
        super().__init__(prog, indent_increment, max_help_position, width, **options)


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``: $COLUMNS when it is a positive number,
    else the width of the terminal on stdout, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
    except (AttributeError, ValueError, OSError):
        columns = 0
    return columns or 80


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the current folder)")
    parser.add_argument("--select", action="append", metavar="ID,...",
                        help="codemods to run (ALL: every built-in except rename), or your own transformer "
                             "as package.module:Name or path/file.py:Name")
    parser.add_argument("--ignore", action="append", metavar="ID,...", help="codemods not to run")
    parser.add_argument("--unsafe-fixes", action="store_true", default=None, help="also make fixes that may change behaviour")
    parser.add_argument("--no-unsafe-fixes", dest="unsafe_fixes", action="store_false", help=argparse.SUPPRESS)
    parser.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                        help="worker processes (default: one per core for large runs, in-process for a few files)")
    parser.add_argument("--output-format", choices=("text", "json", "sarif", "github"), default="text")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    parser.add_argument("--config", metavar="FILE", help="pyproject.toml to read instead of the nearest one")
    parser.add_argument("--isolated", action="store_true",
                        help="read no configuration file (pyproject.toml, linters' configs), so no transformer "
                             "named there runs: for a checkout you do not trust")
    parser.add_argument("--target-version", metavar="pyXY", help="Python version of the code, e.g. py39")
    parser.add_argument("--since", metavar="REF", help="only files git reports as changed since REF (a commit; "
                                                       "an unknown one is a usage error)")
    parser.add_argument("--shard", metavar="K/N", help="process only the K-th of N deterministic slices of the files (a CI matrix)")
    parser.add_argument("--force-exclude", action="store_true", help="apply excludes to files named on the command line too")
    parser.add_argument("--stdin-filename", metavar="NAME", help="read source from stdin as NAME; write the result to stdout")
    parser.add_argument("--project-root", metavar="DIR",
                        help="the project cross-file codemods index (default: the nearest folder above the paths "
                             "with pyproject.toml, setup.cfg, setup.py or .git)")
    parser.add_argument("--no-cache", action="store_true",
                        help="do not read or write the content-hash cache (a cache git tracks, or another "
                             "user's, is never used)")
    parser.add_argument("--cache-dir", metavar="DIR", help="cache folder (default: .codemods_cache beside the config)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks of internal errors")
    parser.add_argument("--show-settings", action="store_true",
                        help="print the effective settings (line length, formatter, ...) and where each "
                             "came from, then exit")


def _add_stubs_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--stubs", metavar="DIR",
                        help="folder of .pyi stubs the type-hints codemod takes types from "
                             "(its `stubs` option; the cache is not used then)")


def _command(commands, name: str, help: str, description: str) -> argparse.ArgumentParser:
    epilog = EXIT_CODES[name] + "\n" + EXAMPLES[name]
    styled = name in ("apply", "check")
    parser = commands.add_parser(name, help=help, description=description, epilog=epilog,
                                 formatter_class=_HelpFormatter, add_help=not styled)
    if styled:
        parser.add_argument("-h", "--help", action=_HelpWithStyle, nargs=0,
                            help="show this help message (with the project's line length) and exit")
    return parser


class _HelpWithStyle(argparse.Action):
    """``--help`` of apply/check also says which line length and formatter fixes
    follow here, and where each came from (read only when help is asked for)."""

    def __call__(self, parser, namespace, values, option_string=None):
        parser.print_help()
        print("\n" + "\n".join(_style_lines([])))
        parser.exit()


def _style_lines(paths: Sequence[str]) -> List[str]:
    """The project's style settings for PATHs, as --help and explain print them."""
    from codemods.config import ConfigError, load_config

    try:
        style = project_style(paths, load_config(paths))
    except (ConfigError, UsageError) as error:
        return [f"project style: cannot read the configuration: {error}"]
    lines = ["project style here (fixes that lengthen a line wrap it to fit; `--show-settings`):"]
    lines.extend(f"  {name} = {value}  # {source}" for name, value, source in style.describe())
    return lines


def project_style(paths: Sequence[str], config, isolated: bool = False):
    """The run's line length and formatter (codemods.style.settings), each with its source."""
    from codemods.style.settings import StyleError, read_style, start_folder

    try:
        return read_style(start_folder(paths), config.style_table(), config.path, isolated=isolated)
    except StyleError as error:
        raise UsageError(str(error)) from None


#: the subcommands, in the order `codemod --help` lists them
COMMANDS = ("apply", "check", "rename", "list", "explain")


def build_parser(command: Optional[str] = None) -> argparse.ArgumentParser:
    """The whole command line, or with ``command`` (a name of COMMANDS) only that
    subcommand's options: argparse checks every option as it is added (a formatter per
    option), so a run pays only for its own command's (every command is still listed)."""
    parser = argparse.ArgumentParser(prog="codemod", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=_HelpFormatter)
    parser.add_argument("--version", action="version", version=f"codemod {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def wanted(name: str) -> bool:
        return command is None or command == name

    apply = _command(commands, "apply", "rewrite files in place",
                     "Rewrite the Python files under PATH in place with the selected codemods.")
    if wanted("apply"):
        _add_run_options(apply)
        _add_stubs_option(apply)
        apply.add_argument("--dry-run", action="store_true", help="print the diff, write nothing")
        apply.add_argument("--exit-non-zero-on-fix", action="store_true", help="exit 1 when a file changed")
    check = _command(commands, "check", "print the diff; exit 1 if anything would change (for CI)",
                     "Print the diff and write nothing; exit 1 if anything would change.")
    if wanted("check"):
        _add_run_options(check)
        _add_stubs_option(check)
    rename = _command(
        commands, "rename", "rename a definition and every reference to it (a migration)",
        "Rename OLD to NEW (dotted qualified names: pkg.mod.func, pkg.mod.Class.method, pkg.mod) "
        "and every reference in the run that resolves to it through imports and aliases.")
    if wanted("rename"):
        rename.add_argument("old", metavar="OLD")
        rename.add_argument("new", metavar="NEW")
        _add_run_options(rename)
        rename.add_argument("--dry-run", action="store_true", help="print the diff, write nothing")
        rename.add_argument("--check", action="store_true", help="print the diff, write nothing, exit 1 if anything would change")
        rename.add_argument("--exit-non-zero-on-fix", action="store_true", help="exit 1 when a file changed")
    _command(commands, "list", "list the codemods: id, safety, default, summary",
             "Every codemod (built-in and plugin): id, safe/unsafe, on/off by default, one-line summary.")
    explain = _command(commands, "explain", "print a codemod's documentation",
                       "Print a codemod's documentation: what it changes, what it never touches, "
                       "fix safety, options.")
    if wanted("explain"):
        explain.add_argument("id", metavar="ID", help="a codemod id, as `codemod list` prints it")
    return parser


def parse_arguments(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.Namespace:
    """Options may follow the positionals (``codemod rename OLD NEW --no-cache .``):
    a subcommand's arguments are parsed intermixed, which argparse cannot do through
    the top-level parser (its subparsers argument takes the rest of the line)."""
    commands = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    if argv and argv[0] in commands.choices:
        args = commands.choices[argv[0]].parse_intermixed_args(argv[1:])
        args.command = argv[0]
        return args
    return parser.parse_args(argv)


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
    from codemods.engine.settings import SelectedCodemod
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
                    chosen.extend(c for c in builtin_codemods().values() if c.id not in SUBCOMMAND_ONLY)
                elif is_user_transformer(item):
                    users.append(item)
                elif item in SUBCOMMAND_ONLY:
                    raise UsageError(f"{item} runs only through its own command: {SUBCOMMAND_ONLY[item]}")
                else:
                    chosen.append(find_codemod(item))
        for item in ignored:
            if not is_user_transformer(item):
                find_codemod(item)  # an unknown id in ignore is a mistake worth naming
    except RegistryError as error:
        raise UsageError(str(error)) from None
    for table in config.codemod_options:
        try:
            find_codemod(table)
        except RegistryError as error:
            from codemods.config import KNOWN_KEYS

            where = f"{config.path}: [tool.codemods.{table}]"
            close = [key for key in sorted(KNOWN_KEYS) if _similar(table, key)]
            if close:
                raise UsageError(f"{where}: unknown key `{table}`; did you mean {' or '.join(close)}?") from None
            raise UsageError(f"{where}: {error}") from None
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
        _resolve_folder_options(codemod.id, options, config)
        if codemod.id == "type-hints" and getattr(args, "stubs", None):
            options["stubs"] = _existing_folder(args.stubs, "--stubs")
        selected.append(SelectedCodemod(codemod, options))
    if getattr(args, "stubs", None) and not any(s.codemod.id == "type-hints" for s in selected):
        sys.stderr.write("codemod: --stubs has no effect: type-hints is not selected (--select type-hints)\n")
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


def _similar(word: str, known: str) -> bool:
    import difflib

    return bool(difflib.get_close_matches(word, [known], n=1, cutoff=0.8))


def _existing_folder(value: str, where: str) -> str:
    if not os.path.isdir(value):
        raise UsageError(f"{where}: no such folder: {value}")
    return os.path.abspath(value)


def _resolve_folder_options(codemod_id: str, options: Dict[str, object], config) -> None:
    """Relative paths in ``[tool.codemods.<id>]`` are relative to the config file."""
    for name in FOLDER_OPTIONS.get(codemod_id, ()):
        value = options.get(name)
        if not value:
            continue
        if not isinstance(value, str):
            raise UsageError(f"{config.path}: [tool.codemods.{codemod_id}] `{name}` must be a string")
        if name in config.codemod_options.get(codemod_id, {}):
            value = os.path.join(config.root, value)
        options[name] = _existing_folder(value, f"{config.path}: [tool.codemods.{codemod_id}] `{name}`")


def _rename_selection(args: argparse.Namespace, config) -> tuple:
    from codemods.engine.settings import SelectedCodemod
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
        config = load_config(args.paths, args.config, isolated=args.isolated)
    except ConfigError as error:
        raise UsageError(str(error)) from None
    from codemods.engine.settings import RunSettings

    target = config.target_version
    if args.target_version:
        if args.target_version not in TARGET_VERSIONS:
            raise UsageError(f"--target-version must be one of {', '.join(TARGET_VERSIONS)}")
        target = TARGET_VERSIONS[args.target_version]
    selected, users, unsafe = _resolve_selection(args, config)
    style = project_style(args.paths, config, isolated=getattr(args, "isolated", False))
    if args.show_settings:
        return _show_settings(args, config, selected, users, unsafe, target, style)
    if args.command == "check" or getattr(args, "check", False):
        mode = "check"
    else:
        mode = "dry-run" if args.dry_run else "apply"
    settings = RunSettings(codemods=selected, user_transformers=users, unsafe_fixes=unsafe,
                           target_version=target, write=(mode == "apply"), style=style)
    if args.stdin_filename:
        return _run_stdin(args, settings, config, mode)
    from codemods.discovery import DiscoveryError, changed_since, discover_files

    outside: List[tuple] = []
    discovered, missing = discover_files(args.paths, config, force_exclude=args.force_exclude, outside=outside)
    for link, target in outside:
        sys.stderr.write(f"codemod: note: {link}: skipped, a symlink to {target}, outside the project "
                         "or in .git or an excluded folder (name it on the command line to process it)\n")
    for path in missing:
        sys.stderr.write(f"{path}:1:1: error: no such file or folder\n")
    paths = discovered
    if args.since:
        try:
            paths = changed_since(args.since, paths)
        except DiscoveryError as error:
            raise UsageError(str(error)) from None
    # Files left out by --since are not rewritten by anyone: cross-file codemods must
    # not plan a change they would need. Other shards' files are rewritten by the
    # sibling jobs with the same plan, so they are not frozen.
    from codemods.cache import CACHE_FOLDER, ContentCache, untrusted_reason

    cache = None
    if not args.no_cache and not _reads_files_outside_the_key(settings):
        folder = args.cache_dir or config.cache_dir or os.path.join(config.root, CACHE_FOLDER)
        reason = untrusted_reason(folder)
        if reason is None:
            cache = ContentCache(folder)
        else:
            sys.stderr.write(f"codemod: warning: not using the cache in {folder}: {reason}; "
                             "running without it (--no-cache silences this)\n")
    settings = _prepare_cross_file(settings, discovered, paths, config, cache,
                                   project=_project_scope(args, args.paths, config))
    if args.shard:
        from codemods.discovery import select_shard

        try:
            paths = select_shard(paths, args.shard, config.root)
        except ValueError as error:
            raise UsageError(str(error)) from None
    from codemods.runner import run_files

    progress = None
    from codemods.reporting.progress import ProgressBar

    if ProgressBar.wanted(len(paths)):  # stderr only: any format's stdout stays clean
        progress = ProgressBar(len(paths))
    # Every object alive now (the modules, the settings, the cross-file codemods'
    # project model) lives until the files are done: frozen, it is out of the garbage
    # collector's sight, and each parse of a file (many small objects) no longer makes
    # the collector walk it all again (on the standard library the model alone made
    # ast.parse about 40 % slower). Unfrozen afterwards: a process that runs several
    # times (the tests) leaks nothing.
    import gc

    gc.freeze()
    try:
        report = run_files(paths, settings, jobs=args.jobs, per_file_ignores=config.per_file_ignores,
                           root=config.root, cache=cache, on_result=progress.advance if progress else None)
    finally:
        gc.unfreeze()
    if progress:
        progress.close()
    if cache is not None:
        cache.save()
    from codemods.reporting import render

    render(report, args.output_format, mode=mode, color=_colour_wanted(args.color, sys.stdout),
           codemods=_described_codemods(args.output_format), quiet=args.quiet)
    if report.errors or missing:
        return EXIT_ERROR
    if mode == "check":
        return EXIT_CHANGES if (report.changed or report.findings) else EXIT_OK
    if args.exit_non_zero_on_fix and report.changed:
        return EXIT_CHANGES
    return EXIT_OK


def _show_settings(args: argparse.Namespace, config, selected, users, unsafe: bool, target, style) -> int:
    """``--show-settings``: what this run would use, and where each value came from."""
    where = config.path or "none found (defaults)"
    if args.target_version:
        target_source = "--target-version"
    elif config.target_version:
        target_source = f"{config.path} [tool.codemods] target-version"
    else:
        target_source = "default (the running Python's grammar)"
    if args.unsafe_fixes is not None:
        unsafe_source = "command line"
    else:
        unsafe_source = f"{config.path} [tool.codemods]" if config.path else "default"
    names = [s.codemod.id for s in selected] + list(users)
    if args.select:
        select_source = "--select"
    elif config.select is not None:
        select_source = f"{config.path} [tool.codemods] select"
    else:
        select_source = "default (the codemods on by default)"
    rows = [("configuration file", where, ""),
            ("select", ", ".join(names) or "(none)", select_source),
            ("unsafe-fixes", "true" if unsafe else "false", unsafe_source),
            ("target-version", target or "(any)", target_source)]
    rows.extend(style.describe())
    for name, value, source in rows:
        print(f"{name} = {value}" + (f"  # {source}" if source else ""))
    return EXIT_OK


def _described_codemods(output_format: str) -> Dict[str, Type]:
    from codemods.registry import all_codemods, builtin_codemods

    # plugins are only loaded where their descriptions are shown
    return dict(all_codemods() if output_format in ("json", "sarif") else builtin_codemods())


def _reads_files_outside_the_key(settings) -> bool:
    """Type hints from stubs depend on the stub files, which the cache key does not
    cover: such a run does not use the cache rather than risk a stale result."""
    return any(s.codemod.id == "type-hints" and s.options.get("stubs") for s in settings.codemods)


def _project_scope(args: argparse.Namespace, named: Sequence[str], config) -> tuple:
    """(project root or None, cache folder or None) of the project model."""
    root = getattr(args, "project_root", None)
    if root:
        if not os.path.isdir(root):
            raise UsageError(f"--project-root: no such folder: {root}")
        root = os.path.abspath(root)
    else:
        from codemods.analysis.project import find_project_root

        root = find_project_root(list(named) or ["."])
    folder = None
    if not args.no_cache:
        from codemods.cache import CACHE_FOLDER, untrusted_reason

        folder = args.cache_dir or config.cache_dir or os.path.join(config.root, CACHE_FOLDER)
        if untrusted_reason(folder) is not None:
            folder = None  # a model cache from the checkout could hide references (warned once with the cache)
    return root, folder


def _prepare_cross_file(settings, every_path: Sequence[str], processed: Sequence[str], config, cache=None,
                        project: tuple = (None, None), overrides: Optional[Dict[str, str]] = None):
    """Let cross-file codemods index the whole project once, before any file is
    processed, and tell them which files this run will not rewrite for them (the
    project's files the run leaves out, those left out by ``--since``, or
    per-file-ignored for that codemod): nothing there may change.

    ``project`` is (root, model cache folder): with a root, every Python file of the
    project is indexed (codemods.analysis.project), not only ``every_path``. With a
    cache, an index is reused when the files (paths and digests), the frozen ones,
    the options and the tool version are the same as when it was made."""
    cross_file = [s for s in settings.codemods if s.codemod.cross_file]
    if not cross_file:
        return settings
    from codemods.analysis.project import build_model, project_files
    from codemods.runner import ignored_ids_for

    root, model_cache = project
    known = {os.path.abspath(path) for path in every_path}
    every_path = list(every_path)
    if root is not None:
        every_path += [path for path in project_files(root, config) if path not in known]
    model = build_model(every_path, root=root, cache_folder=model_cache, overrides=overrides)
    rewritten = {os.path.abspath(path) for path in processed}
    model.run_paths = rewritten
    prepared = []
    digests: dict = {}  # path -> digest of its bytes, shared by the codemods' keys
    for path in every_path:
        known_digest = model.digest(path)
        if known_digest is not None:
            digests[os.path.abspath(path)] = bytes.fromhex(known_digest)
    for selected in cross_file:
        codemod_id = selected.codemod.id
        frozen = tuple(path for path in every_path if os.path.abspath(path) not in rewritten
                       or codemod_id in ignored_ids_for(path, config.per_file_ignores, config.root))
        # the index names other files relative to the current folder (in findings)
        key = _prepare_key(codemod_id, selected.options, every_path, frozen, digests,
                           extra=f"{model.entry_points!r}\0{os.getcwd()}") if cache is not None else None
        if key is not None and key in cache.entries:
            from codemods.cache import NotCacheable, decode_value

            try:
                cached = decode_value(cache.entries[key])
                # an index that also read files outside the run says whether they changed
                if getattr(cached, "still_current", lambda: True)():
                    prepared.append((codemod_id, cached))
                    continue
            except (NotCacheable, TypeError, ValueError, ImportError, AttributeError):
                pass  # a damaged or stale entry: index again
        declaration = selected.codemod()
        keywords = {"frozen_paths": frozen} if _accepts_keyword(declaration.prepare, "frozen_paths") else {}
        if _accepts_keyword(declaration.prepare, "model"):
            keywords["model"] = model
        try:
            project_data = declaration.prepare(list(every_path), selected.options, **keywords)
        except ValueError as error:  # bad options or arguments (the rename engine's RenameError is one)
            message = str(error)
            raise UsageError(message if message.startswith(f"{codemod_id}:") else f"{codemod_id}: {message}") from None
        prepared.append((codemod_id, project_data))
        if key is not None and not getattr(project_data, "reads_outside_the_run", False):
            from codemods.cache import NotCacheable, encode_value

            try:
                cache.put(key, encode_value(project_data))
            except NotCacheable:
                pass
    import dataclasses

    return dataclasses.replace(settings, project_data=tuple(prepared))


def _prepare_key(codemod_id: str, options, every_path: Sequence[str], frozen: Sequence[str],
                 digests: dict, extra: str = "") -> Optional[str]:
    """The cache key of a cross-file index: one read and hash per file, kept in
    ``digests`` for the other cross-file codemods of the same run."""
    import hashlib

    from codemods import __version__

    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{__version__}\0{codemod_id}\0{sorted(options.items())!r}\0{sorted(frozen)!r}\0{extra}".encode())
    for path in sorted(every_path):
        absolute = os.path.abspath(path)
        file_digest = digests.get(absolute)
        if file_digest is None:
            try:
                with open(path, "rb") as handle:
                    file_digest = digests[absolute] = hashlib.blake2b(handle.read(), digest_size=16).digest()
            except OSError:
                return None
        digest.update(absolute.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(file_digest)
    from codemods.cache import PREPARE_PREFIX

    return PREPARE_PREFIX + digest.hexdigest()


def _accepts_keyword(function, name: str) -> bool:
    import inspect

    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False
    return name in parameters or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())


def _run_stdin(args: argparse.Namespace, settings, config, mode: str) -> int:
    """check: the report (diff or records) on stdout; apply: the result itself on stdout."""
    from codemods.engine.pipeline import process_source
    from codemods.reporting import render, write_errors
    from codemods.runner import RunReport, ignored_ids_for

    if mode != "check" and args.output_format != "text":
        raise UsageError(f"--output-format {args.output_format} with --stdin-filename needs `check`: "
                         "apply writes the source to stdout")
    raw = sys.stdin.buffer.read()
    # the file's project is indexed from disk, the file itself from stdin: what other
    # files refer to keeps working (they are frozen)
    from codemods.engine.source import SourceError, decode_source

    try:
        stdin_text = decode_source(raw).text
    except SourceError:
        stdin_text = None
    named = [args.stdin_filename]
    overrides = {args.stdin_filename: stdin_text} if stdin_text is not None else None
    settings = _prepare_cross_file(settings, named, named, config, project=_project_scope(args, named, config),
                                   overrides=overrides)
    report = RunReport()
    excluded = False
    if args.force_exclude:
        from codemods.discovery import is_excluded

        excluded = is_excluded(args.stdin_filename, config)
    if not excluded:
        ignored = ignored_ids_for(args.stdin_filename, config.per_file_ignores, config.root)
        report.results.append(process_source(raw, args.stdin_filename, settings, ignored))
    result = report.results[0] if report.results else None
    if mode == "check":
        render(report, args.output_format, mode="check", color=_colour_wanted(args.color, sys.stdout),
               codemods=_described_codemods(args.output_format), quiet=True)
    else:
        write_errors(report, sys.stderr)
        sys.stdout.flush()
        sys.stdout.buffer.write(result.new_bytes if result is not None and result.new_bytes is not None else raw)
        sys.stdout.buffer.flush()
    if result is None:
        return EXIT_OK
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
    if codemod.wraps_lines:
        print("\nLine length: lines a fix makes longer than the project's line length are wrapped "
              "(the formatter's layout when black or ruff format lays the code out, else the "
              "file's own continuation style); in the current folder:")
        print("\n".join(_style_lines([])[1:]))
    if codemod.options:
        print("\nOptions ([tool.codemods." + codemod.id + "]):")
        for name, value in codemod.options.items():
            print(f"  {name} = {value!r}")
    return EXIT_OK


def _reader_gone() -> int:
    """The reader of stdout went away (``codemod check | head``): stop quietly, with
    stdout pointed at /dev/null so that the interpreter's last flush cannot fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_ERROR


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # parse_arguments hands a line that starts with a command to that command's parser
    # alone; any other line (--help, --version, a mistake) gets the whole parser
    parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
    try:
        args = parse_arguments(parser, argv)
    except BrokenPipeError:  # ``codemod check --help | head``
        return _reader_gone()
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
        return _reader_gone()
    except Exception as error:
        if debug:
            raise
        sys.stderr.write(f"codemod: internal error: {type(error).__name__}: {error} (rerun with --debug for a traceback)\n")
        return EXIT_ERROR
