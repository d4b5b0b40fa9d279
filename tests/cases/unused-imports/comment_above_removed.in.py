import sys

# json is for the config


def main():
    return sys.argv
