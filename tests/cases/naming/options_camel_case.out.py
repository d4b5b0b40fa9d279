def _loadRows(fileName):
    rowList = []
    for lineText in open(fileName):
        rowList.append(lineText)
    return rowList
