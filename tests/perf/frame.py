#!/usr/bin/python3
"""First frame in tmux, for tests/perf/bench.sh.

usage: frame.py SOCKET SESSION COLS ROWS MARKER RUNS COMMAND [QUIT]

Through a tmux control client attached to SESSION on the server SOCKET,
opens a window of COLS x ROWS running a shell that waits for a line and
then execs COMMAND; sends that line and times, from the moment it is sent,
until MARKER (plain text, escape sequences removed) has appeared in the
window's output. Prints one time in microseconds a line, RUNS lines (none
for a run whose MARKER has not shown after 10 seconds). No
process is started to poll, so the time is the program's plus tmux's own
handling, the same for every program measured. QUIT, keys for send-keys,
ends the program before its window is closed (calcurse leaves its lock file
behind otherwise). With FRAME_SAVE=FILE in the environment, the bytes the
last run wrote up to its MARKER are saved in FILE (for
tests/perf/frame-floor.c).
"""
import os
import re
import select
import shlex
import subprocess
import sys
import time

ESCAPES = re.compile(r"\x1b(\[[0-9;?]*[@-~]|\][^\x07]*\x07|[()][0-9A-Za-z]|.)")


def unescape(data):
    """tmux writes bytes below 32 and the backslash as \\ooo."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), data)


class Control:
    def __init__(self, socket, session):
        self.proc = subprocess.Popen(
            ["tmux", "-L", socket, "-f", "/dev/null", "-C", "attach", "-t", session],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            bufsize=0)

    def send(self, command):
        self.proc.stdin.write((command + "\n").encode())

    def line(self, timeout=None):
        """The next line; None when none came within timeout seconds."""
        if timeout is not None and not select.select([self.proc.stdout], [], [], max(timeout, 0))[0]:
            return None
        raw = self.proc.stdout.readline()
        if not raw:
            raise EOFError("tmux control client ended")
        # Bytes as they came: a character may be split between two lines.
        return raw.decode("utf-8", "surrogateescape").rstrip("\n")

    def command(self, command):
        """Runs a command, returns its output lines (our replies end in 1)."""
        self.send(command)
        out, inside = [], False
        while True:
            line = self.line()
            if line.startswith("%begin ") and line.endswith(" 1"):
                inside = True
            elif (line.startswith("%end ") or line.startswith("%error ")) and line.endswith(" 1"):
                return out
            elif inside:
                out.append(line)


def main():
    if len(sys.argv) not in (8, 9):
        sys.exit(__doc__)
    socket, session, cols, rows, marker, runs, command = sys.argv[1:8]
    quit_keys = sys.argv[8] if len(sys.argv) == 9 else None
    save = os.environ.get("FRAME_SAVE")
    ctl = Control(socket, session)
    for i in range(int(runs)):
        pane = ctl.command("new-window -d -P -F '#{pane_id}' -n frame%d %s"
                           % (i, shlex.quote("read -r _; exec " + command)))[0]
        ctl.command("resize-window -t %s -x %s -y %s" % (pane, cols, rows))
        time.sleep(0.05)  # the shell is waiting for its line
        seen = ""
        start = time.monotonic()
        ctl.send("send-keys -t %s Enter" % pane)
        deadline = start + 10
        elapsed = None
        while time.monotonic() < deadline:
            line = ctl.line(deadline - time.monotonic())
            if line is None:
                break
            prefix = "%%output %s " % pane
            if not line.startswith(prefix):
                continue
            seen += unescape(line[len(prefix):])
            if marker in ESCAPES.sub("", seen):
                elapsed = time.monotonic() - start
                break
        if quit_keys:
            ctl.command("send-keys -t %s %s" % (pane, quit_keys))
            time.sleep(0.3)
        ctl.command("kill-window -t %s" % pane)
        if elapsed is not None:
            print(int(elapsed * 1e6))
            if save:
                with open(save, "wb") as out:
                    out.write(seen.encode("utf-8", "surrogateescape"))
    ctl.proc.stdin.close()
    ctl.proc.wait()


if __name__ == "__main__":
    main()
