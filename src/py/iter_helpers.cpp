// Python-level iteration: the loops of the builtins, written in Python, for iterables and
// callbacks that run Python code (see vm.h, "Python-level iteration"). A builtin meeting a
// generator, a user-class iterator or a Python map/filter function pushes a frame of one
// of these helpers instead of running a nested loop, so a blocking call inside the loop
// suspends the thread like any other call. Compiled once per VM on first use; hidden from
// tracebacks (CPython's builtins have no Python frames either).
#include "py/compiler.h"
#include "py/vm.h"

namespace interleave::py {
namespace {

// Each helper does exactly what its builtin does in CPython, item by item (the same calls
// on the iterable and on the items, in the same order, with the same laziness and
// short-circuits), and leaves argument checking to the builtin, which ran before.
// Lazy builtins get iterators, already made by the builtin (eagerly, as CPython does);
// instance iterators among them are first wrapped by _drive, so `for` never calls their
// __iter__ again. _dict_item and _sort_keyed are natives (builtins.cpp).
const char* const kHelpers = R"PY(
def _list(it):
    return [x for x in it]

def _gen_close(g):
    try:
        g.throw(GeneratorExit)
    except (GeneratorExit, StopIteration):
        return None
    raise RuntimeError("generator ignored GeneratorExit")

def _len_of(obj):
    n = type(obj).__len__(obj)
    if not isinstance(n, int):
        raise TypeError("'" + type(n).__name__ + "' object cannot be interpreted as an integer")
    if n < 0:
        raise ValueError("__len__() should return >= 0")
    return n

def _reversed_of(obj, has_reversed):
    if has_reversed:
        return type(obj).__reversed__(obj)
    return _reversed_seq(obj, type(obj).__len__(obj))

def _reversed_seq(obj, n):
    i = n - 1
    while i >= 0:
        yield obj[i]
        i -= 1

def _contains_of(c, x, negate):
    r = type(c).__contains__(c, x)
    return (not r) if negate else bool(r)

def _str_of(obj):
    r = type(obj).__str__(obj)
    if not isinstance(r, str):
        raise TypeError("__str__ returned non-string (type " + type(r).__name__ + ")")
    return r

def _repr_of(obj):
    r = type(obj).__repr__(obj)
    if not isinstance(r, str):
        raise TypeError("__repr__ returned non-string (type " + type(r).__name__ + ")")
    return r

def _print_of(args, kw):
    print(*[str(a) for a in args], **kw)

def _print_to(args, kw):
    file = kw.pop("file")
    sep = kw.pop("sep", None)
    end = kw.pop("end", None)
    flush = kw.pop("flush", False)
    for name in kw:
        raise TypeError("'" + name + "' is an invalid keyword argument for print()")
    if sep is not None and not isinstance(sep, str):
        raise TypeError("sep must be None or a string, not " + type(sep).__name__)
    if end is not None and not isinstance(end, str):
        raise TypeError("end must be None or a string, not " + type(end).__name__)
    for i, a in enumerate(args):
        if i:
            file.write(" " if sep is None else sep)
        file.write(str(a))
    file.write("\n" if end is None else end)
    if flush:
        file.flush()

def _tuple(it):
    return tuple([x for x in it])

def _set(it):
    return {x for x in it}

def _frozenset(it):
    return frozenset({x for x in it})

def _join(sep, it):
    return sep.join([x for x in it])

def _extend(lst, it):
    for x in it:
        lst.append(x)

def _take(it, n):
    out = []
    for x in it:
        out.append(x)
        if len(out) > n:
            break
    return out

def _dict_fill(d, it, kw):
    i = 0
    for x in it:
        _dict_item(d, i, x)
        i += 1
    if kw is not None:
        d.update(kw)

def _dict_fill_map(d, m, kw):
    for k in m.keys():
        d[k] = m[k]
    if kw is not None:
        d.update(kw)

def _dict_from_map(m, kw):
    d = {}
    _dict_fill_map(d, m, kw)
    return d

def _dict(it, kw):
    d = {}
    _dict_fill(d, it, kw)
    return d

def _set_op(fn, s, args):
    return fn(s, *[[x for x in a] for a in args])

def _sum(it, acc):
    for x in it:
        acc = acc + x
    return acc

def _any(it):
    for x in it:
        if x:
            return True
    return False

def _all(it):
    for x in it:
        if not x:
            return False
    return True

def _contains(c, x, negate):
    for y in c:
        if y is x or y == x:
            return not negate
    return negate

def _minmax(it, key, is_max, has_default, default, name):
    empty = True
    for x in it:
        k = x if key is None else key(x)
        if empty:
            best = x
            best_key = k
            empty = False
        elif (k > best_key) if is_max else (k < best_key):
            best = x
            best_key = k
    if empty:
        if has_default:
            return default
        raise ValueError(name + "() arg is an empty sequence")
    return best

def _sort(items, key, reverse):
    _sort_keyed(items, None if key is None else [key(x) for x in items], reverse)

def _sorted(it, key, reverse):
    items = list(it)
    _sort(items, key, reverse)
    return items

def _next(it, default):
    try:
        return next(it)
    except StopIteration:
        return default

def _drive(it):
    while True:
        try:
            x = next(it)
        except StopIteration:
            return
        yield x

def _enumerate(it, n):
    for x in it:
        yield (n, x)
        n += 1

def _zip(its):
    while True:
        row = []
        for it in its:
            for x in it:
                row.append(x)
                break
            else:
                return
        yield tuple(row)

def _map(fn, its):
    if len(its) == 1:
        for x in its[0]:
            yield fn(x)
        return
    while True:
        args = []
        for it in its:
            for x in it:
                args.append(x)
                break
            else:
                return
        yield fn(*args)

def _filter(fn, it):
    if fn is None:
        for x in it:
            if x:
                yield x
    else:
        for x in it:
            if fn(x):
                yield x
)PY";

void hide(CodeObj* c) {
  c->hidden = true;
  for (auto& v : c->consts) if (is_type(v, ObjType::Code)) hide(as<CodeObj>(v));
}

}  // namespace

bool VM::iterates_python(const Value& v) {
  if (v.tag != Tag::Obj) return false;
  switch (v.o->type) {
    case ObjType::Generator: return true;
    case ObjType::Instance: return !as<InstanceObj>(v)->cls->is_builtin;
    case ObjType::Class: return as<ClassObj>(v)->meta != nullptr;
    case ObjType::Iterator: return as<IteratorObj>(v)->kind == IterKind::Gen;
    default: return false;
  }
}

bool VM::calls_python(const Value& f) {
  if (f.tag != Tag::Obj) return false;
  switch (f.o->type) {
    case ObjType::Function: return true;
    case ObjType::BoundMethod: return calls_python(as<BoundMethodObj>(f)->func);
    case ObjType::Instance: return !as<InstanceObj>(f)->cls->is_builtin;
    case ObjType::Class: return !as<ClassObj>(f)->is_builtin;
    default: return false;
  }
}

FunctionObj* VM::python_next(const Value& v) { return python_method(v, "__next__"); }

FunctionObj* VM::python_method(const Value& v, const char* method) {
  ClassObj* k;
  if (is_type(v, ObjType::Instance)) k = as<InstanceObj>(v)->cls;
  else if (is_type(v, ObjType::Class) && as<ClassObj>(v)->meta) k = as<ClassObj>(v)->meta;  // a class: its metaclass's
  else return nullptr;
  Value m;
  ClassObj* owner = k->is_builtin ? nullptr : find_class_attr(k, heap.intern(method), &m);  // type(v).method, as CPython
  if (!owner || owner->is_builtin) return nullptr;
  if (!is_type(m, ObjType::Function) || as<FunctionObj>(m)->code->is_generator) return nullptr;
  return as<FunctionObj>(m);
}

FunctionObj* VM::helper(Thread& t, const char* name) {
  if (!helpers_) {
    CompileResult cr = compile_source(kHelpers, heap, "<builtins>");
    if (!cr.code) {
      raise(t, cls.RuntimeError, "internal: the iteration helpers do not compile: " + cr.error);
      return nullptr;
    }
    hide(cr.code);
    auto* mod = heap.alloc<ModuleObj>();
    mod->name = "builtins";
    mod->dict = new_dict();
    mod->dict->set(intern("__name__"), str("builtins"));
    install_helper_natives(*this, mod->dict);
    helpers_ = mod;  // rooted from here on (collect_garbage)
    if (!run_module_body(t, cr.code, mod)) {
      helpers_ = nullptr;
      return nullptr;
    }
  }
  Value* f = helpers_->dict->find(intern(name));
  if (!f || !is_type(*f, ObjType::Function)) {
    raise(t, cls.RuntimeError, std::string("internal: no iteration helper ") + name);
    return nullptr;
  }
  return as<FunctionObj>(*f);
}

bool VM::push_helper(Thread& t, const char* name, std::vector<Value> args) {
  FunctionObj* fn = helper(t, name);
  return fn && push_call(t, fn, args.data(), int(args.size()), nullptr, Resume::Call);
}

bool VM::helper_generator(Thread& t, const char* name, std::vector<Value> args, Value* out) {
  FunctionObj* fn = helper(t, name);
  // calling a generator function only makes the generator: no frame runs
  return fn && call_value(t, Value::object(fn), std::move(args), out);
}

bool VM::helper_iterator(Thread& t, const char* name, const char* shown, std::vector<Value> args, Value* out) {
  Value g;
  if (!helper_generator(t, name, std::move(args), &g)) return false;
  as<GeneratorObj>(g)->name = shown;
  auto* it = heap.alloc<IteratorObj>(IterKind::Gen);
  it->src = g;
  *out = Value::object(it);
  return true;
}

}  // namespace interleave::py
