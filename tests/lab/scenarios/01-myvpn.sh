DESCRIPTION="PPTP office VPN with the field report's own profile (MS-CHAPv2, MPPE-128, mtu 1416)"
EXPECT=up
EXPECT_LOCAL='198\.51\.100\.1[0-9]'
EXPECT_PEER=198.51.100.1
EXPECT_MTU=1412 # MPPE takes 4 bytes of the configured 1416
EXPECT_DEFAULT_ROUTE=yes
EXPECT_DNS=198.51.100.53
EXPECT_LOG='MPPE 128-bit stateless compression enabled'
