from typing import Any


def main(argv: Any) -> int:
    return len(argv)
