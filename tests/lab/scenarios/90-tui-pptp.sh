DESCRIPTION="The full-screen app under tmux: Connect myvpn (F5), the IP pane shows ppp0, its address and MTU 1412, the log pane the MPPE line, Disconnect (F8)"
PROFILE=myvpn
EXPECT=up
EXPECT_LOCAL='198\.51\.100\.1[0-9]'
EXPECT_PEER=198.51.100.1
EXPECT_MTU=1412
EXPECT_DEFAULT_ROUTE=yes
EXPECT_LOG='MPPE 128-bit stateless compression enabled'

TUI_COLS=120 TUI_ROWS=40 TUI_IMPORT=yes
# shellcheck source=../guest/tui.sh
. "$LAB_DIR/guest/tui.sh"
