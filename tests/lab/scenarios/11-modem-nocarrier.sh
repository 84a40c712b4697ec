DESCRIPTION="Broken twin: the modem answers NO CARRIER to the dial command"
EXPECT=down
EXPECT_EXIT=8 # connect script failed
EXPECT_LOG='Failed \(NO CARRIER\)'
EXPECT_DIAGNOSIS=chat-abort # chat logs to syslog only: ppptui must read it from there
EXPECT_CAUSE='NO CARRIER'
