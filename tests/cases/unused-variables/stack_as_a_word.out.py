# "stack" and "trace" are frame lists only when they come from inspect
def walk(tree, trace):
    stack = [tree]
    while stack:
        trace(stack.pop())
