import unittest
import warnings


class ImportTests(unittest.TestCase):
    def test_missing(self):
        with self.assertRaises(ImportError):
            pass
        with self.assertRaises(ImportError):
            pass

    def test_deprecated(self):
        with warnings.catch_warnings(record=True):
            pass
