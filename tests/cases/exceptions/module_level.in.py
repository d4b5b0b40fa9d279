import configparser

try:
    import tomllib
except ImportError:
    raise RuntimeError("Python 3.11 or newer is needed")

try:
    settings = configparser.ConfigParser()
except configparser.Error:
    raise SystemExit("bad settings")
