"""Run a command and measure the memory of its whole process tree (the process and every worker it starts).

``/usr/bin/time -v`` reports one figure, the largest resident set of any *single* process of
the tree (``ru_maxrss`` of the waited children): for ``kg build --workers 2`` that is the main
process or one worker, never their sum. This module reads ``/proc`` instead, every
``interval`` seconds while the command runs:

- ``largest``: the peak resident set of the largest single process (``ru_maxrss`` from ``wait4``,
  exact: the figure ``/usr/bin/time`` prints);
- ``main``: the peak resident set of the command's own process (``VmHWM``, last sampled);
- ``worker``: the largest such peak among its descendants (the extraction workers);
- ``tree``: the largest sum over the tree, at one sample, of each process's proportional set
  size (``Pss``: pages shared by the forked workers and the main process are split between
  them, not counted once per process), so it is what the build costs the machine.

Linux only (``/proc``); elsewhere the figures are 0.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass

__all__ = ["TreeMemory", "run_tree"]


@dataclass(frozen=True)
class TreeMemory:
    """Wall seconds, CPU seconds (user + system, of the process and the workers it waited for), exit status
    and the peaks in MB (see the module docstring)."""

    wall: float
    cpu: float
    status: int
    largest: float
    main: float
    worker: float
    tree: float
    processes: int


def run_tree(cmd: list[str], env: dict[str, str] | None = None, limit: float = 3600,
             interval: float = 0.25) -> TreeMemory:
    """Run ``cmd`` (stdout and stderr discarded) and return its :class:`TreeMemory`; stop it after ``limit`` s."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    hwm: dict[int, int] = {}
    tree_kb, seen = 0, set()
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > limit:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        pss = 0
        for child in _tree(proc.pid):
            seen.add(child)
            peak = _status_kb(child, "VmHWM")
            if peak:
                hwm[child] = max(hwm.get(child, 0), peak)
            pss += _pss_kb(child)
        tree_kb = max(tree_kb, pss)
        time.sleep(interval)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    main = hwm.pop(proc.pid, 0)
    return TreeMemory(wall, usage.ru_utime + usage.ru_stime, proc.returncode, usage.ru_maxrss / 1024, main / 1024,
                      max(hwm.values(), default=0) / 1024, tree_kb / 1024, len(seen))


def _tree(root: int) -> list[int]:
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return out


def _status_kb(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0
