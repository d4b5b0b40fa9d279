def run(g):
    try:
        g()
    except* ValueError as group:
        raise RuntimeError("bad values") from group
    except* KeyError as exc:
        raise LookupError("bad keys") from exc
    except* OSError as group:
        raise group
    except* TypeError:
        pass
    except* IndexError:
        pass
