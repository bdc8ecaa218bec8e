#!/bin/sh
# Put NextCall in the current user's application menu: its .desktop file, AppStream metainfo
# and icon, under ${XDG_DATA_HOME:-~/.local/share}. Needs no root.
#
#   sh packaging/linux/install.sh                 after `pipx install .` (nextcall-gui on PATH)
#   sh packaging/linux/install.sh --bundle DIR    for the one-folder bundle in DIR
#                                                 (DIR holds nextcall-gui, e.g. packaging/dist/nextcall)
#   sh packaging/linux/install.sh --uninstall     take them out of the menu again
#
# Neither way touches your NextCall data (its folder is shown in the app's status bar).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
desktop=$(ls "$here"/*.desktop)
app_id=$(basename "$desktop" .desktop)
data=${XDG_DATA_HOME:-$HOME/.local/share}
icons="$data/icons/hicolor"

usage() {
    echo "usage: sh $0 [--bundle DIR | --uninstall]" >&2
    exit 2
}

refresh() {
    # Menus and icon caches pick the change up sooner; both tools are optional.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$data/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$icons/index.theme" ]; then
        gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
    fi
}

exec_line="Exec=nextcall-gui"
case "${1:-}" in
"") ;;
--bundle)
    [ $# -eq 2 ] || usage
    bundle=$(cd "$2" 2>/dev/null && pwd) || { echo "install.sh: no folder $2" >&2; exit 1; }
    [ -x "$bundle/nextcall-gui" ] || { echo "install.sh: $bundle has no nextcall-gui" >&2; exit 1; }
    case "$bundle" in
    *[\"\`\$\\]*) echo "install.sh: the folder's path may not contain \" \` \$ or \\" >&2; exit 1 ;;
    esac
    exec_line="Exec=\"$bundle/nextcall-gui\""
    ;;
--uninstall)
    [ $# -eq 1 ] || usage
    rm -f "$data/applications/$app_id.desktop" "$data/metainfo/$app_id.metainfo.xml"
    rm -f "$icons"/*/apps/"$app_id".png "$icons/scalable/apps/$app_id.svg"
    refresh
    echo "install.sh: removed NextCall from the menu of $(id -un)"
    exit 0
    ;;
*) usage ;;
esac

mkdir -p "$data/applications" "$data/metainfo" "$icons/scalable/apps"
sed "s|^Exec=.*|$exec_line|" "$desktop" >"$data/applications/$app_id.desktop"
cp "$here/$app_id.metainfo.xml" "$data/metainfo/$app_id.metainfo.xml"
cp "$root/resources/icons/nextcall.svg" "$icons/scalable/apps/$app_id.svg"
# Bitmaps too when packaging/make_icons.py has rendered them (the bundle build does).
for png in "$root"/packaging/icons/nextcall-*.png; do
    [ -f "$png" ] || continue
    size=${png##*-}
    size=${size%.png}
    case "$size" in
    16 | 22 | 24 | 32 | 48 | 64 | 128 | 256 | 512) ;; # the sizes the hicolor theme lists
    *) continue ;;
    esac
    mkdir -p "$icons/${size}x${size}/apps"
    cp "$png" "$icons/${size}x${size}/apps/$app_id.png"
done
refresh
echo "install.sh: NextCall is in the menu of $(id -un) ($data/applications/$app_id.desktop)"
