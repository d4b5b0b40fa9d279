"""Chain, re-raise and log caught exceptions visibly; report swallowed errors.

What it changes
    Safe fixes:

    * in a handler, ``raise NewError(...)`` without ``from`` becomes
      ``raise NewError(...) from err`` (``__cause__`` is set; the traceback says "direct
      cause"). A handler without a name gets the first of ``handler-names`` that is free
      in its scope (no code of that scope or of a scope nested in it binds, reads or
      declares it, and none reads names by string: ``locals()``, ``eval``...); a bare
      ``except:`` then becomes ``except BaseException as exc:``, which catches the same.
      Only a new exception is chained: a built-in exception class, an imported name
      (a name no scope binds counts as imported when the module has a
      ``from m import *``), a ``class`` of the module (or a name assigned one of those),
      or a call of one;
      ``except*`` handlers too (the raised exception joins the group the same way, only
      its ``__cause__`` is added), and raises in the body of a ``try`` nested in the
      handler (the exception being handled there is still the caught one);
    * ``raise err`` of the exception the handler caught becomes a bare ``raise`` (the
      traceback keeps the original frames, without the extra line of the re-raise);
      when nothing else reads ``err``, the handler's ``as err`` goes too (pyflakes
      would report it unused);
    * a redundant exception tuple is reduced: duplicates, aliases of ``OSError``
      (``IOError``, ``EnvironmentError``, ``socket.error``, ``select.error``,
      ``os.error``, ``mmap.error``, ``resource.error``; resolved by qualified name, so
      ``from socket import error`` counts and a local class named ``error`` does not),
      a built-in class together with a built-in subclass of it (``(Exception,
      ValueError)`` becomes ``Exception``), and a class an earlier handler of the same
      ``try`` already catches. An alias left alone in a tuple is not rewritten.

    Unsafe fixes (``--unsafe-fixes``):

    * a bare ``except:`` becomes ``except Exception:`` (it no longer catches
      KeyboardInterrupt, SystemExit and GeneratorExit), unless its body re-raises (a
      bare ``raise``): such a cleanup must see every exception, and pycodestyle accepts
      it too;
    * ``logger.error(...)`` / ``logging.error(...)`` in a handler becomes
      ``.exception(...)`` (the log gains the traceback). A logger is ``logging`` itself,
      a receiver named in ``logger-names`` (``logger.error``, ``self.log.error``), a name
      bound to a call of a ``logger-factories`` function, or such a call.

    Findings (report only, ``codemod check`` fails):

    * a broad handler (``except:``, ``except Exception``, ``except BaseException``, or a
      tuple holding one) whose body only swallows the error: ``pass``, ``...``,
      ``continue``, ``break``, ``return``/``return None``. When the ``try`` body calls a
      ``database-methods`` method (``execute``, ``commit``, ``flush``, ``rollback``,
      ``query``, ``delete``, ``add``, ``merge``) on a session, connection or cursor, it
      is reported as a swallowed database error. A receiver is a database one when its
      name, or a ``_``-separated word of it, is in ``database-receivers``
      (``conn``, ``db_session``, ``self._cursor``), when it is a call of ``cursor()``,
      ``connect()``, ``begin()``, ``Session()``... (``conn.cursor().execute(...)``), or
      when the scope analysis finds it bound to such a call (``cur = db.cursor()``,
      ``with engine.begin() as tx``);
    * a handler never reached because earlier handlers catch everything it names;
    * ``return``, ``break`` or ``continue`` in a ``finally`` block (it discards the
      exception in flight); ``break``/``continue`` of a loop inside the ``finally`` are
      fine.

Never
    * a ``raise`` already chained (``from x``, ``from None``) or bare;
    * a chain that would make a line longer than the project's line length when no
      layout fits (a message of implicitly concatenated strings): it is reported, to
      chain by hand;
    * a ``raise`` inside a function, lambda or class nested in the handler, or inside a
      ``finally`` block or another handler nested in it (that one's own rules apply);
    * ``raise err`` or ``from err`` when the handler's name is rebound or deleted in the
      handler, rebound from a nested scope (``nonlocal``/``global``), or declared
      ``global``/``nonlocal``; ``raise err`` when the handler touches
      ``err.__traceback__``/``err.with_traceback``;
    * a raise of anything but a new exception (``raise self.error(e)``, ``raise wrapped``:
      it may be the caught exception itself, or already carry a cause);
    * handlers of ``GeneratorExit``, ``StopIteration``, ``StopAsyncIteration`` (control
      flow, not errors) for the raise fixes;
    * ``raise eg`` in an ``except*`` handler: the bare ``raise`` there re-raises into the
      original group, ``raise eg`` nests a new one, so the semantics differ;
    * subclass relations between classes that are not built-ins (a user class's
      hierarchy is not known without importing it): only exact duplicates go;
      ``WindowsError`` (evaluating it fails off Windows); tuples holding a comment,
      ``*unpacking``, calls or parenthesised elements; built-in names when the module
      has a ``from m import *`` (it may shadow them);
    * ``contextlib.suppress(...)``: an explicit, visible choice, neither fixed nor
      reported;
    * lines with ``# noqa`` for the matching ruff code (B904 raise-from, TRY201
      ``raise err``, B014/B025 redundant classes, E722 bare except, TRY400 logging,
      BLE001/S110/S112 swallowed handlers, B012 jumps in ``finally``), a bare ``# noqa``,
      or ``# codemod: ignore``.

Fix safety
    ``from err`` only adds ``__cause__`` (the same exception ``__context__`` already
    holds) and prints "direct cause" instead of "during handling"; the name it uses is
    the handler's own, unchanged since the handler bound it, or a fresh one no code
    reads. A bare ``raise`` re-raises the same object with its original traceback.
    Reduced tuples catch exactly the same classes (aliases are the same object, built-in
    subclasses are caught by their base, duplicates and classes caught earlier never
    reach the handler), and an ``except`` clause's names are plain reads with no
    effects. ``except:`` and ``except BaseException:`` catch the same. Narrowing a bare
    ``except:`` to ``Exception`` and turning ``error`` logs into ``exception`` logs
    change behaviour (what is caught, what is logged), so they wait for
    ``--unsafe-fixes``.

    It runs after ``naming`` and ``sql-params`` (it names handlers in final names) and
    before ``unused-variables`` and ``unused-imports``: a handler name that a bare
    ``raise`` leaves unread, and an ``import socket`` that only ``socket.error`` used,
    are then removed in the same run.

Options
    ``handler-names`` (default ``["exc", "error"]``): names tried, in order, for a
    handler that needs one.
    ``logger-names`` (default ``logger``, ``log``, ``LOG``, ``LOGGER`` and their
    ``_``-prefixed forms): receivers taken as loggers.
    ``logger-factories`` (default ``logging.getLogger``, ``logging.LoggerAdapter``,
    ``structlog.get_logger``, ``structlog.getLogger``, ``oslo_log.log.getLogger``):
    qualified names of calls that return a logger.
    ``database-methods`` (default ``execute``, ``commit``, ``flush``, ``rollback``,
    ``query``, ``delete``, ``add``, ``merge``) and ``database-receivers`` (default
    ``session``, ``conn``, ``connection``, ``cursor``, ``cur``, ``db``, ``engine``,
    ``transaction``, ``txn``): what makes a swallowed error a database one.
    Each option takes a list of strings (a single string is one name).
"""

from __future__ import annotations

import ast

from codemods.contract import Codemod, Example
from codemods.transforms.exceptions.detection import may_apply


class ExceptionsTransform(Codemod):
    id = "exceptions"
    summary = "Chain and re-raise caught exceptions, reduce redundant handlers, report swallowed errors."
    default = True
    safe = True
    order = 250
    wraps_lines = True  # `from err` can make a raise too long: it is laid out again
    one_pass = True
    options = {
        "handler-names": ["exc", "error"],
        "logger-names": ["logger", "log", "LOG", "LOGGER", "_logger", "_log", "_LOG", "_LOGGER"],
        "logger-factories": ["logging.getLogger", "logging.LoggerAdapter", "structlog.get_logger",
                             "structlog.getLogger", "oslo_log.log.getLogger"],
        "database-methods": ["execute", "commit", "flush", "rollback", "query", "delete", "add", "merge"],
        "database-receivers": ["session", "conn", "connection", "cursor", "cur", "db", "engine", "transaction", "txn"],
    }
    metadata = ("position", "scope", "qualified_name")
    rewriter = "codemods.transforms.exceptions.rewriter:ExceptionsRewriter"
    examples = (
        Example("def f(d, k):\n    try:\n        return d[k]\n    except KeyError as err:\n"
                "        raise ValueError(k)\n",
                "def f(d, k):\n    try:\n        return d[k]\n    except KeyError as err:\n"
                "        raise ValueError(k) from err\n"),
        Example("def f(d, k):\n    try:\n        return d[k]\n    except KeyError:\n        raise ValueError(k)\n",
                "def f(d, k):\n    try:\n        return d[k]\n    except KeyError as exc:\n"
                "        raise ValueError(k) from exc\n"),
        Example("def f(g):\n    try:\n        g()\n    except OSError as err:\n        cleanup()\n        raise err\n",
                "def f(g):\n    try:\n        g()\n    except OSError:\n        cleanup()\n        raise\n"),
        Example("try:\n    g()\nexcept (IOError, OSError, ValueError, UnicodeError):\n    pass\n",
                "try:\n    g()\nexcept (OSError, ValueError):\n    pass\n"),
        Example("try:\n    g()\nexcept:\n    pass\n", "try:\n    g()\nexcept Exception:\n    pass\n", unsafe=True),
        Example("def f(g, k):\n    try:\n        g()\n    except StopIteration:\n        raise ValueError(k)\n"),
        Example("def f(g, k):\n    try:\n        g()\n    except KeyError:\n        raise ValueError(k) from None\n"),
    )

    def detect(self, tree: ast.Module, source: str) -> bool:
        if "except" not in source and "finally" not in source:
            return False
        return may_apply(tree, self.unsafe_fixes)
