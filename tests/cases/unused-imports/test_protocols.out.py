import unittest
from . import load_tests
from .support import setUpModule, tearDownModule
from .test_base import BaseTests, test_helper, RoundTripTestCase, TestMixin

if __name__ == "__main__":
    unittest.main()
