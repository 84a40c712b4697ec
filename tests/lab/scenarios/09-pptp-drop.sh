DESCRIPTION="Broken twin: PPTP server that drops the link 12 seconds after it came up"
EXPECT=drop
EXPECT_LOCAL='198\.51\.100\.2[0-9]'
EXPECT_PEER=198.51.100.1
EXPECT_MTU=1412
EXPECT_EXIT=16 # modem hangup: pptp exits when the server closes the call
DROP_LIMIT=30
EXPECT_LOG='terminated by peer'
# After the drop, ppptui status and explain say the server ended it.
EXPECT_DIAGNOSIS='terminated-by-peer|pptp-control-lost|modem-hangup'
EXPECT_CAUSE='closed'
