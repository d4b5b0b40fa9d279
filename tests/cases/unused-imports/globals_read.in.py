

def lookup(name):
    return globals()[name]
