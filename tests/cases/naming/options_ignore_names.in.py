def compute(dataFrame, rowCount):
    dfCopy = dataFrame
    totalRows = rowCount
    return dfCopy, totalRows
