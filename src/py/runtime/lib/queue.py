# queue for Interleave: the queues are the run's instrumented engine queues (_interleave),
# so the canvas shows their items, waiters and unfinished tasks.
import _interleave as _il

Empty = _il.Empty
Full = _il.Full
Queue = _il.Queue
LifoQueue = _il.LifoQueue
PriorityQueue = _il.PriorityQueue
SimpleQueue = _il.SimpleQueue
