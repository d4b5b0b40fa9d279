import json
import os


def lookup(name):
    return globals()[name]
