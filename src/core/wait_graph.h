// core/wait_graph.h - the wait-for graph and deadlock reports.
//
// Edges go from a blocked thread to each thread it waits for: the owners of the
// primitive it is blocked on (a Lock's holder, an RLock's owner, a Semaphore's
// holders) or the thread it joins. A cycle is a deadlock among those threads.
#pragma once
#include <string>
#include <vector>

#include "core/base.h"

namespace interleave::core {

struct WaitEdge {
  ThreadId waiter = 0;
  ObjectId object = 0;  // 0 for a join
  ThreadId owner = 0;
  // Only `owner` can end this wait (a join, an RLock): a cycle of such edges is a deadlock
  // whatever else runs. A plain Lock may be released by any thread.
  bool owner_only = true;
};

struct WaitForGraph {
  std::vector<WaitEdge> edges;       // sorted by (waiter, object, owner)
  std::vector<ThreadId> blocked;     // every blocked thread, ascending
  // The first cycle found starting from the lowest thread id, as edges in order
  // (edge i's owner is edge i+1's waiter). Empty when there is none.
  std::vector<WaitEdge> find_cycle() const;
};

struct DeadlockReport {
  std::vector<WaitEdge> cycle;       // may be empty: blocked with nobody to blame
  std::vector<ThreadId> blocked;     // every live thread
  std::string description;           // "T1 waits for B held by T2; T2 waits for A held by T1"
};

}  // namespace interleave::core
