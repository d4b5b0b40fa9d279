import json

from .errors import ConfigError


class LoadError(Exception):
    pass


Wrapped = LoadError


def named(path):
    try:
        return json.load(open(path))
    except ValueError as err:
        raise LoadError(path) from err


def unnamed(path):
    try:
        return json.load(open(path))
    except (OSError, ValueError) as exc:
        if path:
            raise ConfigError("cannot read", path) from exc
        raise json.JSONDecodeError("empty", "", 0) from exc


def class_not_call(d, key):
    try:
        return d[key]
    except KeyError as exc:
        raise Wrapped from exc


def exc_is_taken(d, exc):
    try:
        return d[exc]
    except KeyError as error:
        raise LookupError(exc) from error


def both_names_taken(d, exc, error):
    try:
        return d[exc]
    except KeyError:
        raise LookupError(exc, error)


def reads_locals(d, key):
    try:
        return d[key]
    except KeyError:
        raise LookupError(locals())


def closure_reads_global_exc(d, key):
    try:
        return d[key]
    except KeyError as error:
        raise LookupError(key) from error
    return lambda: exc


def already_chained(d, key):
    try:
        return d[key]
    except KeyError as err:
        if key:
            raise LookupError(key) from None
        raise LookupError(key) from err


def bare_and_reraise(d, key):
    try:
        return d[key]
    except KeyError:
        raise


def nested_scopes(d, key):
    try:
        return d[key]
    except KeyError as err:
        def later():
            raise LookupError(key)
        handler = lambda: later()

        class Problem:
            try:
                pass
            finally:
                pass
        return handler, Problem


def control_flow(it):
    try:
        return next(it)
    except StopIteration:
        raise RuntimeError("empty")
    except (GeneratorExit, ValueError):
        raise RuntimeError("closed")


def not_a_new_exception(d, key, wrap, failure):
    try:
        return d[key]
    except KeyError as err:
        if wrap:
            raise wrap(err)
        if failure:
            raise failure
        raise make_error(err)


def make_error(err):
    return err


def noqa_kept(d, key):
    try:
        return d[key]
    except KeyError:
        raise LookupError(key)  # noqa: B904
    except TypeError:
        raise LookupError(key)  # noqa
    except IndexError:
        raise LookupError(key)  # codemod: ignore


def noqa_other_code_fixed(d, key):
    try:
        return d[key]
    except KeyError as exc:
        raise LookupError(key) from exc  # noqa: E501


def nested_handlers(d, key):
    try:
        return d[key]
    except KeyError as error:
        try:
            return d[key.lower()]
        except KeyError as exc:
            raise LookupError(key.lower()) from exc
        raise LookupError(key) from error


def inside_finally_of_handler(d, key):
    try:
        return d[key]
    except KeyError:
        try:
            pass
        finally:
            raise LookupError(key)


def bare_except(d, key):
    try:
        return d[key]
    except BaseException as exc:
        raise LookupError(key) from exc


def rebound_before_raise(d, key):
    try:
        return d[key]
    except KeyError as err:
        err = str(err)
        raise LookupError(err)


def deleted_before_raise(d, key):
    try:
        return d[key]
    except KeyError as err:
        del err
        raise LookupError(key)


def multiline(d, key):
    try:
        return d[key]
    except KeyError as err:
        raise LookupError(
            "missing",
            key,
        ) from err
