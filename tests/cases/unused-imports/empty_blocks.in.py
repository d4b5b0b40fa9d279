import sys

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli

if sys.platform == "win32": import winreg


def setup():
    try:
        import json
    finally:
        done()
