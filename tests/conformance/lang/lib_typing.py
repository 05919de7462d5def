import typing
from typing import (Any, Optional, Union, List, Dict, Tuple, Set, Callable, Iterable, Iterator, TypeVar, Generic,
                    Protocol, ClassVar, Final, Literal, NamedTuple, TypedDict, cast, Sequence, Mapping, Type,
                    get_type_hints, overload)

T = TypeVar("T")
K = TypeVar("K", bound=int)
print(Optional[int], Union[int, str], List[int], Dict[str, Any], Callable[[int], str], Tuple[int, ...])
print(T, Union[int, None], Optional[List[T]], Union[int], Union[int, Union[str, float]], Literal["a", 1])
print(ClassVar[int], Type[int], Any, Callable[..., int], Iterator[int], Sequence[str], Mapping[str, int], Set[int])
print(Union[int, str] == Union[int, str], Optional[int] == Union[int, None], List[int] == List[int])

def greet(name: str, times: int = 1) -> str:
    return " ".join(["hi " + name] * times)
print(greet("bo", 2))

class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []
    def push(self, item: T) -> None:
        self.items.append(item)
    def pop(self) -> T:
        return self.items.pop()
s = Stack[int](); s.push(1); s.push(2); print(s.pop(), s.items, Stack[int], type(s).__name__)

class SupportsClose(Protocol):
    def close(self) -> None: ...

class Config:
    debug: bool = False
    name: str
    retries: ClassVar[int] = 3
print(Config.__annotations__, get_type_hints(Config))

class Employee(NamedTuple):
    name: str
    id: int = 3
e = Employee("guido"); print(e, e.id, e._fields, Employee("x", 5), e._asdict(), e == ("guido", 3))
name, ident = Employee("ann", 1); print(name, ident)

class Movie(TypedDict):
    name: str
    year: int
m = Movie(name="Blade Runner", year=1982); print(m, type(m).__name__)

print(cast(int, "not checked"), cast(List[int], [1]))
x: Optional[int] = None
y: Dict[str, List[int]] = {"a": [1]}
print(x, y, __annotations__["x"], __annotations__["y"])

def apply(f: Callable[[int], int], v: int) -> int:
    return f(v)
print(apply(lambda n: n * 2, 21), typing.TYPE_CHECKING)

@overload
def dbl(x: int) -> int: ...
@overload
def dbl(x: str) -> str: ...
def dbl(x):
    return x * 2
print(dbl(2), dbl("ab"))
try: Any()
except TypeError as e: print("TypeError", e)
