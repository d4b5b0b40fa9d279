from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:

    def only_for_types(value: Any) -> None:
        pass


def run(value: Any) -> Any:
    return value
