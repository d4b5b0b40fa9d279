def run(g):
    try:
        g()
    except* ValueError as group:
        raise RuntimeError("bad values")
    except* KeyError:
        raise LookupError("bad keys")
    except* OSError as group:
        raise group
    except* (TypeError, TypeError):
        pass
    except*(IndexError, IndexError):
        pass
