// Greenlets: coroutines with their own stack of frames, switched by hand within one thread
// (the greenlet package's model, under gevent too). Python frames live on the heap, so a
// greenlet is simply the frames (and handled exceptions) of a thread set aside: switching
// swaps them with the thread's, and the dispatch loop goes on in the other greenlet's top
// frame. A greenlet's first frame calls its `run`; when it returns (or raises), control and
// the value (or the exception) go to its parent, as in the greenlet package.
#pragma once
#include <string>
#include <vector>

#include "py/vm.h"

namespace interleave::py {

struct GreenletState {
  Value obj;                       // the Python greenlet object
  Value run;                       // what its first switch calls
  GreenletState* parent = nullptr; // where control goes when it ends
  Thread* thread = nullptr;        // greenlets never cross threads
  std::vector<Frame*> frames;      // its frames while it is switched out
  std::vector<Value> exc_stack;
  bool started = false;
  bool dead = false;
  bool is_main = false;            // the thread's own greenlet (its frames are the thread's)
  size_t index = 0;                // its handle (VM::greenlets)
  int64_t trace_slot = 0;          // VmConfig::on_coroutine's key for it (the main greenlet is never
                                   // reported: it is the thread's own code)
};

// The state behind the Python greenlet object `obj` (its `_handle`), or null when `obj` is
// not a greenlet of this VM. For the runtime's step mode, which reads gevent's hub.
GreenletState* greenlet_state(VM& vm, const Value& obj);
// A greenlet's label in views: a gevent Greenlet's `name`, else its type and handle
// (`Hub-1`, `greenlet-3`).
std::string greenlet_label(VM& vm, const GreenletState& g);

// The natives of module _greenlet (installed by install_modules): new, switch, throw,
// current, and the state greenlet.py reads.
void install_greenlet_natives(VM& vm, ModuleObj* m);

}  // namespace interleave::py
