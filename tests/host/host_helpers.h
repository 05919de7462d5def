// Shared by the host's tests: the host's state as JSON, and waiting for a run's report.
#pragma once
#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "app/host/run_host.h"

namespace host_test {

inline nlohmann::json state(const interleave::host::RunHost& h) { return nlohmann::json::parse(h.state_json()); }

// Waits (polling, as the page does each frame) until the run has a report.
inline nlohmann::json wait_report(const interleave::host::RunHost& h, double seconds = 30 * INTERLEAVE_TIME_FACTOR) {
  auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    nlohmann::json s = state(h);
    if (!s["report"].is_null()) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return state(h);
}

}  // namespace host_test
