// The canvas's words in the page's language (ui_text.h), the font subset covering them, and
// results in Python's notation (value_text.h; expected texts are CPython 3.11's repr, floats
// by the display rule the page's format.js shares).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "ui/canvas.h"
#include "ui/ui_text.h"
#include "ui/value_text.h"
#include "ui_harness.h"

using namespace uitest;
using namespace interleave::ui;
using nlohmann::json;

namespace {
// Sets the UI's language for one test and puts English back after it.
struct InLang {
  explicit InLang(Lang l) { set_ui_lang(l); }
  ~InLang() { set_ui_lang(Lang::En); }
};
}  // namespace

TEST_CASE("ui text: zh labels come from the table, en stays as it was", "[ui][text]") {
  TwoLockDeadlock d;
  RunModel m(d.run);
  REQUIRE(d.run.run() == RunStatus::Deadlock);
  m.drain();
  m.set_checks({{"finished", "no", "yes", Verdict::Failed}});
  Canvas canvas;
  {
    InLang zh(Lang::Zh);
    Headless gui;
    gui.frames([&] { canvas.draw(m, nullptr, 0, 0, 1280, 720); });
    CHECK(gui.has("死锁：Thread-1 等待 lock_b（被 Thread-2 持有），后者又等待 lock_a（被 Thread-1 持有）。"));
    CHECK(gui.has("[未通过]"));                               // the Checks view's verdict badge
    CHECK(gui.has("[阻塞于 lock_b]"));                        // a lane's state badge
    CHECK(gui.has("多次运行，看看结果怎样变化。"));
    CHECK(gui.has("细条：持有的锁"));
    CHECK(gui.has("被 Thread-1 持有"));                       // Objects: lock_a's owner
    // The windows keep their ids; their titles are Chinese.
    ImGuiWindow* threads = find_view_window("Threads");
    REQUIRE(threads);
    CHECK(std::string(threads->Name) == "线程###Threads");
    CHECK(!gui.has("Nobody is waiting"));
    CHECK(!gui.has("thin bars"));
  }
  Headless gui;
  gui.frames([&] { canvas.draw(m, nullptr, 0, 0, 1280, 720); });
  CHECK(gui.has("Deadlock: Thread-1 waits for lock_b"));
  CHECK(gui.has("[FAIL]"));
  CHECK(gui.has("thin bars: locks held"));
  CHECK(std::string(find_view_window("Threads")->Name) == "Threads###Threads");
}

TEST_CASE("ui text: every key has both languages, formats agree, codes parse", "[ui][text]") {
  for (int k = 0; k < static_cast<int>(Str::Count); ++k) {
    const Str key = static_cast<Str>(k);
    set_ui_lang(Lang::En);
    const std::string en = tr(key);
    set_ui_lang(Lang::Zh);
    const std::string zh = tr(key);
    INFO("key " << k << ": " << en);
    CHECK(!en.empty());
    CHECK(!zh.empty());
    // The same conversions in the same order: trf() passes one argument list to both.
    auto conversions = [](const std::string& s) {
      std::string out;
      for (size_t i = 0; i + 1 < s.size(); ++i)
        if (s[i] == '%') {
          size_t j = i + 1;
          while (j < s.size() && std::string("lzu").find(s[j]) != std::string::npos) ++j;
          out += s.substr(i, j - i + 1) + " ";
          i = j;
        }
      return out;
    };
    CHECK(conversions(en) == conversions(zh));
  }
  set_ui_lang(Lang::En);
  CHECK(set_ui_lang(std::string_view("zh")));
  CHECK(ui_lang() == Lang::Zh);
  CHECK_FALSE(set_ui_lang(std::string_view("fr")));
  CHECK(ui_lang() == Lang::Zh);
  CHECK(set_ui_lang(std::string_view("en")));
  CHECK(trf(Str::InFlightFmt, 2LL, 3LL, 1LL) == "2 in flight (3 sent, 1 received)");
  const std::string long_name(600, 'x');
  CHECK(trf(Str::HeldByFmt, long_name.c_str()) == "held by " + long_name);
}

TEST_CASE("ui text: the canvas's CJK font subset covers every Chinese word of the table", "[ui][text][font]") {
  const std::string out = std::string(INTERLEAVE_BUILD_DIR) + "/ui-text-cjk-chars.txt";
  const std::string cmd = "python3 " INTERLEAVE_SOURCE_DIR "/scripts/cjk_chars.py " INTERLEAVE_SOURCE_DIR "/lessons " +
                          out + " " INTERLEAVE_SOURCE_DIR "/src/ui/ui_text.cpp";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::ifstream in(out);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string subset = ss.str();
  // Each UTF-8 character of the table from U+2E80 up (what the script keeps) is in the subset.
  const std::string zh = ui_text_zh_all();
  int checked = 0;
  for (size_t i = 0; i < zh.size();) {
    const unsigned char c = static_cast<unsigned char>(zh[i]);
    const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n >= 3) {
      const std::string ch = zh.substr(i, n);
      INFO("character " << ch);
      CHECK(subset.find(ch) != std::string::npos);
      ++checked;
    }
    i += n;
  }
  CHECK(checked > 300);
}

TEST_CASE("value text: results in Python's notation, floats rounded, records one per line", "[ui][text][values]") {
  // repr((3, 'write')), repr(('w',)), repr([1, None, True]), repr({'a': (1, 2)}), repr("it's")
  CHECK(display_value(json::parse(R"({"$tuple": [3, "write"]})")) == "(3, 'write')");
  CHECK(display_value(json::parse(R"({"$tuple": ["w"]})")) == "('w',)");
  CHECK(display_value(json::parse(R"([1, null, true])")) == "[1, None, True]");
  CHECK(display_value(json::parse(R"({"a": {"$tuple": [1, 2]}})")) == "{'a': (1, 2)}");
  CHECK(display_value(json::parse(R"(["it's", "a\"b"])")) == "[\"it's\", 'a\"b']");
  CHECK(display_value(json::parse(R"("plain text")")) == "plain text");
  CHECK(display_value(json::parse("200000")) == "200000");
  CHECK(display_number(0.30000000000000004) == "0.3");
  CHECK(display_number(3.14159) == "3.142");
  CHECK(display_number(0.0000534) == "0.0000534");
  CHECK(display_number(0.00005343219) == "0.00005343");
  CHECK(display_number(12345.678) == "12345.7");
  CHECK(display_number(5.34e-7) == "5.34e-7");
  CHECK(display_number(-1.23456) == "-1.235");
  // Exact ties round to the even digit, as Python ('%.3f' % 1.0625) and the page's format.js do.
  CHECK(display_number(1.0625) == "1.062");
  CHECK(display_number(1.1875) == "1.188");
  CHECK(display_number(-1.0625) == "-1.062");
  CHECK(display_number(1000.25) == "1000.2");
  CHECK(display_number(1000.75) == "1000.8");
  CHECK(display_number(0.15625) == "0.1562");
  CHECK(display_number(std::ldexp(1.0625, -21)) == "5.066e-7");
  CHECK(display_number(2.0) == "2");
  CHECK(display_value(json::parse("[0.30000000000000004, 0.3333333333333333]")) == "[0.3, 0.3333]");
  // thread-states' transitions, and a list of (step, action) tuples: one record per line.
  CHECK(display_value(json::parse(R"({"MainThread": ["running", "dead"], "worker-1": ["new", "runnable", "dead"]})")) ==
        "MainThread: running → dead\nworker-1: new → runnable → dead");
  CHECK(display_value(json::parse(R"([{"$tuple": [3, "write"]}, {"$tuple": [4, "read"]}])")) == "3 | write\n4 | read");
  CHECK(display_value(json::parse(R"([{"$tuple": [1, 2]}, {"$tuple": [1]}])")) == "[(1, 2), (1,)]");
  CHECK(display_value(json::parse("[3, 3, 2, 1]")) == "[3, 3, 2, 1]");
}
