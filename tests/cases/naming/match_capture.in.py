def describe(point):
    resultText = ""
    match point:
        case (xPos, 0):
            resultText = f"x={xPos}"
        case {"y": result_text}:
            return result_text
    return resultText
