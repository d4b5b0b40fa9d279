# like test_import's from_cycle1: which module initialises first is the point

ONE = 1
