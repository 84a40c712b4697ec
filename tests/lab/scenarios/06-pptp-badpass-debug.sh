DESCRIPTION="Broken twin, with pppd's debug option: the server's failure packet carries E=691"
EXPECT=down
EXPECT_EXIT='19|16' # as for pptp-badpass; debug logging slows pppd, so 16 is more frequent here
EXPECT_LOG='rcvd \[CHAP Failure id=0x[0-9a-f]+ "E=691 R=1 .*M=Access denied"\]'
EXPECT_DIAGNOSIS=auth-rejected
EXPECT_CAUSE='MS-CHAP error 691'
