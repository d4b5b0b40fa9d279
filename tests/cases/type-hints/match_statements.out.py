from typing import Any


def classify(command: Any) -> int:
    match command.split():
        case ["go", direction]:
            return 1
        case ["stop"]:
            return 2
        case _:
            return 0


def partial(command: Any) -> Any:
    match command:
        case "a":
            return "alpha"
        case "b":
            return "beta"


def handle(event: Any) -> None:
    match event:
        case {"type": "click"}:
            print("click")
        case _:
            raise ValueError(event)
