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
    """Sync.

    Args:
        force: TODO: describe.
    """
    pass


@click_command()
@click.option("--name")
def hello(name):
    """Run hello.

    Args:
        name: TODO: describe.
    """
    print(name)


@app.command()
def serve(port: int = 8000):
    """Serve.

    Args:
        port (int): TODO: describe.
    """
    print(port)


@app.callback()
def settings(verbose: bool = False):
    """Run settings.

    Args:
        verbose (bool): TODO: describe.
    """
    print(verbose)


def build_parser():
    """Build parser.

    Returns:
        TODO: describe.
    """
    parser = argparse.ArgumentParser(description=run.__doc__)
    return parser


def run():
    """Run."""
    pass


class Tool:
    """Tool."""

    def report(self):
        """Report."""
        pass


print(Tool.report.__doc__)


def entry():
    """Run entry."""
    pass


def main():
    """Return main.

    Returns:
        TODO: describe.
    """
    arguments = docopt.docopt(__doc__)
    fire.Fire(entry)
    return arguments


def ordinary(value):
    """Return ordinary.

    Args:
        value: TODO: describe.

    Returns:
        TODO: describe.
    """
    return value
