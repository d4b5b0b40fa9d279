# from test_unicode_identifiers: dir() with no argument lists the caller's local names
def lists_its_names(self):
    𝔘𝔫𝔦𝔠𝔬𝔡𝔢 = 1
    self.assertIn("Unicode", dir())


def dir_of_an_object(obj):
    return dir(obj)

