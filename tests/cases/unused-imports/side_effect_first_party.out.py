import app.signals
from app import signals
from . import models


def main():
    return 0
