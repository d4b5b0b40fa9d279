class Money:
    def __new__(cls, amount):
        return super().__new__(cls)

    def __init__(self, amount):
        self.amount = amount

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)

    def __str__(self):
        return f"{self.amount:.2f}"

    def __repr__(self):
        return "Money(%r)" % self.amount

    def __format__(self, spec):
        return format(self.amount, spec)

    def __len__(self):
        return 1

    def __hash__(self):
        return hash(self.amount)

    def __bool__(self):
        return bool(self.amount)

    def __contains__(self, item):
        return item == self.amount

    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return self.amount == other.amount

    def __ne__(self, other):
        return self.amount != other.amount

    def __setattr__(self, name, value):
        object.__setattr__(self, name, value)

    def __getitem__(self, key):
        return self.amount


class Quiet:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        return True


class Loud:
    def __exit__(self, exc_type, exc, tb):
        print("closing")


class Never:
    def __exit__(self, exc_type, exc, tb):
        return False


class Sometimes:
    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            return
        return isinstance(exc, KeyError)


class Delegating:
    def __init__(self, inner):
        self.inner = inner

    def __exit__(self, *args):
        return self.inner.__exit__(*args)


class Explicit:
    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            return None
        return exc_type is KeyError
