DESCRIPTION="Broken twin: PPPoE segment with no access concentrator"
EXPECT=down
EXPECT_EXIT=8 # the plugin's discovery counts as a failed connect script
EXPECT_LOG='Timeout waiting for PADO packets'
EXPECT_DIAGNOSIS=pppoe-no-server
EXPECT_CAUSE='No PPPoE access concentrator answered'
