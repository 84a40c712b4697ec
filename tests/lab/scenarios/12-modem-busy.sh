DESCRIPTION="Broken twin: the modem answers BUSY to the dial command"
EXPECT=down
EXPECT_EXIT=8 # connect script failed
EXPECT_LOG='Failed \(BUSY\)'
EXPECT_DIAGNOSIS=chat-abort
EXPECT_CAUSE='BUSY'
