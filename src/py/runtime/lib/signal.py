# signal for Interleave: the names and numbers of Linux's signals, for os.kill() and the
# exit codes of processes ended by one (-15 for SIGTERM). Handlers are not simulated.
SIGHUP = 1
SIGINT = 2
SIGQUIT = 3
SIGKILL = 9
SIGUSR1 = 10
SIGUSR2 = 12
SIGPIPE = 13
SIGALRM = 14
SIGTERM = 15
SIGCHLD = 17
NSIG = 65
_NAMES = {1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 9: "SIGKILL", 10: "SIGUSR1", 12: "SIGUSR2",
          13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM", 17: "SIGCHLD"}


def strsignal(signalnum):
    names = {1: "Hangup", 2: "Interrupt", 3: "Quit", 9: "Killed", 10: "User defined signal 1",
             12: "User defined signal 2", 13: "Broken pipe", 14: "Alarm clock", 15: "Terminated",
             17: "Child exited"}
    return names.get(signalnum)


def signal(signalnum, handler):
    raise NotImplementedError("signal handlers are not simulated by Interleave")


def getsignal(signalnum):
    return None
