import copy

a = [1, [2, 3], {"k": [4]}]
b = copy.copy(a); c = copy.deepcopy(a)
a[1].append(99); a[2]["k"].append(5)
print(a, b, c, b[1] is a[1], c[1] is a[1])
t = (1, 2, (3, 4)); print(copy.copy(t) is t, copy.deepcopy(t) is t)
t2 = (1, [2]); d2 = copy.deepcopy(t2); print(d2, d2 is t2, d2[1] is t2[1])
s = {1, 2}; print(copy.copy(s), copy.copy(s) is s, copy.deepcopy(frozenset([1])) == frozenset([1]))
d = {"x": [1]}; dc = copy.copy(d); dc["x"].append(2); dc["y"] = 0; print(d, dc)
print(copy.copy(5), copy.deepcopy("s"), copy.copy(None), copy.deepcopy(3.5), copy.copy(len) is len)

class Node:
    def __init__(self, val, children=None):
        self.val = val
        self.children = children or []
    def __repr__(self):
        return f"Node({self.val}, {self.children})"
tree = Node(1, [Node(2), Node(3)])
shallow = copy.copy(tree); deep = copy.deepcopy(tree)
tree.children[0].val = 20; tree.children.append(Node(4))
print(tree, shallow, deep, shallow.children is tree.children, type(deep).__name__)

loop = [1]; loop.append(loop); cl = copy.deepcopy(loop); print(cl[1] is cl, cl[0], cl is loop)
shared = [0]; pair = [shared, shared]; cp = copy.deepcopy(pair); print(cp[0] is cp[1], cp[0] is shared)
n1 = Node("a"); n1.children.append(n1); n2 = copy.deepcopy(n1); print(n2.children[0] is n2, n2 is n1)

class Tracked:
    def __init__(self, v): self.v = v
    def __copy__(self):
        print("__copy__ called")
        return Tracked(self.v)
    def __deepcopy__(self, memo):
        print("__deepcopy__ called", type(memo).__name__)
        return Tracked(copy.deepcopy(self.v, memo))
t = Tracked([1]); t1 = copy.copy(t); t2 = copy.deepcopy(t)
print(t1.v is t.v, t2.v is t.v, t2.v)
memo = {}; x = [1, 2]; y = copy.deepcopy([x, x], memo); print(y, y[0] is y[1], id(x) in memo)
class E(Exception): pass
e = copy.copy(E("msg", 2)); print(type(e).__name__, e.args)
print(copy.deepcopy({"a": (1, [2]), "b": {3}}), issubclass(copy.Error, Exception))
