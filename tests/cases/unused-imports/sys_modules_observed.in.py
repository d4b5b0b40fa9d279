import sys


def test_unload():
    assert "sched" in sys.modules
