DESCRIPTION="Broken twin: PPTP with a password the server does not know"
EXPECT=down
# 19: we failed to authenticate to the peer. The server hangs up at the same moment; when its
# hangup reaches pppd before pppd has finished closing the link, pppd ends with 16 (Modem hangup)
# instead. Both are real (16 shows up when the machine is busy): the log line is the evidence.
EXPECT_EXIT='19|16'
EXPECT_LOG='MS-CHAP authentication failed: Access denied'
EXPECT_SERVER_LOG='Peer labuser failed CHAP authentication'
EXPECT_DIAGNOSIS=auth-rejected # ppptui's diagnosis code
EXPECT_CAUSE='MS-CHAP error 691'
# The same diagnosis in Simplified Chinese (ppptui --lang zh-CN explain, and LANG=zh_CN.UTF-8).
EXPECT_CAUSE_ZH='认证失败.*MS-CHAP 错误 691'
