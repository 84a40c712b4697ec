DESCRIPTION="Broken twin: PPTP to an address where nothing listens on TCP 1723"
EXPECT=down
EXPECT_EXIT=16 # modem hangup: pptp, pppd's pty helper, gave up
EXPECT_LOG='Connection refused'
EXPECT_DIAGNOSIS=pptp-connect-failed
EXPECT_CAUSE='refused the TCP connection on port 1723'
