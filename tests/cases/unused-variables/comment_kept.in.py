def f():
    # the answer
    answer = 42

    # done
    return 0
