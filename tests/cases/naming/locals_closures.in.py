def outer(values):
    totalCount = 0
    maxSeen = None

    def addOne(itemValue, scaleBy=1):
        nonlocal totalCount, maxSeen
        totalCount += itemValue * scaleBy
        if maxSeen is None or itemValue > maxSeen:
            maxSeen = itemValue

    for rawValue in values:
        addOne(rawValue, scaleBy=2)
    padWidth = 6
    return f"{totalCount:>{padWidth}}|{maxSeen!r}"
