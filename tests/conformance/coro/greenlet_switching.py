# Checks greenlet: switch passing values both ways, run returning to the parent, an exception propagating to the parent, GreenletExit thrown and returned quietly, ping-pong switching, and a subclass with run().
from greenlet import greenlet, getcurrent, GreenletExit
def test1(x, y):
    z = gr2.switch(x + y)
    print("test1 got", z)
    return "test1 done"
def test2(u):
    print("test2 got", u)
    v = gr1.switch(u * 10)
    print("never here")
gr1 = greenlet(test1)
gr2 = greenlet(test2)
print("main got", gr1.switch(1, 2))
print(gr1.dead, gr2.dead, bool(gr2))
main = getcurrent()
print(gr1.parent is main, main.parent)
def boom():
    raise ValueError("from greenlet")
try:
    greenlet(boom).switch()
except ValueError as e:
    print("propagated:", e)
def waiter():
    try:
        getcurrent().parent.switch("waiting")
    except GreenletExit:
        print("exiting quietly")
        return "bye"
w = greenlet(waiter)
print(w.switch())
print(w.throw())
print(w.dead)
def ping(n):
    for i in range(n):
        print("ping", i)
        pong.switch(i)
def pongf(first):
    i = first
    while True:
        print("pong", i)
        i = pinger.switch()
pinger = greenlet(ping)
pong = greenlet(pongf)
pinger.switch(3)
print("pinger dead", pinger.dead)
class Worker(greenlet):
    def run(self, a):
        return a * 2
print(Worker().switch(21))
