DESCRIPTION="Broken twin, with pppd's debug option: the server's failure packet carries E=691"
EXPECT=down
# 19: we failed to authenticate. The server hangs up at the same moment, and when its hangup
# reaches pppd before pppd has finished closing the link, pppd ends with 16 (Modem hangup)
# instead. Both happen here (debug logging slows pppd down); a diagnosis must read the log line.
EXPECT_EXIT='19|16'
EXPECT_LOG='rcvd \[CHAP Failure id=0x[0-9a-f]+ "E=691 R=1 .*M=Access denied"\]'
