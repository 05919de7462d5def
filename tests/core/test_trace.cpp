// Trace: buffers, concurrent draining, text arena, Chrome JSON export.
#include "helpers.h"

#include <thread>

using namespace itest;

TEST_CASE("TraceBuffer: events come back in order across chunk boundaries", "[trace]") {
  Trace trace(Mode::Det);
  TraceBuffer* b = trace.open_buffer(1, 1);
  for (int i = 0; i < 10000; ++i) trace.emit(b, i, EventKind::Custom, 7, i * 2);
  std::vector<TraceEvent> out;
  CHECK(b->drain(out) == 10000);
  REQUIRE(out.size() == 10000);
  for (int i = 0; i < 10000; ++i) {
    CHECK(out[static_cast<size_t>(i)].seq == static_cast<uint64_t>(i));
    CHECK(out[static_cast<size_t>(i)].value == i * 2);
  }
  CHECK(b->drain(out) == 0);  // nothing new
}

TEST_CASE("TraceBuffer: a consumer drains while the producer writes / losing nothing", "[trace][free]") {
  Trace trace(Mode::Free);
  TraceBuffer* b = trace.open_buffer(1, 1);
  constexpr int kEvents = 200000;
  std::thread producer([&] {
    for (int i = 0; i < kEvents; ++i) trace.emit(b, 0, EventKind::Custom, 1, i);
  });
  std::vector<TraceEvent> got;
  while (got.size() < static_cast<size_t>(kEvents)) b->drain(got);
  producer.join();
  REQUIRE(got.size() == static_cast<size_t>(kEvents));
  bool ordered = true;
  for (int i = 0; i < kEvents; ++i) ordered = ordered && got[static_cast<size_t>(i)].value == i;
  CHECK(ordered);
}

TEST_CASE("Trace: sequence numbers order events across threads", "[trace][free]") {
  Trace trace(Mode::Free);
  std::vector<std::thread> threads;
  std::vector<TraceBuffer*> bufs;
  for (ThreadId t = 1; t <= 4; ++t) bufs.push_back(trace.open_buffer(1, t));
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5000; ++i) trace.emit(bufs[static_cast<size_t>(t)], 0, EventKind::Custom, 0, i);
    });
  for (auto& th : threads) th.join();
  std::vector<TraceEvent> all = trace.collect();
  REQUIRE(all.size() == 20000);
  for (size_t i = 0; i < all.size(); ++i) CHECK(all[i].seq == i);  // unique and dense
}

TEST_CASE("Trace: text arena keeps printed lines by id", "[trace]") {
  Run run(det());
  spawn(run, {op::print("hello"), op::print("wörld \"quoted\"\n")}, "T1");
  REQUIRE(run.run() == RunStatus::Finished);
  std::vector<std::string> lines;
  for (const TraceEvent& e : run.trace().collect())
    if (e.kind == EventKind::Print) lines.push_back(run.trace().text(e.value));
  CHECK(lines == std::vector<std::string>{"hello", "wörld \"quoted\"\n"});
}

TEST_CASE("Trace: Chrome JSON has tracks / lock holds / blocked slices and prints", "[trace]") {
  Run run(det());
  Lock& a = run.create<Lock>("A");
  spawn(run, {op::acquire(a), op::print("in \"A\""), op::sleep(1), op::release(a)}, "T1");
  spawn(run, {op::acquire(a), op::release(a)}, "T2");
  REQUIRE(run.run() == RunStatus::Finished);
  std::string json = run.trace().to_chrome_json(true);
  CHECK(json.rfind("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[", 0) == 0);
  CHECK(json.find("\"name\":\"thread_name\"") != std::string::npos);
  CHECK(json.find("\"args\":{\"name\":\"T1\"}") != std::string::npos);
  CHECK(json.find("\"ph\":\"b\"") != std::string::npos);  // lock hold begins
  CHECK(json.find("\"ph\":\"e\"") != std::string::npos);  // and ends
  CHECK(json.find("\"name\":\"blocked on A\"") != std::string::npos);
  CHECK(json.find("\"name\":\"sleep\"") != std::string::npos);
  CHECK(json.find("\"text\":\"in \\\"A\\\"\"") != std::string::npos);  // escaped
  CHECK(json.find("\"ts\":1000000.000") != std::string::npos);        // release at 1 s
  // Structure: braces and brackets balance outside strings.
  int depth = 0;
  bool in_string = false, escaped = false, ok = true;
  for (char c : json) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') ok = ok && --depth >= 0;
  }
  CHECK(ok);
  CHECK(depth == 0);
  CHECK_FALSE(in_string);
}

TEST_CASE("Trace: coroutine runs are named async slices in Chrome JSON and lines in the text form", "[trace]") {
  Run run(det());
  ObjectId a = run.register_coroutine("Task-1");
  ObjectId b = run.register_coroutine("Task-2");
  auto state = [&run](ObjectId co, CoroutineState s) {
    return op::call([&run, co, s](ThreadContext& t) { run.coroutine_state(t, co, s); });
  };
  spawn(run,
        {state(a, CoroutineState::Running), op::sleep(1), state(a, CoroutineState::Waiting),
         state(b, CoroutineState::Running), state(b, CoroutineState::Done), state(a, CoroutineState::Ready)},
        "loop");
  REQUIRE(run.run() == RunStatus::Finished);
  CHECK(run.trace().object_name(a) == "Task-1");
  std::string json = run.trace().to_chrome_json(true);
  auto count = [&json](const std::string& s) {
    size_t n = 0;
    for (size_t at = json.find(s); at != std::string::npos; at = json.find(s, at + 1)) ++n;
    return n;
  };
  // a runs once (its later Ready closes nothing), b once: two begins, two ends.
  CHECK(count("\"cat\":\"coroutine\",\"id\":\"co" + std::to_string(a) + "\"") == 2);
  CHECK(count("\"cat\":\"coroutine\",\"id\":\"co" + std::to_string(b) + "\"") == 2);
  CHECK(count("\"name\":\"Task-1\",\"cat\":\"coroutine\"") == 2);
  CHECK(json.find("\"ph\":\"e\",\"pid\":1,\"tid\":1,\"ts\":1000000.000,\"name\":\"Task-1\"") != std::string::npos);
  std::string text = run.trace().to_text();
  CHECK(text.find("coroutine_switch o" + std::to_string(a) + " 0\n") != std::string::npos);
  CHECK(text.find("coroutine_switch o" + std::to_string(b) + " 3\n") != std::string::npos);
  CHECK(coroutine_state_name(2) == std::string("waiting"));
  CHECK(coroutine_state_name(4) == std::string("?"));
}

TEST_CASE("Trace: free-mode events get virtual time from the wall clock", "[trace][free]") {
  RunConfig cfg = free_mode(0.5);  // half a real second per virtual second
  Run run(cfg);
  spawn(run, {op::sleep(0.02), op::print("after")});
  REQUIRE(run.run() == RunStatus::Finished);
  VTime printed = -1;
  for (const TraceEvent& e : run.trace().collect())
    if (e.kind == EventKind::Print) printed = e.vtime;
  CHECK(printed >= kSecond / 50);  // slept at least 0.02 virtual seconds
}

TEST_CASE("state_after: the trace read into thread states", "[trace]") {
  using S = ThreadState;
  using K = EventKind;
  CHECK(state_after(K::ThreadStart, S::New) == S::Runnable);
  CHECK(state_after(K::CpuBegin, S::Runnable) == S::Running);
  CHECK(state_after(K::CpuEnd, S::Running) == S::Runnable);
  CHECK(state_after(K::CpuEnd, S::Blocked) == S::Blocked);  // a burst ends only a running thread
  CHECK(state_after(K::ThreadBlock, S::Running) == S::Blocked);
  CHECK(state_after(K::ThreadUnblock, S::Blocked) == S::Runnable);
  CHECK(state_after(K::ThreadSleep, S::Runnable) == S::Sleeping);
  CHECK(state_after(K::ThreadWake, S::Sleeping) == S::Runnable);
  CHECK(state_after(K::ThreadEnd, S::Runnable) == S::Done);
  CHECK(state_after(K::LockAcquire, S::Blocked) == S::Blocked);  // says nothing of the state
  CHECK(sets_thread_state(K::ThreadBlock));
  CHECK_FALSE(sets_thread_state(K::CpuEnd));
  CHECK_FALSE(sets_thread_state(K::Print));
}
