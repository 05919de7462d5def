// Writes throwaway lesson folders for the loader tests.
#pragma once
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

struct LessonFixture {
  std::filesystem::path root;

  LessonFixture() {
    std::random_device rd;
    root = std::filesystem::temp_directory_path() /
           ("interleave-lessons-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(root);
  }
  ~LessonFixture() { std::filesystem::remove_all(root); }

  std::filesystem::path write(const std::string& id, const std::string& toml,
                              const std::string& program = "x = 1\n") {
    auto dir = root / id;
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "lesson.toml") << toml;
    if (!program.empty()) std::ofstream(dir / "main.py") << program;
    return dir;
  }
};

inline const char* kSemaphoreToml = R"(
id = "semaphore"
part = 4
order = 3
title = { zh = "信号量", en = "Semaphore" }

[run]
seed = 7

[[params]]
name = "threads"
type = "int"
default = 20
min = 1
max = 256

[[params]]
name = "hold_s"
type = "float"
default = 2
min = 0
max = 10

[[params]]
name = "use_semaphore"
type = "bool"
default = true

[[params]]
name = "variant"
type = "choice"
choices = ["fifo", "lifo"]
default = "fifo"
default_when = [{ when = "threads > 10", value = "lifo" }]

[[params]]
name = "durations"
type = "float_list"
default = [1, 2.5]
min = 0
max = 30
min_items = 1
max_items = 4

[[results]]
name = "peak_inside"

[[results]]
name = "virtual_time_s"
source = "run.virtual_time_s"

[[checks]]
name = "bounded"
when = "use_semaphore"
expect = "peak_inside <= threads"
text = { zh = "不超过", en = "bounded" }
)";
