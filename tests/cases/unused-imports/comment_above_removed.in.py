import sys

# json is for the config
import json


def main():
    return sys.argv
