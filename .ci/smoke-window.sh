#!/usr/bin/env bash
# Real-window smoke test: start NextCall on a private Xvfb display, wait for its main window,
# quit it with the real Ctrl+Q key combo (File > Quit), and check that it exited cleanly and
# created its database. Run from the repository root (.ci/run does).
#
# NEXTCALL_SMOKE_CMD overrides the command to start (default: .venv/bin/nextcall); it is split
# on whitespace and gets `--data-dir DIR` appended. Used to test this script with a stand-in.
# NEXTCALL_SMOKE_KEEP=1 keeps the temporary directory (data dir, app log, screenshot).
set -euo pipefail

WINDOW_TIMEOUT=30 # seconds to wait for the window
QUIT_TIMEOUT=10   # seconds to wait for the app to exit after Ctrl+Q

read -r -a app_cmd <<<"${NEXTCALL_SMOKE_CMD:-.venv/bin/nextcall}"

say() { printf 'smoke-window: %s\n' "$*"; }

xvfb_pid=""
app_pid=""
tmp=""
keep_tmp="${NEXTCALL_SMOKE_KEEP:-0}"

alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

cleanup() {
    local rc=$?
    if alive "$app_pid"; then
        kill -KILL "$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
    fi
    if alive "$xvfb_pid"; then
        kill -TERM "$xvfb_pid" 2>/dev/null || true
        wait "$xvfb_pid" 2>/dev/null || true
    fi
    if [ -n "$tmp" ] && [ -d "$tmp" ]; then
        if [ "$rc" -ne 0 ] || [ "$keep_tmp" = 1 ]; then
            say "kept $tmp"
        else
            rm -rf "$tmp"
        fi
    fi
    exit "$rc"
}
trap cleanup EXIT

fail() {
    say "FAIL: $*"
    if [ -n "$tmp" ] && [ -s "$tmp/app.log" ]; then
        say "last lines of the app's output ($tmp/app.log):"
        tail -n 40 "$tmp/app.log" | sed 's/^/    /'
    fi
    exit 1
}

for tool in Xvfb xdotool; do
    command -v "$tool" >/dev/null || fail "$tool is not installed"
done
if [ ! -x "${app_cmd[0]}" ] && ! command -v "${app_cmd[0]}" >/dev/null; then
    fail "cannot run ${app_cmd[0]} (no such executable; was the venv created?)"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nextcall-smoke.XXXXXX")

# --- a private X server on a free display number --------------------------------------------
start_xvfb() {
    local n
    for n in $(seq 90 160); do
        if [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; then
            continue
        fi
        Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
        xvfb_pid=$!
        local i
        for i in $(seq 1 100); do # up to 10 s for the socket
            if [ -S "/tmp/.X11-unix/X$n" ] && DISPLAY=":$n" xdotool getdisplaygeometry >/dev/null 2>&1; then
                display=":$n"
                return 0
            fi
            alive "$xvfb_pid" || break
            sleep 0.1
        done
        # Lost a race for this number, or Xvfb is broken: stop it and try the next number.
        kill -TERM "$xvfb_pid" 2>/dev/null || true
        wait "$xvfb_pid" 2>/dev/null || true
        xvfb_pid=""
    done
    return 1
}
display=""
start_xvfb || { cat "$tmp/xvfb.log" 2>/dev/null || true; fail "could not start Xvfb on any free display"; }
export DISPLAY="$display"
say "Xvfb running on $DISPLAY (pid $xvfb_pid)"

# --- the app -------------------------------------------------------------------------------
data_dir="$tmp/data"
mkdir -p "$data_dir" "$tmp/config" "$tmp/cache" "$tmp/state"
start=$EPOCHREALTIME
# Qt must pick xcb: no QT_QPA_PLATFORM (tests may set offscreen) and no Wayland session.
# XDG_* point into the temp dir so a run never touches the real user's settings.
env -u QT_QPA_PLATFORM -u WAYLAND_DISPLAY -u XDG_SESSION_TYPE \
    XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state" \
    "${app_cmd[@]}" --data-dir "$data_dir" </dev/null >"$tmp/app.log" 2>&1 &
app_pid=$!
say "started ${app_cmd[*]} --data-dir $data_dir (pid $app_pid)"

window=""
deadline=$((SECONDS + WINDOW_TIMEOUT))
while [ "$SECONDS" -lt "$deadline" ]; do
    if ! alive "$app_pid"; then
        rc=0
        wait "$app_pid" || rc=$?
        app_pid=""
        fail "the app exited with code $rc before showing a window named 'NextCall'"
    fi
    window=$(xdotool search --onlyvisible --name '^NextCall$' 2>/dev/null | head -n 1 || true)
    [ -n "$window" ] && break
    sleep 0.25
done
if [ -z "$window" ]; then
    titles=$(xdotool search --onlyvisible --name '.' getwindowname %@ 2>/dev/null | sort -u | head -n 10 || true)
    [ -n "$titles" ] && say "visible windows: $(printf '%s' "$titles" | tr '\n' '|')"
    fail "no visible window named exactly 'NextCall' within ${WINDOW_TIMEOUT} s"
fi
shown=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
say "window $window ($(xdotool getwindowgeometry "$window" 2>/dev/null | sed -n 's/.*Geometry: //p')) shown after ${shown} s"

# --- a screenshot, only with the real ImageMagick -------------------------------------------
if command -v xwd >/dev/null && convert -version 2>/dev/null | head -n 1 | grep -q 'ImageMagick'; then
    sleep 1 # let the first paint finish
    if xwd -root -silent | convert xwd:- "$tmp/screenshot.png" 2>/dev/null; then
        keep_tmp=1
        say "screenshot: $tmp/screenshot.png"
    else
        say "screenshot failed (ignored)"
    fi
else
    say "no screenshot (needs xwd from x11-apps and the real ImageMagick convert)"
fi

# --- quit with the real key combo -----------------------------------------------------------
# No window manager runs here, so focus the window directly (windowactivate needs a WM) and
# type Ctrl+Q through XTEST, as a person's keyboard would.
xdotool windowfocus --sync "$window" 2>/dev/null || xdotool windowfocus "$window" || true
sleep 0.3
xdotool key --clearmodifiers ctrl+q

exited=0
deadline=$((SECONDS + QUIT_TIMEOUT))
while [ "$SECONDS" -lt "$deadline" ]; do
    if ! alive "$app_pid"; then
        exited=1
        break
    fi
    sleep 0.2
done

if [ "$exited" -eq 0 ]; then
    say "the app did not exit within ${QUIT_TIMEOUT} s of Ctrl+Q; sending SIGTERM"
    kill -TERM "$app_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
        alive "$app_pid" || break
        sleep 0.1
    done
    if alive "$app_pid"; then
        say "still running 5 s after SIGTERM; killing it"
        kill -KILL "$app_pid" 2>/dev/null || true
    fi
    rc=0
    wait "$app_pid" || rc=$?
    app_pid=""
    fail "Ctrl+Q did not quit the app (exit code after SIGTERM: $rc)"
fi

rc=0
wait "$app_pid" || rc=$?
app_pid=""
[ "$rc" -eq 0 ] || fail "the app exited with code $rc after Ctrl+Q"
[ -f "$data_dir/nextcall.sqlite3" ] || fail "the app exited cleanly but did not create $data_dir/nextcall.sqlite3"

say "PASS: window 'NextCall' opened, Ctrl+Q quit the app with exit code 0, database created"
