#include "lesson/lesson_json.h"

#include "lesson/params.h"

namespace interleave::lesson {
namespace {

nlohmann::json text_json(const Text& t) { return {{"zh", t.zh}, {"en", t.en}}; }

nlohmann::json param_json(const Param& p) {
  nlohmann::json j = {{"name", p.name},
                      {"type", param_type_name(p.type)},
                      {"default", param_value_json(p.default_value)},
                      {"label", text_json(p.label)}};
  // Whole-number parameters get whole-number bounds, so JSON readers see 256, not 256.0.
  const bool whole = p.type == ParamType::Int || p.type == ParamType::IntList;
  auto bound = [&](double v) { return whole ? nlohmann::json(static_cast<int64_t>(v)) : nlohmann::json(v); };
  if (p.min) j["min"] = bound(*p.min);
  if (p.max) j["max"] = bound(*p.max);
  if (!p.choices.empty()) j["choices"] = p.choices;
  if (p.type == ParamType::IntList || p.type == ParamType::FloatList) {
    j["min_items"] = p.min_items;
    j["max_items"] = p.max_items;
  }
  if (!p.binds.empty()) j["binds"] = p.binds;
  if (!p.default_when.empty()) {
    j["default_when"] = nlohmann::json::array();
    for (const auto& d : p.default_when)
      j["default_when"].push_back({{"when", d.when}, {"value", param_value_json(d.value)}});
  }
  return j;
}

}  // namespace

nlohmann::json param_value_json(const ParamValue& value) {
  return std::visit([](const auto& v) { return nlohmann::json(v); }, value);
}

nlohmann::json lesson_json(const Lesson& l) {
  nlohmann::json j = {{"id", l.id},
                      {"part", l.part},
                      {"order", l.order},
                      {"title", text_json(l.title)},
                      {"summary", text_json(l.summary)},
                      {"run",
                       {{"seed", l.run.seed},
                        {"cores", l.run.cores},
                        {"gil", l.run.gil},
                        {"switch_interval_ms", l.run.switch_interval_ms},
                        {"switch_points", l.run.switch_points},
                        {"instruction_ns", l.run.instruction_ns},
                        {"fork_ms", l.run.fork_ms}, {"spawn_ms", l.run.spawn_ms},
                        {"time_scale", l.run.time_scale}}},
                      {"programs", {{"zh", program_file(l, "zh")}, {"en", program_file(l, "en")}}}};
  j["params"] = nlohmann::json::array();
  for (const auto& p : l.params) j["params"].push_back(param_json(p));
  j["results"] = nlohmann::json::array();
  for (const auto& r : l.results)
    j["results"].push_back({{"name", r.name}, {"source", r.source}, {"label", text_json(r.label)}});
  j["checks"] = nlohmann::json::array();
  for (const auto& c : l.checks)
    j["checks"].push_back({{"name", c.name},
                           {"when", c.when},
                           {"expect", c.expect},
                           {"text", text_json(c.text)},
                           {"schedule_dependent", c.schedule_dependent}});
  j["challenges"] = nlohmann::json::array();
  for (const auto& c : l.challenges) {
    nlohmann::json sets = nlohmann::json::object();
    for (const auto& [name, value] : c.sets) sets[name] = value;
    j["challenges"].push_back({{"id", c.id},
                               {"title", text_json(c.title)},
                               {"goal", text_json(c.goal)},
                               {"allowed", c.allowed},
                               {"success", c.success},
                               {"solution_set", sets}});
  }
  return j;
}

nlohmann::json catalog_json(const Catalog& catalog) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& l : catalog.lessons) out.push_back(lesson_json(l));
  return out;
}

}  // namespace interleave::lesson
