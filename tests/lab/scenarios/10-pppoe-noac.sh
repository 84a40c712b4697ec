DESCRIPTION="Broken twin: PPPoE segment with no access concentrator"
EXPECT=down
EXPECT_EXIT='[0-9]+'
EXPECT_LOG='Timeout waiting for PADO packets'
