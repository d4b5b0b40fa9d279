import functools
from typing import Any

import click
import typer
from fastapi import APIRouter, Depends, FastAPI
from pydantic import validate_call
from beartype import beartype
from typeguard import typechecked

app = FastAPI()
router = APIRouter()
cli = typer.Typer()


@app.get("/items/{item_id}")
def read_item(item_id, q=None):
    return {"item_id": item_id, "q": q}


@router.post("/things")
async def create_thing(name="thing"):
    return name


def common_parameters(skip=0, limit=100):
    return {"skip": skip, "limit": limit}


@app.get("/users")
def users(commons=Depends(common_parameters)):
    return commons


@cli.command()
def hello(name, count=1):
    print(name * count)


@click.group()
def group():
    pass


@group.command()
@click.option("--count", default=1)
def repeat(count):
    print(count)


@validate_call
def checked(x, y=2):
    return x * y


@beartype
def bear(x=1):
    return x


@typechecked
class Guarded:
    def method(self, value=1):
        return value


@functools.singledispatch
def show(value: Any) -> str:
    return repr(value)


@show.register
def _(value: int):
    return str(value)


def main(name="world"):
    print(name)


def plain(x: int = 1) -> Any:
    return x


if __name__ == "__main__":
    typer.run(main)
