def pairs(rows):
    squares = {row_key: row_val * row_val for row_key, row_val in rows}
    ordered = sorted(squares, key=lambda key_name: (len(key_name), key_name))
    total = sum(cell_value for cell_value in squares.values())
    if (first_key := next(iter(ordered), None)) is not None:
        return first_key, total
    return None, total


evenItems = [item_no for item_no in range(4) if item_no % 2 == 0]
