def main(argv):
    return len(argv)
