from typing import Dict, List


def lookup(table, key, default=None):
    """Find a key.

    :param table: the table.
    :type table: Dict[str, int]
    :param str key: the key.
    :param default: used when missing.
    :type default: int or None
    :rtype: int or None
    """
    return table.get(key, default)


def names(rows):
    """Names of the rows.

    :type rows: list of dict
    :rtype: List[str]
    """
    return [row["name"] for row in rows]


def unknown(thing):
    """Uses a type that does not exist here.

    :type thing: FancyThing
    """
    return thing
