def scores(rows, weights):
    add_one = lambda input_value: input_value + 1
    scaled: object = lambda raw_value, scale_by=2: raw_value * scale_by
    by_key = lambda keyName: keyName  # called with a keyword below: stays
    passed_on = lambda itemName: itemName  # passed as a value: callers may use keywords
    rebound = lambda otherName: otherName  # bound twice: stays
    rebound = len
    return ([add_one(r) for r in rows], scaled(*weights), by_key(keyName=1),
            sorted(rows, key=passed_on), rebound(rows))


def make_adder():
    return lambda leftValue: leftValue + 1  # returned: callers may use keywords


moduleLevel = lambda valueIn: valueIn + 2  # public module variable: stays
