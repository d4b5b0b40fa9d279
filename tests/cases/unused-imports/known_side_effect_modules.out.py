
value = input()
