def getValue(itemKey, defaultValue=None):
    lookupTable = {"a": 1}
    return lookupTable.get(itemKey, defaultValue)


print(getValue(itemKey="a", defaultValue=0))
