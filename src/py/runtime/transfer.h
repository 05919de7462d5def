// py/runtime/transfer.h - values crossing a process boundary, by copy.
//
// Simulated processes have their own heaps, so whatever passes between them (a Process's
// target and arguments, Queue and Pipe messages, a Pool's results, fork's copy of the
// parent's globals) is packed into bytes in the sender's VM and rebuilt in the receiver's:
// a mutated copy never changes the sender's object. Object identity is kept within one
// message (shared references and cycles survive), never across messages.
//
// What may cross follows CPython's pickle, with CPython's errors:
//   - None, bool, int, float, str, bytes, bytearray, tuples, lists, dicts, sets, ranges,
//     slices by value;
//   - functions and classes BY NAME (module + name, looked up in the receiver): a lambda is
//     refused with PicklingError "Can't pickle <function <lambda> ...>: attribute lookup
//     <lambda> on __main__ failed", a nested function with AttributeError "Can't pickle
//     local object ..."; bound methods as (instance, method name);
//   - instances as their class (by name) and attribute dict; exceptions keep their args;
//   - objects shared between processes (multiprocessing's locks, queues, pipes, shared
//     values) pass as handles to the same engine object, but only while a process starts
//     (TransferMode::Inherit, as CPython's "through inheritance"); in a message they are
//     refused with RuntimeError "Lock objects should only be shared between processes
//     through inheritance". A Pipe Connection may travel anywhere (CPython reduces it);
//   - threading's locks, generators, modules, files: TypeError "cannot pickle '_thread.lock'
//     object" (CPython's type names).
// TransferMode::Fork is the fork start method's copy of the parent's heap instead: every
// function, class and closure is copied as it is (lambdas too), library modules are the
// receiver's own, and threading's primitives become new ones in the child.
#pragma once
#include <string>
#include <string_view>

#include "py/vm.h"

namespace interleave::py {

enum class TransferMode : uint8_t { Pickle, Inherit, Fork };

// Packs `v` (of `vm`) into `out`. False with the pickling error raised on `t`.
bool pack_value(VM& vm, Thread& t, const Value& v, TransferMode mode, std::string* out);
// Rebuilds in `vm` a value packed by pack_value (modules it names are imported there). False
// with the error raised on `t` (a class or function the receiver does not have).
bool unpack_value(VM& vm, Thread& t, std::string_view bytes, Value* out);

}  // namespace interleave::py
