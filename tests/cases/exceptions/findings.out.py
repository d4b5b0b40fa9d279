import contextlib
import sqlite3


def swallowed_database_error(session, item):
    try:
        session.add(item)
        session.commit()
    except Exception:
        pass


def swallowed_in_loop(conn, rows):
    for row in rows:
        try:
            conn.execute("INSERT INTO t VALUES (?)", row)
        except BaseException:
            continue


def cursor_from_scope(path):
    db = sqlite3.connect(path)
    cur = db.cursor()
    try:
        cur.execute("DELETE FROM t")
    except Exception:
        return None


def chained_cursor(handle):
    try:
        handle.cursor().execute("DELETE FROM t")
    except Exception:
        return


def attribute_receiver(self):
    try:
        self._db_session.flush()
    except Exception:
        ...


def not_a_database(cache, key):
    try:
        cache.delete(key)
    except Exception:
        pass


def handled(conn, log):
    try:
        conn.execute("DELETE FROM t")
    except Exception:
        log.exception("delete failed")
    try:
        conn.execute("DELETE FROM t")
    except Exception:
        return False
    try:
        conn.execute("DELETE FROM t")
    except ValueError:
        pass


def suppressed(conn):
    try:
        conn.rollback()
    except Exception:  # noqa: BLE001
        pass
    try:
        conn.rollback()
    except Exception:
        pass  # noqa: S110
    try:
        conn.rollback()
    except Exception:  # codemod: ignore
        pass
    with contextlib.suppress(Exception):
        conn.rollback()


def jumps(items):
    for item in items:
        try:
            return item
        finally:
            if item:
                break
            continue
    try:
        pass
    finally:
        return None


def jumps_allowed(items):
    try:
        pass
    finally:
        for item in items:
            if item:
                break
            continue

        def later():
            return 1
    try:
        pass
    finally:
        return 2  # noqa: B012
