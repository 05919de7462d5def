// bytes and bytearray: one heap type (BytesObj; `mut` tells a bytearray), the codecs
// (utf-8, ascii, latin-1 with errors strict/ignore/replace/backslashreplace) and the
// operations ops.cpp dispatches to. Messages are CPython 3.11's.
#pragma once
#include <string>
#include <string_view>

#include "py/vm.h"

namespace interleave::py {

// repr() as CPython: b'...' (single quotes unless the bytes hold ' and no "), with \t \n \r
// \\ and \xhh for the other bytes outside 0x20..0x7e; a bytearray as bytearray(b'...'), where
// ' is escaped even inside double quotes.
std::string repr_bytes(std::string_view b, bool bytearray);

// A new bytes (bytearray when `bytearray`) object holding `b`.
Value make_bytes(VM& vm, std::string b, bool bytearray);

// The bytes of a bytes-like value (bytes or bytearray), or nullptr for anything else.
const std::string* bytes_like(const Value& v);

// `x in b` for a bytes or bytearray `b`: x an int 0..255 or bytes-like. False with t.exc set
// (TypeError, or ValueError for an int out of range) on bad input.
bool bytes_contains(VM& vm, Thread& t, const BytesObj* b, const Value& x, bool* out);

// obj[key] for a bytes or bytearray `obj`: an int for an index, the same type for a slice.
bool bytes_subscript(VM& vm, Thread& t, const Value& obj, const Value& key, Value* out);

// a OP b when an operand is bytes or bytearray: + (concatenation; in place for a bytearray
// when `inplace`), * (repetition by an int) and % (formatting). *handled is false (nothing
// raised) when this is no bytes operation, so user-class operators still get their turn.
bool bytes_binary_op(VM& vm, Thread& t, int op, const Value& a, const Value& b, Value* out, bool inplace,
                     bool* handled);

// str(exc) of a UnicodeDecodeError / UnicodeEncodeError made by the codecs (five args:
// encoding, object, start, end, reason), as CPython words it; false for any other exception.
bool unicode_error_text(VM& vm, Thread& t, const Value& exc, std::string* out);

// str(obj, encoding, errors): decodes a bytes-like `obj` (the arguments after the class);
// TypeError "decoding to str: need a bytes-like object, X found" otherwise.
NativeStatus str_from_bytes(VM& vm, Thread& t, CallArgs& a, Value* out);

// Decodes UTF-8 bytes `b` strictly (input() reads bytes): false with CPython's
// UnicodeDecodeError raised at the first invalid sequence.
bool decode_utf8(VM& vm, Thread& t, const std::string& b, std::string* out);

// Creates the classes bytes and bytearray, UnicodeDecodeError and UnicodeEncodeError, their
// constructors and methods, str.encode, int.to_bytes and int.from_bytes.
void install_bytes(VM& vm);

}  // namespace interleave::py
