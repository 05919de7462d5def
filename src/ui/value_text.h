// ui/value_text.h - a result as the Checks view shows it: Python's notation for the JSON the
// host reports, floats rounded for display (the same rules as the page's web/src/format.js).
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace interleave::ui {

// A float with 4 significant digits (1 decimal from 1000 up), trailing zeros dropped:
// 0.30000000000000004 -> "0.3", 3.14159 -> "3.142", 0.0000534 -> "0.0000534", 12345.678 ->
// "12345.7"; whole numbers as they are; "inf", "-inf", "nan".
std::string display_number(double v);

// `v` in Python's notation: {"$tuple": [3, "write"]} -> "(3, 'write')", null -> "None",
// true -> "True", nested strings quoted as repr() quotes them, floats by display_number. A
// string at the top level is shown as it is. A list of records (dicts, or tuples of one
// length of at least 2) or a dict whose values are all lists or records is a table:
// one line per record ("MainThread: running → dead", "3 | write").
std::string display_value(const nlohmann::json& v);

}  // namespace interleave::ui
