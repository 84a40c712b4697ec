DESCRIPTION="A plain pppd peer at the far end of a pty"
EXPECT=up
EXPECT_LOCAL=192.0.2.98
EXPECT_PEER=192.0.2.97
EXPECT_MTU=1500
EXPECT_LOG='local  IP address 192\.0\.2\.98'
