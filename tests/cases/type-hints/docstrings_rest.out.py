from typing import Any, Dict, List, Optional


def lookup(
    table: Dict[str, int], key: str, default: Optional[int] = None
) -> Optional[int]:
    """Find a key.

    :param table: the table.
    :type table: Dict[str, int]
    :param str key: the key.
    :param default: used when missing.
    :type default: int or None
    :rtype: int or None
    """
    return table.get(key, default)


def names(rows: Any) -> List[str]:
    """Names of the rows.

    :type rows: list of dict
    :rtype: List[str]
    """
    return [row["name"] for row in rows]


def unknown(thing: Any) -> Any:
    """Uses a type that does not exist here.

    :type thing: FancyThing
    """
    return thing
