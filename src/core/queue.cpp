// core/queue.cpp
// [SECTION] Queue: item order (FIFO, LIFO, heapq)
// [SECTION] Queue: put, get, task_done, join
// [SECTION] Channel
// [SECTION] Pipe
#include "core/queue.h"

#include <algorithm>

#include "core/sync.h"

namespace interleave::core {

//-----------------------------------------------------------------------------
// [SECTION] Queue: item order (FIFO, LIFO, heapq)
//-----------------------------------------------------------------------------
Queue::Queue(Run& run, Order order, int64_t maxsize, Less less, std::string_view name)
    : Primitive(run, name, order == Order::Fifo ? "Queue" : order == Order::Lifo ? "LifoQueue" : "PriorityQueue"),
      order_(order),
      maxsize_(maxsize),
      less_(std::move(less)) {}

void Queue::push_item(Item item) {
  items_.push_back(item);
  if (order_ == Order::Priority) sift_down(0, items_.size() - 1);
}

Item Queue::pop_item() {
  if (order_ == Order::Fifo) {
    Item x = items_.front();
    items_.pop_front();
    return x;
  }
  Item last = items_.back();
  items_.pop_back();
  if (order_ == Order::Lifo || items_.empty()) return last;
  Item top = items_.front();  // heapq.heappop: move the last item to the root, sift
  items_.front() = last;
  sift_up(0);
  return top;
}

void Queue::sift_down(size_t startpos, size_t pos) {
  Item newitem = items_[pos];
  while (pos > startpos) {
    size_t parentpos = (pos - 1) >> 1;
    Item parent = items_[parentpos];
    if (less(newitem, parent)) {
      items_[pos] = parent;
      pos = parentpos;
      continue;
    }
    break;
  }
  items_[pos] = newitem;
}

void Queue::sift_up(size_t pos) {
  size_t endpos = items_.size(), startpos = pos;
  Item newitem = items_[pos];
  size_t childpos = 2 * pos + 1;
  while (childpos < endpos) {
    size_t rightpos = childpos + 1;
    if (rightpos < endpos && !less(items_[childpos], items_[rightpos])) childpos = rightpos;
    items_[pos] = items_[childpos];
    pos = childpos;
    childpos = 2 * pos + 1;
  }
  items_[pos] = newitem;
  sift_down(startpos, pos);
}

//-----------------------------------------------------------------------------
// [SECTION] Queue: put, get, task_done, join
//-----------------------------------------------------------------------------
static Outcome full_error() { return Outcome::fail(ErrorKind::Full, ""); }
static Outcome empty_queue() { return Outcome::fail(ErrorKind::Empty, ""); }

Outcome Queue::put(ThreadContext& t, Item item, bool block, std::optional<double> timeout) {
  if (t.is_killed()) return t.cancel_op();
  if (block) {
    Outcome bad = check_optional_timeout(timeout, msg::kNegativeTimeoutQueue);
    if (bad.is_error()) return bad;
  }
  std::unique_lock<std::mutex> lk(mu_);
  VTime deadline = t.begin_op(sched_.now(), timeout.value_or(0), timeout.has_value());
  while (is_full()) {
    if (!block || sched_.now() >= deadline) {
      t.end_op();
      return full_error();
    }
    WaitStatus st = sched_.wait(t, not_full_, this, lk, deadline);
    if (st == WaitStatus::Suspended) return Outcome::suspend();
    if (st == WaitStatus::Cancelled) {
      t.end_op();
      return Outcome::cancelled();
    }
  }
  push_item(item);
  ++unfinished_;
  t.end_op();
  emit(t, EventKind::QueuePut, static_cast<int64_t>(items_.size()));
  sched_.wake_one(waiters_);
  return Outcome::done(true);
}

Outcome Queue::get(ThreadContext& t, bool block, std::optional<double> timeout) {
  if (t.is_killed()) return t.cancel_op();
  if (block) {
    Outcome bad = check_optional_timeout(timeout, msg::kNegativeTimeoutQueue);
    if (bad.is_error()) return bad;
  }
  std::unique_lock<std::mutex> lk(mu_);
  VTime deadline = t.begin_op(sched_.now(), timeout.value_or(0), timeout.has_value());
  while (items_.empty()) {
    if (!block || sched_.now() >= deadline) {
      t.end_op();
      return empty_queue();
    }
    WaitStatus st = sched_.wait(t, waiters_, this, lk, deadline);
    if (st == WaitStatus::Suspended) return Outcome::suspend();
    if (st == WaitStatus::Cancelled) {
      t.end_op();
      return Outcome::cancelled();
    }
  }
  Item item = pop_item();
  t.end_op();
  emit(t, EventKind::QueueGet, static_cast<int64_t>(items_.size()));
  sched_.wake_one(not_full_);
  return Outcome::done(true, static_cast<int64_t>(item));
}

Outcome Queue::task_done(ThreadContext& t) {
  std::lock_guard<std::mutex> g(mu_);
  if (unfinished_ <= 0) return Outcome::fail(ErrorKind::ValueError, msg::kTaskDoneTooMany);
  --unfinished_;
  emit(t, EventKind::QueueTaskDone, unfinished_);
  if (unfinished_ == 0) sched_.wake_all(all_done_, 1);
  return Outcome::done(true);
}

Outcome Queue::join(ThreadContext& t) {
  if (t.is_killed()) return t.cancel_op();
  std::unique_lock<std::mutex> lk(mu_);
  t.begin_op(sched_.now(), 0, false);
  while (unfinished_ > 0) {
    WaitStatus st = sched_.wait(t, all_done_, this, lk, kNoDeadline);
    if (st == WaitStatus::Suspended) return Outcome::suspend();
    if (st == WaitStatus::Cancelled) {
      t.end_op();
      return Outcome::cancelled();
    }
  }
  t.end_op();
  return Outcome::done(true);
}

int64_t Queue::qsize() const {
  std::lock_guard<std::mutex> g(mu_);
  return static_cast<int64_t>(items_.size());
}

bool Queue::full() const {
  std::lock_guard<std::mutex> g(mu_);
  return is_full();
}

int64_t Queue::unfinished_tasks() const {
  std::lock_guard<std::mutex> g(mu_);
  return unfinished_;
}

std::vector<Item> Queue::drain() {
  std::lock_guard<std::mutex> g(mu_);
  std::vector<Item> out(items_.begin(), items_.end());
  items_.clear();
  return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Channel
//-----------------------------------------------------------------------------
Channel::Channel(Run& run, int64_t maxsize, std::string_view name, VTime latency)
    : Primitive(run, name, "Channel"), maxsize_(maxsize), latency_(latency > 0 ? latency : 0) {}

VTime Channel::arrival_locked() {
  if (latency_ == 0) return 0;
  last_arrival_ = std::max(sched_.now() + latency_, last_arrival_);
  return last_arrival_;
}

VTime Channel::next_arrival_locked() const {
  if (latency_ == 0) return kNoDeadline;
  if (!messages_.empty()) return messages_.front().arrives;
  return closed_ ? eof_at_ : kNoDeadline;
}

Outcome Channel::send(ThreadContext& t, std::string bytes, bool block, std::optional<double> timeout) {
  if (t.is_killed()) return t.cancel_op();
  if (block) {
    Outcome bad = check_optional_timeout(timeout, msg::kNegativeTimeoutQueue);
    if (bad.is_error()) return bad;
  }
  std::unique_lock<std::mutex> lk(mu_);
  VTime deadline = t.begin_op(sched_.now(), timeout.value_or(0), timeout.has_value());
  for (;;) {
    if (closed_) {
      t.end_op();
      return Outcome::fail(ErrorKind::OSError, msg::kPipeClosed);
    }
    if (maxsize_ <= 0 || static_cast<int64_t>(messages_.size()) < maxsize_) break;
    if (!block || sched_.now() >= deadline) {
      t.end_op();
      return full_error();
    }
    WaitStatus st = sched_.wait(t, not_full_, this, lk, deadline);
    if (st == WaitStatus::Suspended) return Outcome::suspend();
    if (st == WaitStatus::Cancelled) {
      t.end_op();
      return Outcome::cancelled();
    }
  }
  int64_t size = static_cast<int64_t>(bytes.size());
  messages_.push_back(Message{std::move(bytes), arrival_locked()});
  t.end_op();
  emit(t, EventKind::ChannelSend, size);
  sched_.wake_one(waiters_);
  return Outcome::done(true);
}

Outcome Channel::recv(ThreadContext& t, std::string& out, bool block, std::optional<double> timeout) {
  if (t.is_killed()) return t.cancel_op();
  if (block) {
    Outcome bad = check_optional_timeout(timeout, msg::kNegativeTimeoutQueue);
    if (bad.is_error()) return bad;
  }
  std::unique_lock<std::mutex> lk(mu_);
  VTime deadline = t.begin_op(sched_.now(), timeout.value_or(0), timeout.has_value());
  while (!head_arrived_locked()) {
    if (eof_arrived_locked()) {
      t.end_op();
      return Outcome::fail(ErrorKind::EOFError, "");
    }
    if (!block || sched_.now() >= deadline) {
      t.end_op();
      return empty_queue();
    }
    // Something in flight: wake when it lands (a send wakes us too, or the deadline).
    WaitStatus st = sched_.wait(t, waiters_, this, lk, std::min(deadline, next_arrival_locked()));
    if (st == WaitStatus::Suspended) return Outcome::suspend();
    if (st == WaitStatus::Cancelled) {
      t.end_op();
      return Outcome::cancelled();
    }
  }
  out = std::move(messages_.front().bytes);
  messages_.pop_front();
  t.end_op();
  emit(t, EventKind::ChannelRecv, static_cast<int64_t>(out.size()));
  sched_.wake_one(not_full_);
  return Outcome::done(true);
}

bool Channel::poll() const {
  std::lock_guard<std::mutex> g(mu_);
  return head_arrived_locked() || eof_arrived_locked();
}

void Channel::close(ThreadContext&) {
  std::lock_guard<std::mutex> g(mu_);
  if (!closed_) eof_at_ = arrival_locked();
  closed_ = true;
  sched_.wake_all(waiters_);
  sched_.wake_all(not_full_);
}

int64_t Channel::size() const {
  std::lock_guard<std::mutex> g(mu_);
  return static_cast<int64_t>(messages_.size());
}

//-----------------------------------------------------------------------------
// [SECTION] Pipe
//-----------------------------------------------------------------------------
Pipe::Pipe(Run& run, bool duplex, std::string_view name) {
  std::string n(name);
  Channel& a_to_b = run.create<Channel>(0, n + "[0->1]");
  if (duplex) {
    Channel& b_to_a = run.create<Channel>(0, n + "[1->0]");
    ends_[0].out_ = &a_to_b;
    ends_[0].in_ = &b_to_a;
    ends_[1].out_ = &b_to_a;
    ends_[1].in_ = &a_to_b;
  } else {
    ends_[1].out_ = &a_to_b;  // (r, w) = Pipe(False): end 1 writes, end 0 reads
    ends_[0].in_ = &a_to_b;
  }
}

Outcome Pipe::End::send(ThreadContext& t, std::string bytes) {
  if (closed_) return Outcome::fail(ErrorKind::OSError, msg::kPipeClosed);
  if (!out_) return Outcome::fail(ErrorKind::OSError, msg::kPipeWrongDirection);
  return out_->send(t, std::move(bytes));
}

Outcome Pipe::End::recv(ThreadContext& t, std::string& out) {
  if (closed_) return Outcome::fail(ErrorKind::OSError, msg::kPipeClosed);
  if (!in_) return Outcome::fail(ErrorKind::OSError, msg::kPipeWrongDirection);
  return in_->recv(t, out);
}

void Pipe::End::close(ThreadContext& t) {
  closed_ = true;
  if (out_) out_->close(t);  // the peer's recv() sees EOF once drained
}

}  // namespace interleave::core
