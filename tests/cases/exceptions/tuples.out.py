import os
import select
import socket
from socket import error as socket_error

from .errors import AppError, OtherError


class LocalError(ValueError):
    pass


def run(g):
    try:
        g()
    except ValueError:
        pass
    try:
        g()
    except OSError as err:
        return err
    try:
        g()
    except (OSError, KeyError):
        pass
    try:
        g()
    except OSError:
        pass
    try:
        g()
    except Exception:
        raise
    try:
        g()
    except (LookupError, TypeError):
        pass
    try:
        g()
    except (AppError, OtherError):
        pass
    try:
        g()
    except (LocalError, ValueError):
        pass
    try:
        g()
    except (AppError, ValueError, LocalError):
        pass
    try:
        g()
    except (
        LookupError,
        OSError,
    ):
        pass
    try:
        g()
    except (
        TypeError,  # a reason
        TypeError,
    ):
        pass
    try:
        g()
    except (IOError, OSError):  # noqa: B014
        pass
    try:
        g()
    except (IOError, WindowsError):
        pass


def across_handlers(g):
    try:
        g()
    except ValueError:
        return 1
    except KeyError:
        return 2
    except OSError:
        return 3
    except TypeError:
        return 4
    except AppError:
        return 5
    except AppError:
        return 6
    except (KeyError, UnicodeDecodeError):  # noqa: B025
        return 7


def shadowed_builtin(g):
    ValueError = KeyError
    try:
        g()
    except (ValueError, KeyError):
        pass


def tight(g):
    try:
        g()
    except LookupError as err:
        return err
