import sys


def test_unload():
    import sched
    assert "sched" in sys.modules
