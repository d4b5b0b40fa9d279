

def run():
    return eval("math.pi")
