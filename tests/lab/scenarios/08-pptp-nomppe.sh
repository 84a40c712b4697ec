DESCRIPTION="Broken twin: PPTP server that refuses MPPE"
EXPECT=down
EXPECT_EXIT=10 # negotiation failed before any network protocol came up
EXPECT_LOG='MPPE required but peer (refused|negotiation failed)'
EXPECT_DIAGNOSIS=mppe-refused
EXPECT_CAUSE='server refused it'
