DESCRIPTION="Broken twin: PPTP with a password the server does not know"
EXPECT=down
EXPECT_EXIT=19 # we failed to authenticate to the peer
EXPECT_LOG='MS-CHAP authentication failed: Access denied'
EXPECT_SERVER_LOG='Peer labuser failed CHAP authentication'
