"""Interactive shells and task runners print docstrings as help text."""

import cmd

from invoke import task


class Shell(cmd.Cmd):
    """Shell."""

    prompt = "> "

    def do_greet(self, arg):
        print("hi", arg)

    def greeting(self, name):
        """Return greeting.

        Args:
            name: TODO: describe.

        Returns:
            TODO: describe.
        """
        return "hi " + name


class Admin(Shell):
    """Admin."""

    def do_ban(self, arg):
        pass


@task
def build(c):
    c.run("make")
