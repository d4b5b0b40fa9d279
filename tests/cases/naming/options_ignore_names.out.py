def compute(dataFrame, rowCount):
    dfCopy = dataFrame
    total_rows = rowCount
    return dfCopy, total_rows
