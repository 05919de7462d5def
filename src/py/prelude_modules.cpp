// Modules written in the Python subset itself, compiled into each state on first import.
// Cheap to write and automatically preemptible like user code.
#include "py/prelude_modules.h"

#include <cstring>

#include "py/runtime/library.h"

namespace interleave::py {

namespace {

const char* const kCollections = R"PY(
class deque:
    def __init__(self, iterable=(), maxlen=None):
        self._items = []
        self.maxlen = maxlen
        for x in iterable:
            self.append(x)
    def append(self, x):
        self._items.append(x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop(0)
    def appendleft(self, x):
        self._items.insert(0, x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop()
    def pop(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop()
    def popleft(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop(0)
    def extend(self, iterable):
        for x in iterable:
            self.append(x)
    def extendleft(self, iterable):
        for x in iterable:
            self.appendleft(x)
    def clear(self):
        self._items.clear()
    def rotate(self, n=1):
        if self._items:
            n = n % len(self._items)
            self._items[:] = self._items[-n:] + self._items[:-n]
    def count(self, x):
        return self._items.count(x)
    def remove(self, x):
        self._items.remove(x)
    def __len__(self):
        return len(self._items)
    def __iter__(self):
        return iter(self._items)
    def __getitem__(self, i):
        return self._items[i]
    def __setitem__(self, i, v):
        self._items[i] = v
    def __contains__(self, x):
        return x in self._items
    def __eq__(self, other):
        return isinstance(other, deque) and self._items == other._items
    def __repr__(self):
        if self.maxlen is None:
            return f"deque({self._items!r})"
        return f"deque({self._items!r}, maxlen={self.maxlen})"

class defaultdict:
    def __init__(self, default_factory=None, *args, **kwargs):
        self.default_factory = default_factory
        self._d = dict(*args, **kwargs)
    def __getitem__(self, key):
        if key in self._d:
            return self._d[key]
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self._d[key] = value
        return value
    def __setitem__(self, key, value):
        self._d[key] = value
    def __delitem__(self, key):
        del self._d[key]
    def __contains__(self, key):
        return key in self._d
    def __len__(self):
        return len(self._d)
    def __iter__(self):
        return iter(self._d)
    def get(self, key, default=None):
        return self._d.get(key, default)
    def keys(self):
        return self._d.keys()
    def values(self):
        return self._d.values()
    def items(self):
        return self._d.items()
    def pop(self, key, *default):
        return self._d.pop(key, *default)
    def setdefault(self, key, default=None):
        return self._d.setdefault(key, default)
    def __eq__(self, other):
        if isinstance(other, defaultdict):
            return self._d == other._d
        return self._d == other
    def __repr__(self):
        name = "None" if self.default_factory is None else repr(self.default_factory)
        return f"defaultdict({name}, {self._d!r})"

class Counter:
    def __init__(self, iterable=()):
        self._d = {}
        for x in iterable:
            self._d[x] = self._d.get(x, 0) + 1
    def __getitem__(self, key):
        return self._d.get(key, 0)
    def __setitem__(self, key, value):
        self._d[key] = value
    def __contains__(self, key):
        return key in self._d
    def __len__(self):
        return len(self._d)
    def __iter__(self):
        return iter(self._d)
    def keys(self):
        return self._d.keys()
    def values(self):
        return self._d.values()
    def items(self):
        return self._d.items()
    def most_common(self, n=None):
        ranked = sorted(self._d.items(), key=lambda kv: -kv[1])
        return ranked if n is None else ranked[:n]
    def __repr__(self):
        inner = ", ".join(f"{k!r}: {v!r}" for k, v in self.most_common())
        return "Counter({" + inner + "})"
)PY";

}  // namespace

const char* prelude_module_source(const std::string& name) {
  if (name == "collections") return kCollections;
  // Modules of runtime/lib that need no runtime: a bare interpreter has them too.
  static const char* const kStandalone[] = {"random"};
  for (const char* m : kStandalone) {
    if (name != m) continue;
    for (const LibraryModule& lib : library_modules())
      if (std::strcmp(lib.name, m) == 0) return lib.source;
  }
  return nullptr;
}

}  // namespace interleave::py
