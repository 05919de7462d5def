#include "lesson/params.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace interleave::lesson {
namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// Shortest text that reads back as the same double ("0.5", "3", "1e-05").
std::string number_text(double v) {
  char buf[32];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

std::optional<int64_t> parse_int(const std::string& text) {
  std::string t = trim(text);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  return v;
}

std::optional<double> parse_double(const std::string& text) {
  std::string t = trim(text);
  if (t.empty()) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// `text` as a message echoes it: cut to kEchoChars code points with "…" after (a shared
// link can carry megabytes, and one notice must stay a line).
constexpr size_t kEchoChars = 40;
std::string echo(const std::string& text) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); i++) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    if (chars++ == kEchoChars) return text.substr(0, i) + "\u2026";
  }
  return text;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  if (trim(text).empty()) return parts;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) parts.push_back(trim(part));
  if (!text.empty() && text.back() == ',') parts.push_back("");
  return parts;
}

bool in_range(const Param& p, double v) {
  return (!p.min || v >= *p.min) && (!p.max || v <= *p.max);
}

std::string range_text(const Param& p) {
  if (p.min && p.max) return "from " + number_text(*p.min) + " to " + number_text(*p.max);
  if (p.min) return "of at least " + number_text(*p.min);
  if (p.max) return "of at most " + number_text(*p.max);
  return "";
}

// "threads must be a whole number from 1 to 256" (the caller appends what it got).
std::string expectation(const Param& p) {
  std::string range = range_text(p);
  auto with_range = [&](std::string kind) { return range.empty() ? kind : kind + " " + range; };
  switch (p.type) {
    case ParamType::Int: return p.name + " must be a whole number" + (range.empty() ? "" : " " + range);
    case ParamType::Float: return p.name + " must be a number" + (range.empty() ? "" : " " + range);
    case ParamType::Bool: return p.name + " must be true or false";
    case ParamType::Choice: {
      std::string list;
      for (const auto& c : p.choices) list += (list.empty() ? "" : ", ") + c;
      return p.name + " must be one of " + list;
    }
    case ParamType::IntList:
    case ParamType::FloatList:
      return p.name + " must be a list of " + std::to_string(p.min_items) + " to " +
             std::to_string(p.max_items) + " " +
             with_range(p.type == ParamType::IntList ? "whole numbers" : "numbers") +
             ", written like 1,2,3";
    case ParamType::Literal: return p.name + " must be a Python literal";
  }
  return p.name;
}

template <class T>
bool list_ok(const Param& p, const std::vector<T>& items) {
  if (static_cast<int64_t>(items.size()) < p.min_items ||
      static_cast<int64_t>(items.size()) > p.max_items)
    return false;
  for (T v : items)
    if (!in_range(p, static_cast<double>(v))) return false;
  return true;
}

template <class T>
std::string list_text(const std::vector<T>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    if constexpr (std::is_integral_v<T>) out += std::to_string(items[i]);
    else out += number_text(static_cast<double>(items[i]));
  }
  return out + "]";
}

std::string python_float(double v) {
  std::string s = number_text(v);
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}

std::string python_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') { out += "\\n"; continue; }
    out += c;
  }
  return out + "\"";
}

std::string default_text(const Param& p) {
  return to_python_literal(p.default_value, p.type);
}

}  // namespace

const char* param_type_name(ParamType type) {
  switch (type) {
    case ParamType::Int: return "int";
    case ParamType::Float: return "float";
    case ParamType::Bool: return "bool";
    case ParamType::Choice: return "choice";
    case ParamType::IntList: return "int_list";
    case ParamType::FloatList: return "float_list";
    case ParamType::Literal: return "literal";
  }
  return "?";
}

bool validate_param_value(const Param& p, const ParamValue& value, std::string& error) {
  bool ok = false;
  switch (p.type) {
    case ParamType::Int:
      ok = std::holds_alternative<int64_t>(value) &&
           in_range(p, static_cast<double>(std::get<int64_t>(value)));
      break;
    case ParamType::Float:
      ok = std::holds_alternative<double>(value) && in_range(p, std::get<double>(value));
      break;
    case ParamType::Bool: ok = std::holds_alternative<bool>(value); break;
    case ParamType::Choice:
      ok = std::holds_alternative<std::string>(value) &&
           std::find(p.choices.begin(), p.choices.end(), std::get<std::string>(value)) !=
               p.choices.end();
      break;
    case ParamType::IntList:
      ok = std::holds_alternative<std::vector<int64_t>>(value) &&
           list_ok(p, std::get<std::vector<int64_t>>(value));
      break;
    case ParamType::FloatList:
      ok = std::holds_alternative<std::vector<double>>(value) &&
           list_ok(p, std::get<std::vector<double>>(value));
      break;
    case ParamType::Literal:
      ok = std::holds_alternative<std::string>(value) && !trim(std::get<std::string>(value)).empty();
      break;
  }
  if (!ok) error = expectation(p) + ", got " + to_python_literal(value, p.type);
  return ok;
}

std::optional<ParamValue> parse_param_text(const Param& p, const std::string& text) {
  std::optional<ParamValue> value;
  switch (p.type) {
    case ParamType::Int:
      if (auto v = parse_int(text)) value = *v;
      break;
    case ParamType::Float:
      if (auto v = parse_double(text)) value = *v;
      break;
    case ParamType::Bool:
      if (trim(text) == "true" || trim(text) == "True") value = true;
      else if (trim(text) == "false" || trim(text) == "False") value = false;
      break;
    case ParamType::Choice:
    case ParamType::Literal: value = trim(text); break;
    case ParamType::IntList: {
      std::vector<int64_t> items;
      bool ok = true;
      for (const auto& part : split_commas(text)) {
        auto v = parse_int(part);
        if (!v) { ok = false; break; }
        items.push_back(*v);
      }
      if (ok) value = items;
      break;
    }
    case ParamType::FloatList: {
      std::vector<double> items;
      bool ok = true;
      for (const auto& part : split_commas(text)) {
        auto v = parse_double(part);
        if (!v) { ok = false; break; }
        items.push_back(*v);
      }
      if (ok) value = items;
      break;
    }
  }
  return value;
}

std::optional<ParamValue> parse_param_value(const Param& p, const std::string& text, std::string& error) {
  std::optional<ParamValue> value = parse_param_text(p, text);
  if (!value || !validate_param_value(p, *value, error)) {
    error = expectation(p) + ", got '" + echo(text) + "'";
    return std::nullopt;
  }
  return value;
}

std::string to_python_literal(const ParamValue& value, ParamType type) {
  struct Visitor {
    ParamType type;
    std::string operator()(int64_t v) const { return std::to_string(v); }
    std::string operator()(double v) const { return python_float(v); }
    std::string operator()(bool v) const { return v ? "True" : "False"; }
    std::string operator()(const std::string& v) const {
      return type == ParamType::Literal ? v : python_string(v);
    }
    std::string operator()(const std::vector<int64_t>& v) const { return list_text(v); }
    std::string operator()(const std::vector<double>& v) const {
      std::string out = "[";
      for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + python_float(v[i]);
      return out + "]";
    }
  };
  return std::visit(Visitor{type}, value);
}

std::string param_value_text(const ParamValue& value) {
  auto joined = [](const auto& items, auto text) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + text(items[i]);
    return out;
  };
  struct Visitor {
    decltype(joined) join;
    std::string operator()(int64_t v) const { return std::to_string(v); }
    std::string operator()(double v) const { return python_float(v); }
    std::string operator()(bool v) const { return v ? "true" : "false"; }
    std::string operator()(const std::string& v) const { return v; }
    std::string operator()(const std::vector<int64_t>& v) const {
      return join(v, [](int64_t x) { return std::to_string(x); });
    }
    std::string operator()(const std::vector<double>& v) const { return join(v, python_float); }
  };
  return std::visit(Visitor{joined}, value);
}

std::string describe_param(const Param& p) {
  std::string kind;
  switch (p.type) {
    case ParamType::Int: kind = "whole number"; break;
    case ParamType::Float: kind = "number"; break;
    case ParamType::Bool: kind = "true|false"; break;
    case ParamType::Choice:
      for (const auto& c : p.choices) kind += (kind.empty() ? "" : "|") + c;
      break;
    case ParamType::IntList: kind = "list of whole numbers"; break;
    case ParamType::FloatList: kind = "list of numbers"; break;
    case ParamType::Literal: kind = "Python literal"; break;
  }
  std::string range;
  if (p.min || p.max)
    range = " " + (p.min ? number_text(*p.min) : std::string()) + ".." +
            (p.max ? number_text(*p.max) : std::string());
  if (p.type == ParamType::IntList || p.type == ParamType::FloatList)
    range += " (" + std::to_string(p.min_items) + ".." + std::to_string(p.max_items) + " items)";
  return p.name + ": " + kind + range + " (default " + default_text(p) + ")";
}

std::string describe_params(const Lesson& lesson) {
  std::string out;
  for (const auto& p : lesson.params) out += "  " + describe_param(p) + "\n";
  return out.empty() ? "  (this lesson has no parameters)\n" : out;
}

std::optional<ResolvedParams> resolve_params(
    const Lesson& lesson, const std::vector<std::pair<std::string, std::string>>& sets,
    std::string& error) {
  ResolvedParams resolved;
  for (const auto& p : lesson.params) resolved.values.emplace_back(p.name, p.default_value);
  for (const auto& [name, text] : sets) {
    const Param* p = lesson.find_param(name);
    if (!p) {
      error = unknown_param_error(lesson, name) + "; valid parameters:\n" + describe_params(lesson);
      return std::nullopt;
    }
    auto value = parse_param_value(*p, text, error);
    if (!value) return std::nullopt;
    for (auto& [n, v] : resolved.values)
      if (n == name) v = *value;
    resolved.explicit_names.push_back(name);
  }
  return resolved;
}

std::string unknown_param_error(const Lesson& lesson, const std::string& name) {
  return "unknown parameter '" + echo(name) + "' for lesson " + lesson.id;
}

ParamsRead read_params(const Lesson& lesson, const std::vector<std::pair<std::string, std::string>>& given) {
  ParamsRead read;
  for (const auto& [name, text] : given) {
    const Param* p = lesson.find_param(name);
    if (!p) {
      std::string valid;
      for (const Param& q : lesson.params) valid += (valid.empty() ? "" : ", ") + q.name;
      read.problems.push_back(unknown_param_error(lesson, name) + " (valid: " + (valid.empty() ? "none" : valid) + ")");
      continue;
    }
    std::string error;
    if (auto value = parse_param_value(*p, text, error)) read.values.emplace_back(name, std::move(*value));
    else read.problems.push_back(std::move(error));
  }
  return read;
}

}  // namespace interleave::lesson
