"""A process's own peak resident size, for the benches that measure one call in a child.

Linux keeps `ru_maxrss` across exec: a child reports as its peak at least the RSS its parent
had when it forked, and a bench parent that has just filled a database or made a photo is
large. The kernel's VmHWM (/proc/self/status) can be started again from the current RSS by
writing 5 to /proc/self/clear_refs, so a child measures from just before the call. Linux only.
"""

from pathlib import Path


def restart_peak_rss() -> None:
    """Starts this process's peak RSS (VmHWM) again from its current RSS."""
    Path("/proc/self/clear_refs").write_text("5")


def status_kib(field: str) -> int:
    """A figure of /proc/self/status in KiB (VmRSS: now, VmHWM: the peak since the restart)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status (Linux only)")
