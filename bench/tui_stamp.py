#!/usr/bin/env python3
"""tui_stamp.py LOG: the pipe-pane end of bench_tui.sh.  Reads what the
program writes to its terminal (stdin) and appends to LOG one line per
chunk read: the wall-clock time in nanoseconds and its size.  It runs for
the life of the pane (started once, LOG.ready made when it reads), so its
own start never delays a stamp."""
import os
import sys
import time

out = open(sys.argv[1], "a", buffering=1)
open(sys.argv[1] + ".ready", "w").close()   # bench_tui.sh waits for this
fd = sys.stdin.fileno()
while True:
    b = os.read(fd, 65536)
    if not b:
        break
    out.write("%d %d\n" % (time.time_ns(), len(b)))
