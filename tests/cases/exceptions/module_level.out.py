import configparser

try:
    import tomllib
except ImportError as exc:
    raise RuntimeError("Python 3.11 or newer is needed") from exc

try:
    settings = configparser.ConfigParser()
except configparser.Error as exc:
    raise SystemExit("bad settings") from exc
