// Unicode rules for identifiers, as CPython 3.11 applies them (tables generated from its
// unicodedata by scripts/gen/unicode_tables.py): which code points may start or continue a
// name, which are printable (for the lexer's error messages), and NFKC normalization (two
// spellings of a name that normalize alike are the same name: `ﬁ = 1; print(fi)`).
#pragma once
#include <string>
#include <string_view>

namespace interleave::py::unicode {

// XID_Start plus '_' (str.isidentifier() of one character).
bool is_id_start(char32_t c);
// XID_Continue ("a" + c is an identifier).
bool is_id_continue(char32_t c);
// str.isprintable() of one character.
bool is_printable(char32_t c);
// NFKC of `s` (code points that may form an identifier; others pass through undecomposed).
std::u32string nfkc(std::u32string_view s);

}  // namespace interleave::py::unicode
