class Registry:
    Any = "any"

    def get(self, key):
        return self.Any
