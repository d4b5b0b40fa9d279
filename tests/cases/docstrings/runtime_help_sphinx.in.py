"""Usage: tool [--verbose]"""

import argparse

import click
import docopt
import fire
import typer
from click import command as click_command

app = typer.Typer()


@click.group()
def cli():
    """Existing help."""


@cli.command()
def sync(force):
    pass


@click_command()
@click.option("--name")
def hello(name):
    print(name)


@app.command()
def serve(port: int = 8000):
    print(port)


@app.callback()
def settings(verbose: bool = False):
    print(verbose)


def build_parser():
    parser = argparse.ArgumentParser(description=run.__doc__)
    return parser


def run():
    pass


class Tool:
    def report(self):
        pass


print(Tool.report.__doc__)


def entry():
    pass


def main():
    arguments = docopt.docopt(__doc__)
    fire.Fire(entry)
    return arguments


def ordinary(value):
    return value
