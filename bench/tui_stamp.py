#!/usr/bin/env python3
"""tui_stamp.py LOG: the pipe-pane end of bench_tui.sh.  Copies what the
program writes to its terminal (stdin) into nothing, and appends to LOG one
line per chunk read: the wall-clock time in nanoseconds and its size."""
import os
import sys
import time

out = open(sys.argv[1], "a", buffering=1)
fd = sys.stdin.fileno()
while True:
    b = os.read(fd, 65536)
    if not b:
        break
    out.write("%d %d\n" % (time.time_ns(), len(b)))
