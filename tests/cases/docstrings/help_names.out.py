import my_cli


@my_cli.command
def deploy(target):
    print(target)


def plain(target):
    """Run plain.

    Args:
        target: TODO: describe.
    """
    print(target)
