import app.signals
from app import signals


def main():
    return 0
