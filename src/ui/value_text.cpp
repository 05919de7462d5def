// ui/value_text.cpp - results in Python's notation for the canvas (see value_text.h).
#include "ui/value_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace interleave::ui {

namespace {
using nlohmann::json;

bool is_tuple(const json& v) { return v.is_object() && v.size() == 1 && v.contains("$tuple") && v["$tuple"].is_array(); }
bool is_dict(const json& v) { return v.is_object() && !is_tuple(v); }
bool is_sequence(const json& v) { return v.is_array() || is_tuple(v); }
const json& items(const json& v) { return is_tuple(v) ? v["$tuple"] : v; }

// Drops a fraction's trailing zeros (and the point): "2.500" -> "2.5", "3.000" -> "3".
std::string trim_zeros(std::string s) {
  const size_t e = s.find('e');
  std::string exp = e == std::string::npos ? "" : s.substr(e);
  if (e != std::string::npos) s.resize(e);
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  return s + exp;
}

std::string str_repr(const std::string& s) {
  const bool dq = s.find('\'') != std::string::npos && s.find('"') == std::string::npos;
  const char q = dq ? '"' : '\'';
  std::string out(1, q);
  for (char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else if (c == q) out += std::string("\\") + c;
    else out += c;
  }
  return out + q;
}

std::string text(const json& v, bool top);

std::string join_items(const json& xs) {
  std::string out;
  for (size_t i = 0; i < xs.size(); ++i) out += (i ? ", " : "") + text(xs[i], false);
  return out;
}

std::string text(const json& v, bool top) {
  if (v.is_null()) return "None";
  if (v.is_boolean()) return v.get<bool>() ? "True" : "False";
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  if (v.is_number_float()) return display_number(v.get<double>());
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    return top || s == "inf" || s == "-inf" || s == "nan" ? s : str_repr(s);  // the host sends inf / nan as text
  }
  if (is_tuple(v)) {
    const json& xs = v["$tuple"];
    return "(" + join_items(xs) + (xs.size() == 1 ? ",)" : ")");
  }
  if (v.is_array()) return "[" + join_items(v) + "]";
  std::string out = "{";
  bool first = true;
  for (const auto& [k, x] : v.items()) {
    out += (first ? "" : ", ") + str_repr(k) + ": " + text(x, false);
    first = false;
  }
  return out + "}";
}

// A table cell: a sequence of plain strings reads as a sequence of states.
std::string cell(const json& v) {
  if (is_sequence(v) && !items(v).empty()) {
    bool strings = true;
    for (const json& x : items(v)) strings = strings && x.is_string();
    if (strings) {
      std::string out;
      for (const json& x : items(v)) out += (out.empty() ? "" : " → ") + x.get<std::string>();
      return out;
    }
  }
  return text(v, true);
}

std::string record_line(const json& r) {
  std::string out;
  if (is_dict(r)) {
    for (const auto& [k, x] : r.items()) out += (out.empty() ? "" : ", ") + k + " " + cell(x);
  } else {
    for (const json& x : items(r)) out += (out.empty() ? "" : " | ") + cell(x);
  }
  return out;
}

bool records(const json& v) {
  if (!v.is_array() || v.empty()) return false;
  bool dicts = true;
  for (const json& r : v) dicts = dicts && is_dict(r);
  if (dicts) return true;
  if (!is_tuple(v[0]) || v[0]["$tuple"].size() < 2) return false;
  for (const json& r : v)
    if (!is_tuple(r) || r["$tuple"].size() != v[0]["$tuple"].size()) return false;
  return true;
}

bool keyed_records(const json& v) {
  if (!is_dict(v) || v.empty()) return false;
  for (const auto& [k, x] : v.items())
    if (!x.is_array() && !is_dict(x)) return false;   // lists or records; a tuple value stays a dict
  return true;
}
}  // namespace

std::string display_number(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  if (v == std::floor(v) && std::fabs(v) < 1e16) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  if (std::fabs(v) >= 1000) std::snprintf(buf, sizeof buf, "%.1f", v);
  else {
    // %g switches to an exponent below 1e-4; JavaScript's toPrecision only below 1e-6.
    const int exp10 = static_cast<int>(std::floor(std::log10(std::fabs(v))));
    if (exp10 >= -6) std::snprintf(buf, sizeof buf, "%.*f", std::max(0, 3 - exp10), v);
    else std::snprintf(buf, sizeof buf, "%.3e", v);
  }
  std::string s = trim_zeros(buf);
  // "5.340e-07" -> "5.34e-7", as JavaScript writes it.
  if (const size_t e = s.find('e'); e != std::string::npos) {
    const int exp = std::atoi(s.c_str() + e + 1);
    s = s.substr(0, e) + "e" + std::to_string(exp);
  }
  return s;
}

std::string display_value(const json& v) {
  std::string out;
  if (records(v)) {
    for (const json& r : v) out += (out.empty() ? "" : "\n") + record_line(r);
    return out;
  }
  if (keyed_records(v)) {
    for (const auto& [k, x] : v.items()) out += (out.empty() ? "" : "\n") + k + ": " + (is_dict(x) ? record_line(x) : cell(x));
    return out;
  }
  return text(v, true);
}

}  // namespace interleave::ui
