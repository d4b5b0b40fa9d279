import unittest
import warnings


class ImportTests(unittest.TestCase):
    def test_missing(self):
        with self.assertRaises(ImportError):
            import foo.two
        with self.assertRaises(ImportError):
            from pkg import i_do_not_exist

    def test_deprecated(self):
        with warnings.catch_warnings(record=True):
            import imp
