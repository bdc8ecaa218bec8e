"""Child for the cold-start figure: ``python -m nextcall`` in-process, then its peak RSS.

Run with NEXTCALL_QUIT_AFTER_FIRST_PAINT=1: the app prints ``first-paint`` when its main window
is first painted and quits; this wrapper then prints ``peak-kb N`` (its own peak RSS).
"""

import resource
import sys

from nextcall.cli.main import main


def peak_kb() -> int:
    """This process's peak RSS since exec (VmHWM; ru_maxrss would include the parent's)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


code = main(sys.argv[1:])
print(f"peak-kb {peak_kb()}", flush=True)
sys.exit(code)
