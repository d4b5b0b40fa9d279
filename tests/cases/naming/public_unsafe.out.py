def get_value(item_key, default_value=None):
    lookup_table = {"a": 1}
    return lookup_table.get(item_key, default_value)


print(get_value(item_key="a", default_value=0))
