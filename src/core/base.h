// core/base.h - identifiers, virtual time and the Outcome every operation returns.
//
// Contract: every operation of a primitive or of the scheduler returns an Outcome.
//   Done       the operation completed; `ok` and `value` carry its result
//              (acquired / not timed out, an item, a barrier index...).
//   Suspend    det mode only: the calling green thread is parked. The caller (the
//              VM) must leave its program counter on the call, return
//              StepResult::Blocked from Task::step, and re-execute the same call
//              when the scheduler steps the thread again. The retry completes it.
//   Cancelled  the run is being destroyed (or cancelled): unwind the thread.
//   Error      bad input or misuse; `error` says which Python exception to raise
//              and `message` gives CPython's text. Never a crash.
#pragma once
#include <cstdint>
#include <limits>

namespace interleave::core {

using ThreadId = uint32_t;   // 1-based; 0 means "no thread"
using ProcessId = uint32_t;  // 1-based; pid 1 is the first process (the "init")
using ObjectId = uint32_t;   // 1-based per run; 0 means "no object"
using VTime = int64_t;       // virtual time in nanoseconds
using Item = uint64_t;       // an opaque value carried by queues (the interpreter's handle)

inline constexpr VTime kNoDeadline = std::numeric_limits<VTime>::max();
inline constexpr VTime kSecond = 1'000'000'000;

// Seconds (Python float) to virtual nanoseconds, saturating instead of overflowing.
inline VTime seconds_to_vtime(double s) {
  if (!(s > 0)) return 0;
  if (s >= 9.0e9) return kNoDeadline / 2;
  return static_cast<VTime>(s * 1e9 + 0.5);
}

enum class Mode : uint8_t { Det, Free };

// A simulated thread's state: the one thread model of the scheduler, the views (their lanes),
// the lesson results and the CLI's JSON. Computing and WaitingCore are det's (a CPU burst on
// a virtual core, waiting for a core); the trace tells the others (state_after, trace.h).
enum class ThreadState : uint8_t { New, Runnable, Running, Blocked, Sleeping, Computing, WaitingCore, Done };
// "new", "runnable", "running", "blocked", "sleeping", "computing", "waiting-core", "done".
const char* thread_state_name(ThreadState s);

// Which Python exception an Error outcome maps to.
enum class ErrorKind : uint8_t {
  None,
  RuntimeError,    // "release unlocked lock", "cannot release un-acquired lock"
  ValueError,      // "Semaphore released too many times", bad timeouts, bad sizes
  Full,            // queue.Full
  Empty,           // queue.Empty
  BrokenBarrier,   // threading.BrokenBarrierError
  EOFError,        // a pipe end whose peer is closed
  OSError,         // use of a closed pipe end / channel
  CapacityError,   // a run cap (threads, processes) exceeded
};

struct Outcome {
  enum class Kind : uint8_t { Done, Suspend, Cancelled, Error };
  Kind kind = Kind::Done;
  bool ok = true;               // Done: acquired / got / did not time out
  ErrorKind error = ErrorKind::None;
  const char* message = "";     // Error: static text (CPython's wording where one exists)
  int64_t value = 0;            // Done: an Item, a barrier index, a count...

  static Outcome done(bool ok = true, int64_t value = 0) { return {Kind::Done, ok, ErrorKind::None, "", value}; }
  static Outcome suspend() { return {Kind::Suspend, false, ErrorKind::None, "", 0}; }
  static Outcome cancelled() { return {Kind::Cancelled, false, ErrorKind::None, "cancelled", 0}; }
  static Outcome fail(ErrorKind e, const char* msg) { return {Kind::Error, false, e, msg, 0}; }

  bool is_done() const { return kind == Kind::Done; }
  bool is_suspend() const { return kind == Kind::Suspend; }
  bool is_cancelled() const { return kind == Kind::Cancelled; }
  bool is_error() const { return kind == Kind::Error; }
};

// CPython's messages, shared so tests and the interpreter agree on the wording.
namespace msg {
inline constexpr const char* kReleaseUnlocked = "release unlocked lock";
inline constexpr const char* kReleaseUnacquired = "cannot release un-acquired lock";
inline constexpr const char* kSemaphoreTooMany = "Semaphore released too many times";
inline constexpr const char* kNegativeTimeout = "timeout value must be a non-negative number";
inline constexpr const char* kNegativeTimeoutQueue = "'timeout' must be a non-negative number";
inline constexpr const char* kTimeoutNonBlocking = "can't specify a timeout for a non-blocking call";
inline constexpr const char* kSemaphoreNegative = "semaphore initial value must be >= 0";
inline constexpr const char* kTaskDoneTooMany = "task_done() called too many times";
inline constexpr const char* kBarrierParties = "parties must be > 0";
inline constexpr const char* kConditionNotOwned = "cannot wait on un-acquired lock";
inline constexpr const char* kNotifyNotOwned = "cannot notify on un-acquired lock";
inline constexpr const char* kTooManyThreads = "run capacity exceeded: too many threads";
inline constexpr const char* kTooManyProcesses = "run capacity exceeded: too many processes";
inline constexpr const char* kNoSuchThread = "no such thread";
inline constexpr const char* kNoSuchProcess = "no such process";
inline constexpr const char* kJoinSelf = "cannot join current thread";
inline constexpr const char* kPipeClosed = "handle is closed";
inline constexpr const char* kPipeWrongDirection = "connection is read-only or write-only in this direction";
}  // namespace msg

// SplitMix64: a tiny PRNG whose output is identical on every platform (unlike the
// standard distributions), so seeds reproduce natively and in the browser.
struct SplitMix64 {
  uint64_t state;
  explicit SplitMix64(uint64_t seed = 0) : state(seed) {}
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n) by rejection-free multiply-shift (bias < 2^-32 for small n).
  uint32_t below(uint32_t n) { return static_cast<uint32_t>(((next() >> 32) * n) >> 32); }
};

}  // namespace interleave::core
