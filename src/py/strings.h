// String helpers of the VM: repr of str, code-point indexing and slicing, %-formatting
// and str.format. (Number and format-spec formatting come from text_format.h.)
#pragma once
#include <string>
#include <vector>

#include "py/vm.h"

namespace interleave::py {

// repr() of a str: CPython's quote choice and escapes.
std::string repr_str(const std::string& s);
// The code point at index i (0 <= i < cp_len) as a string.
std::string str_at(const StrObj* s, int64_t i);
// The code points at the given indices, concatenated.
std::string str_slice(const StrObj* s, const std::vector<int64_t>& positions);
// Byte offset of code point index i.
size_t str_offset(const StrObj* s, int64_t i);
// fmt % args.
bool percent_format(VM& vm, Thread& t, const std::string& fmt, const Value& args, Value* out);
// fmt.format(*args, **kwargs).
bool str_format(VM& vm, Thread& t, const std::string& fmt, const std::vector<Value>& args,
                const std::vector<std::pair<Value, Value>>* kw, std::string* out);
// sep.join(items): false with TypeError when an item is not a str.
bool str_join(VM& vm, Thread& t, const std::string& sep, const std::vector<Value>& items, Value* out);
// Installs the methods of str on vm.cls.str.
void install_str_methods(VM& vm);

// Slice helpers shared with the container types (ops.cpp).
bool slice_indices(VM& vm, Thread& t, SliceObj* sl, int64_t n, int64_t* start, int64_t* stop, int64_t* step);
std::vector<int64_t> slice_positions(int64_t start, int64_t stop, int64_t step);

}  // namespace interleave::py
