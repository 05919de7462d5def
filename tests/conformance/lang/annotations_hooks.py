# Annotations in module and class bodies, class __dict__/__bases__, __class_getitem__, __delattr__.
count: int = 0
label: str
print(__annotations__)

class Account:
    owner: str
    balance: float = 0.0
    __pin: int = 1234
    if True:
        nested: bool = True
    def deposit(self, amount: float) -> None:
        undefined_local: NoSuchName = amount  # not evaluated in functions
        self.balance += undefined_local
a = Account(); a.deposit(5)
print(Account.__annotations__, a.balance, "owner" in Account.__dict__, "balance" in Account.__dict__)
print(sorted(k for k in Account.__dict__ if not k.startswith("__")), Account.__bases__, object.__bases__)

class Box:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item.__name__}]"
class SubBox(Box): pass
print(Box[int], SubBox[str], list[int] is not None)

class Guard:
    def __init__(self): self.x = 1
    def __delattr__(self, name):
        print("deleting", name)
        object.__delattr__(self, name)
g = Guard(); del g.x; print(hasattr(g, "x"))
try: delattr(g, "x")
except AttributeError as e: print("AttributeError", e)
class K:
    attr = 1
delattr(K, "attr"); print(hasattr(K, "attr"))
try: delattr(K, "attr")
except AttributeError as e: print("AttributeError", e)
