// Lessons as JSON, for `interleave list --json` and the page's interleave.lessons().
#pragma once
#include <nlohmann/json.hpp>

#include "lesson/lesson.h"

namespace interleave::lesson {

nlohmann::json param_value_json(const ParamValue& value);

// {id, part, order, title{zh,en}, summary{zh,en}, run{...}, params[], results[], checks[]}
nlohmann::json lesson_json(const Lesson& lesson);

// The whole catalogue: an array of lesson_json objects, in catalogue order.
nlohmann::json catalog_json(const Catalog& catalog);

}  // namespace interleave::lesson
