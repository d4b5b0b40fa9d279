import unittest


class Handler:
    maxSize = 10
    __slots__ = ("bufferData",)

    def do_GET(self):
        return self.maxSize

    def visit_Name(self, node):
        return node

    @property
    def fullName(self):
        return "x"

    def _privateHelper(self, someValue):
        return someValue


class Model:
    createdAt = "DateTimeField()"
    userName = "CharField(max_length=10)"


class Tests(unittest.TestCase):
    def setUp(self):
        self.x = 1

    def testSomething(self):
        self.assertEqual(self.x, 1)


def setUpModule():
    pass
