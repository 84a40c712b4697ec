DESCRIPTION="Broken twin: PPTP server that refuses MPPE"
EXPECT=down
EXPECT_EXIT='[0-9]+'
EXPECT_LOG='MPPE required but peer (refused|negotiation failed)'
