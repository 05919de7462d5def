// Parameter values from text (CLI --set, URL set.NAME=V): parsing, range checks, and the
// Python literal that replaces the constant in main.py.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "lesson/lesson.h"

namespace interleave::lesson {

// Parses `text` as a value of `param` and checks its range. Lists are written `1,2,3`,
// booleans `true|false`. On failure returns nullopt and sets `error`, naming the parameter
// and its valid range, e.g. "threads must be a whole number from 1 to 256, got '0'" (the
// text echoed is cut to 40 characters).
std::optional<ParamValue> parse_param_value(const Param& param, const std::string& text,
                                            std::string& error);

// `text` read as a value of `param`'s type, without the range check: nullopt when it is not
// one. For judging a run made elsewhere with the values it used (`interleave judge`).
std::optional<ParamValue> parse_param_text(const Param& param, const std::string& text);

// Checks a value (e.g. a default from lesson.toml) against the parameter's type and range.
bool validate_param_value(const Param& param, const ParamValue& value, std::string& error);

// "threads: whole number 1..256 (default 2)" - one line per parameter, for error messages.
std::string describe_param(const Param& param);
std::string describe_params(const Lesson& lesson);

// The values a run starts from: every parameter, explicit values from `sets` over defaults.
// Conditional defaults (default_when) are resolved by the caller, which can evaluate Python;
// `explicit_names` tells it which parameters the user set. Unknown names fail with a message
// listing the valid names and ranges.
struct ResolvedParams {
  std::vector<std::pair<std::string, ParamValue>> values;  // in declaration order
  std::vector<std::string> explicit_names;
};
std::optional<ResolvedParams> resolve_params(
    const Lesson& lesson, const std::vector<std::pair<std::string, std::string>>& sets,
    std::string& error);

// "unknown parameter 'x' for lesson race-condition" (the name cut to 40 characters).
std::string unknown_param_error(const Lesson& lesson, const std::string& name);

// Several values from text at once, for a caller that reports every problem (the page, for a
// URL's set.NAME=V and the API's params): `values` holds each (name, value) that parsed, in
// the given order; `problems` one message per unknown name or bad value, in the given order.
struct ParamsRead {
  std::vector<std::pair<std::string, ParamValue>> values;
  std::vector<std::string> problems;
};
ParamsRead read_params(const Lesson& lesson, const std::vector<std::pair<std::string, std::string>>& given);

// The value as Python source: 3, 0.5, True, "text", [1, 2, 3]; Literal values verbatim.
std::string to_python_literal(const ParamValue& value, ParamType type);

// The value as --set writes it (parse_param_value reads it back): 3, 0.5, true, text, 1,2,3;
// Literal values verbatim.
std::string param_value_text(const ParamValue& value);

const char* param_type_name(ParamType type);

}  // namespace interleave::lesson
