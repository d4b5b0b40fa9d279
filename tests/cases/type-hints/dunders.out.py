from typing import Any, Literal, Optional


class Money:
    def __new__(cls, amount: Any) -> Any:
        return super().__new__(cls)

    def __init__(self, amount: Any) -> None:
        self.amount = amount

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)

    def __str__(self) -> str:
        return f"{self.amount:.2f}"

    def __repr__(self) -> str:
        return "Money(%r)" % self.amount

    def __format__(self, spec: Any) -> str:
        return format(self.amount, spec)

    def __len__(self) -> int:
        return 1

    def __hash__(self) -> int:
        return hash(self.amount)

    def __bool__(self) -> bool:
        return bool(self.amount)

    def __contains__(self, item: Any) -> bool:
        return item == self.amount

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self.amount == other.amount

    def __ne__(self, other: Any) -> bool:
        return self.amount != other.amount

    def __setattr__(self, name: Any, value: Any) -> None:
        object.__setattr__(self, name, value)

    def __getitem__(self, key: Any) -> Any:
        return self.amount


class Quiet:
    def __enter__(self) -> Any:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> bool:
        return True


class Loud:
    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        print("closing")


class Never:
    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> Literal[False]:
        return False


class Sometimes:
    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> Any:
        if exc_type is None:
            return
        return isinstance(exc, KeyError)


class Delegating:
    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __exit__(self, *args: Any) -> Any:
        return self.inner.__exit__(*args)


class Explicit:
    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> Optional[bool]:
        if exc_type is None:
            return None
        return exc_type is KeyError
