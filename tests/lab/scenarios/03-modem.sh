DESCRIPTION="Cellular modem: chat dials *99# through the AT responder, pppd takes the line"
EXPECT=up
EXPECT_LOCAL=192.0.2.66
EXPECT_PEER=192.0.2.65
EXPECT_MTU=1500
EXPECT_DEFAULT_ROUTE=yes
EXPECT_DNS=192.0.2.53
EXPECT_LOG='Serial connection established'
