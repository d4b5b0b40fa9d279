def getValue(itemKey, defaultValue=None):
    lookup_table = {"a": 1}
    return lookup_table.get(itemKey, defaultValue)


print(getValue(itemKey="a", defaultValue=0))
