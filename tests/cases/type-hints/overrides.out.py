"""Overrides take the annotations of the method they override."""
import ast
import json
import logging
import threading
from typing import TYPE_CHECKING, Any, Generic, Optional, TypeVar

if TYPE_CHECKING:
    from ast import Name
    from logging import LogRecord

T = TypeVar("T")


class Job:
    def __init__(self, name: Any) -> None:
        self.name = name


class Runner:
    def run(self, job: Job, retries: Optional[int] = None) -> bool:
        return bool(job.name) and retries != 0

    def label(self, prefix: str = "") -> str:
        return prefix + type(self).__name__

    def plain(self, value: Any) -> Any:
        return value


class TwiceRunner(Runner):
    def run(
        self, task: Job, retries: Optional[int] = 2
    ) -> bool:  # another name: the same position
        print(task.name)
        return retries != 0

    def label(self, prefix: Any = None) -> str:  # None does not fit str: a placeholder
        return "twice"

    def plain(self, value: Any) -> int:  # an unannotated base: inferred as usual
        return 1

    def extra(self, flag: bool = False) -> None:
        print(flag)


class Box(Generic[T]):
    def get(self) -> T:
        raise NotImplementedError


class IntBox(Box[int]):
    def get(self) -> Any:  # T means int here: never copied
        return 1


class PrintHandler(logging.Handler):  # typeshed knows logging.Handler.emit
    def emit(self, record: "LogRecord") -> None:
        print(record.getMessage())


class Worker(threading.Thread):
    def run(self) -> None:
        print("working")


class Encoder(json.JSONEncoder):
    def default(self, o: Any) -> Any:
        return str(o)


class Names(ast.NodeVisitor):
    def visit_Name(self, node: "Name") -> Any:
        print(node.id)
