def pairs(rows):
    squares = {rowKey: rowVal * rowVal for rowKey, rowVal in rows}
    ordered = sorted(squares, key=lambda keyName: (len(keyName), keyName))
    total = sum(cellValue for cellValue in squares.values())
    if (firstKey := next(iter(ordered), None)) is not None:
        return firstKey, total
    return None, total


evenItems = [itemNo for itemNo in range(4) if itemNo % 2 == 0]
