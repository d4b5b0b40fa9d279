"""Overrides take the annotations of the method they override."""
import ast
import json
import logging
import threading
from typing import Generic, Optional, TypeVar

T = TypeVar("T")


class Job:
    def __init__(self, name):
        self.name = name


class Runner:
    def run(self, job: Job, retries: Optional[int] = None) -> bool:
        return bool(job.name) and retries != 0

    def label(self, prefix: str = "") -> str:
        return prefix + type(self).__name__

    def plain(self, value):
        return value


class TwiceRunner(Runner):
    def run(self, task, retries=2):  # another name: the same position
        print(task.name)
        return retries != 0

    def label(self, prefix=None):  # None does not fit str: a placeholder
        return "twice"

    def plain(self, value):  # an unannotated base: inferred as usual
        return 1

    def extra(self, flag=False):
        print(flag)


class Box(Generic[T]):
    def get(self) -> T:
        raise NotImplementedError


class IntBox(Box[int]):
    def get(self):  # T means int here: never copied
        return 1


class PrintHandler(logging.Handler):  # typeshed knows logging.Handler.emit
    def emit(self, record):
        print(record.getMessage())


class Worker(threading.Thread):
    def run(self):
        print("working")


class Encoder(json.JSONEncoder):
    def default(self, o):
        return str(o)


class Names(ast.NodeVisitor):
    def visit_Name(self, node):
        print(node.id)
