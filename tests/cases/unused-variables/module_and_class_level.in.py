unused = 1
other = compute()


class Config:
    debug = False
    level = compute()

    def method(self):
        return 1
