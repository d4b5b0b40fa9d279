def scores(rows, weights):
    addOne = lambda inputValue: inputValue + 1
    scaled: object = lambda rawValue, scaleBy=2: rawValue * scaleBy
    byKey = lambda keyName: keyName  # called with a keyword below: stays
    passedOn = lambda itemName: itemName  # passed as a value: callers may use keywords
    rebound = lambda otherName: otherName  # bound twice: stays
    rebound = len
    return ([addOne(r) for r in rows], scaled(*weights), byKey(keyName=1),
            sorted(rows, key=passedOn), rebound(rows))


def make_adder():
    return lambda leftValue: leftValue + 1  # returned: callers may use keywords


moduleLevel = lambda valueIn: valueIn + 2  # public module variable: stays
