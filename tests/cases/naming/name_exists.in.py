def merge(a, b):
    foo_bar = a
    fooBar = b
    return foo_bar + fooBar


def shadows():
    user_id = 1

    def inner():
        userId = 2
        return userId + user_id

    return inner()


def takes_builtin():
    listItems = [1]
    maxValue = max(listItems)
    max_value = 0
    return maxValue, max_value
