# Python compares identifiers by their NFKC form: 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and Unicode are one name
def read_through_the_ascii_spelling():
    𝔘𝔫𝔦𝔠𝔬𝔡𝔢 = 1
    return Unicode


def read_through_a_ligature(open_it):
    ﬁle = open_it()
    return file


def bound_ascii_read_fancy():
    total = 4
    return 𝔱𝔬𝔱𝔞𝔩


def really_unused():
    𝔵 = 5
    ｙ = 6
    return 0
