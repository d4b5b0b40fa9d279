import unittest
from . import load_tests
from .support import setUpModule, tearDownModule
from .test_base import BaseTests, test_helper, RoundTripTestCase, TestMixin
from .helpers import make_fixture

if __name__ == "__main__":
    unittest.main()
