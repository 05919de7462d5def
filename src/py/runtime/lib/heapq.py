# heapq: a binary min-heap over a list (heap[k] <= heap[2k+1] and heap[2k+2]).

def _sift_up(heap, pos):
    # move heap[pos] towards the root while it is smaller than its parent
    item = heap[pos]
    while pos > 0:
        parent = (pos - 1) >> 1
        p = heap[parent]
        if item < p:
            heap[pos] = p
            pos = parent
        else:
            break
    heap[pos] = item


def _sift_down(heap, pos):
    # move heap[pos] down to a leaf along the smaller children, then back up (as CPython)
    n = len(heap)
    start = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < n:
        right = child + 1
        if right < n and not heap[child] < heap[right]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    # sift item up from pos, stopping at start
    while pos > start:
        parent = (pos - 1) >> 1
        p = heap[parent]
        if item < p:
            heap[pos] = p
            pos = parent
        else:
            break
    heap[pos] = item


def _check_list(heap):
    if not isinstance(heap, list):
        raise TypeError("heap argument must be a list")


def heappush(heap, item):
    _check_list(heap)
    heap.append(item)
    _sift_up(heap, len(heap) - 1)


def heappop(heap):
    _check_list(heap)
    if not heap:
        raise IndexError("index out of range")
    last = heap.pop()
    if heap:
        top = heap[0]
        heap[0] = last
        _sift_down(heap, 0)
        return top
    return last


def heapreplace(heap, item):
    _check_list(heap)
    if not heap:
        raise IndexError("index out of range")
    top = heap[0]
    heap[0] = item
    _sift_down(heap, 0)
    return top


def heappushpop(heap, item):
    _check_list(heap)
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _sift_down(heap, 0)
    return item


def heapify(x):
    _check_list(x)
    for i in reversed(range(len(x) // 2)):
        _sift_down(x, i)


def nlargest(n, iterable, key=None):
    return sorted(iterable, key=key, reverse=True)[:max(n, 0)]


def nsmallest(n, iterable, key=None):
    return sorted(iterable, key=key)[:max(n, 0)]


def merge(*iterables, key=None, reverse=False):
    its = [iter(x) for x in iterables]
    return _merge(its, key, reverse)


_done = object()

def _merge(its, key, reverse):
    heads = []
    for it in its:
        x = next(it, _done)
        heads.append(x)
    while True:
        best = -1
        best_key = None
        for i in range(len(heads)):
            x = heads[i]
            if x is _done:
                continue
            k = x if key is None else key(x)
            if best < 0 or (best_key < k if reverse else k < best_key):
                best = i
                best_key = k
        if best < 0:
            return
        yield heads[best]
        heads[best] = next(its[best], _done)
