// Python str methods over UTF-8 text. Indices, lengths and widths are in
// code points. Case mapping covers ASCII and Latin-1; character classes
// (isalpha, isspace, isprintable, ...) cover ASCII exactly and the common
// scripts approximately (see str_methods.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "py/work_meter.h"

namespace interleave::py::text {

size_t codepoint_length(std::string_view s);
bool is_ascii(std::string_view s);

// Python slice of code points, s[start:stop:step] (step != 0).
std::string slice(std::string_view s, std::optional<int64_t> start, std::optional<int64_t> stop,
                  int64_t step = 1);
// s[index] with negative indices; nullopt when out of range (IndexError).
std::optional<std::string> char_at(std::string_view s, int64_t index);

// The functions taking a WorkMeter tick it every kMeterChunk bytes handled and give up once
// the run is being stopped: the result is then partial and the caller checks wm->stopped().

// ---- splitting ----
std::vector<std::string> split_whitespace(std::string_view s, int64_t maxsplit = -1, WorkMeter* wm = nullptr);
std::vector<std::string> split(std::string_view s, std::string_view sep, int64_t maxsplit = -1, WorkMeter* wm = nullptr);  // sep non-empty
std::vector<std::string> rsplit_whitespace(std::string_view s, int64_t maxsplit = -1, WorkMeter* wm = nullptr);
std::vector<std::string> rsplit(std::string_view s, std::string_view sep, int64_t maxsplit = -1, WorkMeter* wm = nullptr);  // sep non-empty
std::vector<std::string> splitlines(std::string_view s, bool keepends = false, WorkMeter* wm = nullptr);
std::array<std::string, 3> partition(std::string_view s, std::string_view sep);   // sep non-empty
std::array<std::string, 3> rpartition(std::string_view s, std::string_view sep);  // sep non-empty

// ---- stripping, replacing ----
// chars: nullopt strips whitespace; otherwise any of its code points.
std::string strip(std::string_view s, std::optional<std::string_view> chars = std::nullopt);
std::string lstrip(std::string_view s, std::optional<std::string_view> chars = std::nullopt);
std::string rstrip(std::string_view s, std::optional<std::string_view> chars = std::nullopt);
std::string replace(std::string_view s, std::string_view old, std::string_view repl, int64_t count = -1,
                    WorkMeter* wm = nullptr);
std::string removeprefix(std::string_view s, std::string_view prefix);
std::string removesuffix(std::string_view s, std::string_view suffix);
std::string expandtabs(std::string_view s, int64_t tabsize = 8, WorkMeter* wm = nullptr);

// ---- searching (start/end are code-point slice bounds) ----
int64_t find(std::string_view s, std::string_view sub, std::optional<int64_t> start = std::nullopt,
             std::optional<int64_t> end = std::nullopt);
int64_t rfind(std::string_view s, std::string_view sub, std::optional<int64_t> start = std::nullopt,
              std::optional<int64_t> end = std::nullopt);
int64_t count(std::string_view s, std::string_view sub, std::optional<int64_t> start = std::nullopt,
              std::optional<int64_t> end = std::nullopt);
bool startswith(std::string_view s, std::string_view prefix, std::optional<int64_t> start = std::nullopt,
                std::optional<int64_t> end = std::nullopt);
bool endswith(std::string_view s, std::string_view suffix, std::optional<int64_t> start = std::nullopt,
              std::optional<int64_t> end = std::nullopt);

// ---- case ----
std::string upper(std::string_view s, WorkMeter* wm = nullptr);
std::string lower(std::string_view s, WorkMeter* wm = nullptr);
std::string casefold(std::string_view s, WorkMeter* wm = nullptr);
std::string capitalize(std::string_view s, WorkMeter* wm = nullptr);
std::string title(std::string_view s, WorkMeter* wm = nullptr);
std::string swapcase(std::string_view s, WorkMeter* wm = nullptr);

// ---- predicates (false for the empty string, except isascii) ----
bool isdigit(std::string_view s);
bool isdecimal(std::string_view s);
bool isnumeric(std::string_view s);
bool isalpha(std::string_view s);
bool isalnum(std::string_view s);
bool isspace(std::string_view s);
bool isupper(std::string_view s);
bool islower(std::string_view s);
bool istitle(std::string_view s);
bool isidentifier(std::string_view s);
bool isprintable(std::string_view s);  // true for ""

// ---- padding ----
std::string center(std::string_view s, int64_t width, char32_t fill = U' ', WorkMeter* wm = nullptr);
std::string ljust(std::string_view s, int64_t width, char32_t fill = U' ', WorkMeter* wm = nullptr);
std::string rjust(std::string_view s, int64_t width, char32_t fill = U' ', WorkMeter* wm = nullptr);
std::string zfill(std::string_view s, int64_t width, WorkMeter* wm = nullptr);

// ---- repr ----
std::string repr_str(std::string_view s);   // repr(): quotes chosen as CPython, escapes
std::string ascii_str(std::string_view s);  // ascii(): repr with every non-ASCII escaped

// Code point classes used above, exposed for the interpreter's own use.
bool is_space_cp(char32_t c);
bool is_linebreak_cp(char32_t c);
bool is_printable_cp(char32_t c);

}  // namespace interleave::py::text
