"""Build the one-folder NextCall app with PyInstaller, then check that the result works.

    python3 packaging/build_bundle.py              build packaging/dist/nextcall/ and test it
    python3 packaging/build_bundle.py --no-smoke   build only

Needs only Python 3.11+ to start; everything else goes into a build venv:
 1. copy the sources into the work folder (so the build leaves nothing in the checkout) and
    install them, with the `bundle` extra (PyInstaller, Pillow), into the build venv: a regular
    install, so the bundle is made from what `pip install .` gives;
 2. render the icons (packaging/make_icons.py);
 3. run PyInstaller on packaging/nextcall.spec;
 4. smoke-test the bundle with a fresh temporary data folder: `--version`, `demo`, `packet`
    and `report` (PDFs with the bundled DejaVu fonts), then, on Linux with Xvfb and xdotool,
    the window (.ci/smoke-window.sh: the "NextCall" window opens, Ctrl+Q quits it cleanly, the
    database exists). On Linux as root the checks run with the build's Python, the build venv
    and the system's Python library folders hidden (a private mount namespace), which shows the
    bundle needs none of them.

The venv is kept and reused by the next build; the timings and the bundle's size are printed.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "packaging"
SOURCES = ("desktop", "resources", "pyproject.toml", "README.md", "LICENSE")
WINDOWS = sys.platform == "win32"
EXE_SUFFIX = ".exe" if WINDOWS else ""


class BuildError(Exception):
    """A step failed; the message says which and why."""


def say(message: str) -> None:
    print(f"build_bundle: {message}", flush=True)


@contextmanager
def step(name: str, timings: dict[str, float]) -> Iterator[None]:
    say(f"{name}...")
    start = time.monotonic()
    yield
    timings[name] = time.monotonic() - start
    say(f"{name}: done in {timings[name]:.1f} s")


def run(
    cmd: Sequence[str | Path],
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a command; raise BuildError with the end of its output when it fails."""
    args = [str(part) for part in cmd]
    result = subprocess.run(
        args, env=env, cwd=cwd, timeout=timeout, text=True, capture_output=True, check=False
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        tail = "\n".join(output.splitlines()[-40:])
        raise BuildError(f"{' '.join(args)} exited {result.returncode}:\n{tail}")
    return result


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if WINDOWS else "bin/python")


def install(work: Path, venv: Path) -> Path:
    """Install NextCall from a copy of the sources, with the bundle extra, into the venv."""
    source = work / "source"
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, source / name)
    python = venv_python(venv)
    if not python.exists():
        run([sys.executable, "-m", "venv", venv])
    pip = [python, "-m", "pip", "--disable-pip-version-check"]
    # The version does not change between builds: uninstall so pip installs these sources.
    run([*pip, "uninstall", "-q", "-y", "nextcall"])
    run([*pip, "install", "-q", f"{source}[bundle]"])
    return python


def bundle_size(folder: Path) -> int:
    """Bytes on disk: symbolic links (PyInstaller makes some for Qt's libraries) count once."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


# --------------------------------------------------------------------------------------------
# Running the bundle as a machine without Python would.


def python_folders(venv: Path, keep: Sequence[Path]) -> list[Path]:
    """Folders holding a Python installation here; none of them may contain `keep`."""
    candidates = {Path(sys.prefix), Path(sys.base_prefix), venv}
    for pattern in ("/usr/lib/python3*", "/usr/local/lib/python3*"):
        candidates.update(Path(p) for p in glob.glob(pattern))
    found = []
    for folder in sorted(p.resolve() for p in candidates if p.is_dir()):
        if any(k.resolve().is_relative_to(folder) for k in keep):
            continue  # the bundle (or the checkout) lives inside it: cannot hide that
        found.append(folder)
    return found


HIDE_SCRIPT = """
n=$1; shift
while [ "$n" -gt 0 ]; do
    mount -t tmpfs -o size=1m,mode=0755 nextcall-no-python "$1" || exit 97
    shift; n=$((n - 1))
done
exec "$@"
"""


def hiding_wrapper(folders: list[Path]) -> list[str]:
    """A command prefix that runs its command with `folders` emptied, or [] when impossible."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("unshare"):
        return []
    prefix = ["unshare", "--mount", "--propagation", "private", "sh", "-c", HIDE_SCRIPT, "sh"]
    prefix += [str(len(folders)), *map(str, folders)]
    probe = subprocess.run([*prefix, "true"], capture_output=True, check=False)
    return prefix if probe.returncode == 0 else []


def clean_env(home: Path) -> dict[str, str]:
    """The environment of a user who never installed Python, with settings kept in `home`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "CONDA", "PYENV", "NEXTCALL_", "XDG_"))
    }
    for name in ("CONFIG", "CACHE", "STATE", "DATA"):
        folder = home / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[f"XDG_{name}_HOME"] = str(folder)
    return env


def check_pdf(path: Path) -> None:
    data = path.read_bytes() if path.exists() else b""
    if not data.startswith(b"%PDF"):
        raise BuildError(f"{path} is not a PDF")
    if b"DejaVuSans" not in data:
        raise BuildError(f"{path} does not use the bundled DejaVu Sans font")


def smoke(bundle: Path, wrapper: list[str], scratch: Path) -> None:
    """Run the bundled commands and the window from a fresh data folder."""
    cli = bundle / f"nextcall{EXE_SUFFIX}"
    gui = bundle / f"nextcall-gui{EXE_SUFFIX}"
    data = scratch / "data"
    env = clean_env(scratch / "home")
    env["QT_QPA_PLATFORM"] = "offscreen"  # the commands open no window

    def bundled(*args: str) -> str:
        result = run([*wrapper, cli, *args], env=env, cwd=scratch, timeout=180)
        say(f"ok: nextcall {' '.join(args)}".replace(str(data), "DATA"))
        return result.stdout

    if wrapper:
        hidden = subprocess.run(
            [*wrapper, sys.executable, "-c", "pass"], env=env, capture_output=True, check=False
        )
        if hidden.returncode == 0:
            raise BuildError("Python still starts with its folders hidden: the check is void")
    version = bundled("--version")
    if not version.startswith("NextCall "):
        raise BuildError(f"`nextcall --version` printed {version!r}")
    bundled("--data-dir", str(data), "demo")
    if not (data / "nextcall.sqlite3").is_file():
        raise BuildError(f"`nextcall demo` created no database in {data}")
    bundled("--data-dir", str(data), "packet", "#1", "-o", str(data / "packet.pdf"))
    check_pdf(data / "packet.pdf")
    bundled("--data-dir", str(data), "report", "-o", str(data / "report.pdf"))
    check_pdf(data / "report.pdf")

    window_script = ROOT / ".ci" / "smoke-window.sh"
    tools = [shutil.which(name) for name in ("bash", "Xvfb", "xdotool")]
    if sys.platform.startswith("linux") and all(tools) and window_script.exists():
        env.pop("QT_QPA_PLATFORM")
        env["NEXTCALL_SMOKE_CMD"] = str(gui)
        result = subprocess.run(
            [*wrapper, "bash", str(window_script)],
            env=env,
            cwd=ROOT,
            text=True,
            capture_output=True,
            check=False,
            timeout=180,
        )
        print(result.stdout + result.stderr, end="", flush=True)
        if result.returncode != 0:
            raise BuildError(f"the window smoke test failed (exit {result.returncode})")
        say("ok: nextcall-gui under Xvfb (window shown, Ctrl+Q, database created)")
    else:
        say("window smoke test skipped: it needs Linux, bash, Xvfb and xdotool")


# --------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--work", type=Path, default=HERE / "build", help="build venv, sources, PyInstaller work"
    )
    parser.add_argument(
        "--venv", type=Path, help="the build venv, reused when it exists (default: WORK/venv)"
    )
    parser.add_argument(
        "--dist", type=Path, default=HERE / "dist", help="where nextcall/ is written"
    )
    parser.add_argument(
        "--icons", type=Path, default=HERE / "icons", help="where the icons are rendered"
    )
    parser.add_argument("--no-smoke", action="store_true", help="build without testing")
    return parser.parse_args(argv)


def build(args: argparse.Namespace) -> Path:
    work, dist = args.work.resolve(), args.dist.resolve()
    venv = (args.venv or work / "venv").resolve()
    timings: dict[str, float] = {}
    started = time.monotonic()
    with step("install NextCall and PyInstaller into the build venv", timings):
        python = install(work, venv)
    with step("render the icons", timings):
        run([python, HERE / "make_icons.py", args.icons.resolve()])
    with step("PyInstaller", timings):
        pyinstaller = [python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
        paths = ["--distpath", dist, "--workpath", work / "pyinstaller"]
        run([*pyinstaller, *paths, HERE / "nextcall.spec", "--", "--icons", args.icons.resolve()])
    bundle = dist / "nextcall"
    say(f"bundle: {bundle} ({bundle_size(bundle) / 2**20:.0f} MiB)")
    elapsed = time.monotonic() - started
    say(f"build time: {elapsed:.1f} s (PyInstaller {timings['PyInstaller']:.1f} s)")
    if args.no_smoke:
        return bundle
    with step("smoke test", timings), tempfile.TemporaryDirectory(prefix="nextcall-bundle-") as tmp:
        folders = python_folders(venv, keep=[bundle, ROOT, Path(tmp)])
        wrapper = hiding_wrapper(folders)
        if wrapper:
            say(f"running the bundle with these hidden: {', '.join(map(str, folders))}")
        else:
            say("cannot hide Python here (needs Linux, root and unshare): running it anyway")
        smoke(bundle, wrapper, Path(tmp))
    say(f"PASS in {time.monotonic() - started:.1f} s")
    return bundle


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        build(args)
    except BuildError as exc:
        say(f"FAIL: {exc}")
        return 1
    except subprocess.TimeoutExpired as exc:
        say(f"FAIL: {' '.join(map(str, exc.cmd))} did not finish within {exc.timeout} s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
