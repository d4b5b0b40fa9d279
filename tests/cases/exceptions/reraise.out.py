import sys

state = None


def plain(g):
    try:
        return g()
    except OSError:
        sys.stderr.write("failed\n")
        raise


def in_branches(g, quiet):
    try:
        return g()
    except (OSError, ValueError):
        if quiet:
            raise
        for _ in range(1):
            with open(__file__):
                raise


def parenthesised(g):
    try:
        return g()
    except OSError:
        raise


def rebound(g, other):
    try:
        return g()
    except OSError as err:
        err = other
        raise err


def deleted_then_rebound(g):
    try:
        return g()
    except OSError as err:
        del err
        err = RuntimeError()
        raise err


def rebound_from_closure(g):
    err = None

    def reset():
        nonlocal err
        err = RuntimeError("reset")

    try:
        return g()
    except OSError as err:
        reset()
        raise err


def rebound_by_inner_handler(g):
    try:
        return g()
    except OSError as err:
        try:
            g()
        except ValueError as err:
            pass
        raise err


def inside_inner_handler(g):
    try:
        return g()
    except OSError as err:
        try:
            g()
        except ValueError:
            raise err


def inside_inner_try_body(g):
    try:
        return g()
    except OSError:
        try:
            raise
        finally:
            sys.stderr.write("done\n")


def traceback_changed(g):
    try:
        return g()
    except OSError as err:
        err.with_traceback(None)
        raise err


def declared_global(g):
    global state
    try:
        return g()
    except OSError as state:
        raise state


def another_name(g, saved):
    try:
        return g()
    except OSError as err:
        raise saved


def noqa_kept(g):
    try:
        return g()
    except OSError as err:
        raise err  # noqa: TRY201


def nested_function(g):
    try:
        return g()
    except OSError as err:
        def again():
            raise err
        return again


try:
    import _missing_module
except ImportError:
    raise
