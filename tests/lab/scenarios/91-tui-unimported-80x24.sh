DESCRIPTION="An admin's first look: at 80x24, the hand-written myvpn peers file, never imported, is in the list; F5 brings it up (MTU 1412) and the file stays byte for byte as it was"
PROFILE=myvpn
EXPECT=up
EXPECT_LOCAL='198\.51\.100\.1[0-9]'
EXPECT_PEER=198.51.100.1
EXPECT_MTU=1412
EXPECT_DEFAULT_ROUTE=yes
EXPECT_LOG='MPPE 128-bit stateless compression enabled'

TUI_COLS=80 TUI_ROWS=24 TUI_IMPORT=no
# shellcheck source=../guest/tui.sh
. "$LAB_DIR/guest/tui.sh"
