def outer(values):
    total_count = 0
    max_seen = None

    def add_one(item_value, scale_by=1):
        nonlocal total_count, max_seen
        total_count += item_value * scale_by
        if max_seen is None or item_value > max_seen:
            max_seen = item_value

    for raw_value in values:
        add_one(raw_value, scale_by=2)
    pad_width = 6
    return f"{total_count:>{pad_width}}|{max_seen!r}"
