def f():
    # the answer

    # done
    return 0
