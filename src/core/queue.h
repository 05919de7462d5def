// core/queue.h - queue.Queue / LifoQueue / PriorityQueue, and the copying channel
// and Pipe that carry messages between processes.
//
// Items are opaque `Item` handles the interpreter supplies (its object references);
// core never dereferences them. Ownership stays with the interpreter: items still
// queued when a run ends are returned by drain() so it can drop its references.
//
// Priority order: the queue keeps a binary heap using exactly heapq's algorithms
// (so ties come out in CPython's order) and asks the interpreter to compare via
// the `Less` callback given at construction. The callback runs while the queue's
// mutex is held and must not block or call back into core: the interpreter should
// compare natively (ints, strings, tuples of those) or precompute a key. A
// comparison that raises in Python must be reported by the interpreter itself
// (the callback returns false and the interpreter raises after put()/get()).
//
// A killed thread's put / get / join / send / recv returns Cancelled at once (rule 6
// in core/scheduler.h); an item it was about to take stays queued.
#pragma once
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/run.h"
#include "core/scheduler.h"

namespace interleave::core {

class Queue final : public Primitive {
 public:
  enum class Order : uint8_t { Fifo, Lifo, Priority };
  using Less = std::function<bool(Item a, Item b)>;

  // maxsize <= 0 means unbounded (as in Python). Priority requires `less`; without
  // one, items compare as unsigned integers.
  Queue(Run& run, Order order = Order::Fifo, int64_t maxsize = 0, Less less = {},
        std::string_view name = "Queue");

  // put(item, block=True, timeout=None): Done, or Error Full when it cannot wait
  // (block=False, or the timeout passed). ValueError "'timeout' must be a
  // non-negative number".
  Outcome put(ThreadContext& t, Item item, bool block = true, std::optional<double> timeout = std::nullopt);
  // get(block=True, timeout=None): Done(value = item) or Error Empty.
  Outcome get(ThreadContext& t, bool block = true, std::optional<double> timeout = std::nullopt);
  Outcome put_nowait(ThreadContext& t, Item item) { return put(t, item, false); }
  Outcome get_nowait(ThreadContext& t) { return get(t, false); }
  // task_done(): ValueError "task_done() called too many times".
  Outcome task_done(ThreadContext& t);
  // join(): blocks until every item put has been marked done.
  Outcome join(ThreadContext& t);

  int64_t qsize() const;
  bool empty() const { return qsize() == 0; }
  bool full() const;
  int64_t maxsize() const { return maxsize_; }
  int64_t unfinished_tasks() const;
  // Removes and returns every queued item (for the interpreter's reference counts).
  std::vector<Item> drain();

 private:
  bool is_full() const { return maxsize_ > 0 && static_cast<int64_t>(items_.size()) >= maxsize_; }
  void push_item(Item item);
  Item pop_item();
  bool less(Item a, Item b) const { return less_ ? less_(a, b) : a < b; }
  void sift_down(size_t startpos, size_t pos);  // heapq._siftdown
  void sift_up(size_t pos);                     // heapq._siftup

  Order order_;
  int64_t maxsize_;
  Less less_;
  std::deque<Item> items_;
  int64_t unfinished_ = 0;
  WaitList not_full_;   // putters
  WaitList all_done_;   // join()ers; getters use the base waiters_ list
};

// A copying channel of byte strings (the interpreter pickles objects into bytes),
// the transport under multiprocessing.Queue and Pipe and one direction of a connection of
// the in-memory network: nothing is shared between processes. maxsize <= 0: unbounded.
// close() ends it: recv() on an empty closed channel gives EOFError, send() on a closed one
// OSError "handle is closed".
//
// Latency (the network's wire): a channel made with `latency` > 0 delivers each message that
// long after its send(), and the end of stream that long after close(); until then the
// message is in flight - recv() waits for it (a timed wait, so never a deadlock) and poll()
// does not report it. Arrivals keep the send order (a message never overtakes the one before).
// The delay is on the scheduler's clock: virtual time in det mode. Latency 0 costs nothing.
class Channel final : public Primitive {
 public:
  Channel(Run& run, int64_t maxsize = 0, std::string_view name = "Channel", VTime latency = 0);
  // Done, Error Full (non-blocking / timeout; only bounded channels fill, in-flight messages
  // count), OSError when closed.
  Outcome send(ThreadContext& t, std::string bytes, bool block = true, std::optional<double> timeout = std::nullopt);
  // Done with the message in `out` (moved), Error Empty (non-blocking / timeout; a message
  // still in flight is not there yet), EOFError when closed, drained and the end arrived.
  Outcome recv(ThreadContext& t, std::string& out, bool block = true, std::optional<double> timeout = std::nullopt);
  bool poll() const;  // a message has arrived (or the end of stream has)
  // No more sends; readers see the end of stream after the latency, past what was sent.
  void close(ThreadContext& t);
  int64_t size() const;  // messages sent and not yet received (in flight or arrived)
  VTime latency() const { return latency_; }

 private:
  struct Message {
    std::string bytes;
    VTime arrives = 0;  // when a reader can see it (0 with no latency)
  };
  // The arrival time of something sent now: latency later, never before the last arrival.
  VTime arrival_locked();
  bool arrived_locked(VTime at) const { return latency_ == 0 || at <= sched_.now(); }
  bool head_arrived_locked() const { return !messages_.empty() && arrived_locked(messages_.front().arrives); }
  bool eof_arrived_locked() const { return messages_.empty() && closed_ && arrived_locked(eof_at_); }
  // When the next message or the end of stream lands (kNoDeadline when nothing is in flight).
  VTime next_arrival_locked() const;

  int64_t maxsize_;
  VTime latency_;
  bool closed_ = false;
  VTime eof_at_ = 0;       // when readers see the close
  VTime last_arrival_ = 0;
  std::deque<Message> messages_;
  WaitList not_full_;
};

// multiprocessing.Pipe(duplex): two Connection ends over one or two Channels.
// Duplex: both ends send and receive. One-way: end 0 receives only, end 1 sends
// only (Python's (r, w) order). Wrong-direction use gives OSError.
class Pipe {
 public:
  Pipe(Run& run, bool duplex = true, std::string_view name = "Pipe");
  class End {
   public:
    Outcome send(ThreadContext& t, std::string bytes);
    Outcome recv(ThreadContext& t, std::string& out);
    bool poll() const { return in_ && in_->poll(); }
    void close(ThreadContext& t);
    bool readable() const { return in_ != nullptr; }
    bool writable() const { return out_ != nullptr; }

   private:
    friend class Pipe;
    Channel* in_ = nullptr;
    Channel* out_ = nullptr;
    bool closed_ = false;
  };
  End& end(int i) { return ends_[i & 1]; }

 private:
  End ends_[2];
};

}  // namespace interleave::core
