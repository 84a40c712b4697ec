namespace PppTui.Core.Tests.Status;

public class LinkIpv6Tests
{
    // Captured in the lab (scenario pppoe-ipv6: pppd 2.4.9 with +ipv6 on both ends, Linux 6.1, iproute2 6.1):
    // `ip -j addr show dev ppp0`; pppd sets its link-local address with the peer's as the other end.
    private const string PppoeWithIpv6 = """[{"ifindex":5,"ifname":"ppp0","flags":["POINTOPOINT","MULTICAST","NOARP","UP","LOWER_UP"],"mtu":1492,"qdisc":"pfifo_fast","operstate":"UNKNOWN","group":"default","txqlen":3,"link_type":"ppp","addr_info":[{"family":"inet","local":"203.0.113.10","address":"203.0.113.1","prefixlen":32,"scope":"global","label":"ppp0","valid_life_time":4294967295,"preferred_life_time":4294967295},{"family":"inet6","local":"fe80::3c8d:bece:e4ce:99b1","address":"fe80::b9a8:53b7:435d:65d7","prefixlen":128,"scope":"link","valid_life_time":4294967295,"preferred_life_time":4294967295}]}]""";

    // The same link's `ip -j -6 route show table main dev ppp0` (no "dev": ip filtered by it): host routes to both ends.
    private const string PppoeRoutes6 = """[{"dst":"fe80::3c8d:bece:e4ce:99b1","protocol":"kernel","metric":256,"flags":[],"pref":"medium"},{"dst":"fe80::b9a8:53b7:435d:65d7","protocol":"kernel","metric":256,"flags":[],"pref":"medium"}]""";

    // Made in the shape of the captured output (not captured): an older pppd sets the address alone (ioctl) and adds a /128 route to the peer with metric 1;
    // the ISP's router advertisement then gave a global address and a default route.
    private const string IoctlWithGlobal = """[{"ifindex":5,"ifname":"ppp1","flags":["POINTOPOINT","MULTICAST","NOARP","UP","LOWER_UP"],"mtu":1492,"operstate":"UNKNOWN","addr_info":[{"family":"inet","local":"203.0.113.11","address":"203.0.113.1","prefixlen":32,"scope":"global","label":"ppp1"},{"family":"inet6","local":"2001:db8:44:1:b0c2:8e2a:5f1d:4e77","prefixlen":64,"scope":"global","dynamic":true,"mngtmpaddr":true,"valid_life_time":86390,"preferred_life_time":14390},{"family":"inet6","local":"fe80::b0c2:8e2a:5f1d:4e77","prefixlen":128,"scope":"link","valid_life_time":4294967295,"preferred_life_time":4294967295}]}]""";

    private const string IoctlRoutes6 = """[{"dst":"fe80::b0c2:8e2a:5f1d:4e77","protocol":"kernel","metric":256,"flags":[],"pref":"medium"},{"dst":"2001:db8:44:1::/64","protocol":"ra","metric":256,"flags":[],"expires":86390,"pref":"medium"},{"dst":"fe80::6c4d:21ff:a39b:1c02","metric":1,"flags":[],"pref":"medium"},{"dst":"default","gateway":"fe80::6c4d:21ff:a39b:1c02","protocol":"ra","metric":1024,"flags":[],"expires":1790,"pref":"medium"}]""";

    private static IReadOnlyList<RouteEntry> Routes6(string json, string iface) =>
        IpOutput.ParseRoutes(json).Select(r => r with { Device = r.Device ?? iface }).ToList();

    [Fact]
    public void A_link_with_ipv6cp_up_shows_both_link_local_ends_and_the_route_to_the_peer()
    {
        var ppp0 = Assert.Single(IpOutput.ParseAddresses(PppoeWithIpv6));

        var v6 = LinkIpv6.Of("ppp0", ppp0, Routes6(PppoeRoutes6, "ppp0"), asked: true);

        Assert.Equal(Ipv6cpState.Up, v6.State);
        Assert.Equal("fe80::3c8d:bece:e4ce:99b1", v6.LinkLocal);
        Assert.Equal("fe80::b9a8:53b7:435d:65d7", v6.PeerLinkLocal);
        Assert.Empty(v6.Addresses);
        Assert.Equal(["fe80::3c8d:bece:e4ce:99b1 dev ppp0 proto kernel metric 256", "fe80::b9a8:53b7:435d:65d7 dev ppp0 proto kernel metric 256"], v6.Routes);
        Assert.Equal("IPV6CP up: link-local fe80::3c8d:bece:e4ce:99b1, peer fe80::b9a8:53b7:435d:65d7", v6.Summary);
        // The IPv4 address of the same interface is still the first IPv4 one.
        Assert.Equal("203.0.113.10", ppp0.FirstIPv4!.Local);
    }

    [Fact]
    public void Without_a_peer_end_on_the_address_the_peer_is_read_from_pppd_s_host_route_not_the_one_to_this_end_and_global_addresses_are_listed()
    {
        var ppp1 = Assert.Single(IpOutput.ParseAddresses(IoctlWithGlobal));

        var v6 = LinkIpv6.Of("ppp1", ppp1, Routes6(IoctlRoutes6, "ppp1"), asked: true);

        Assert.Equal(Ipv6cpState.Up, v6.State);
        Assert.Equal("fe80::b0c2:8e2a:5f1d:4e77", v6.LinkLocal);
        Assert.Equal("fe80::6c4d:21ff:a39b:1c02", v6.PeerLinkLocal);
        Assert.Equal(["2001:db8:44:1:b0c2:8e2a:5f1d:4e77/64"], v6.Addresses);
        Assert.Equal(4, v6.Routes.Count);
        Assert.Contains("default via fe80::6c4d:21ff:a39b:1c02 dev ppp1 proto ra metric 1024", v6.Routes);
        Assert.True(Routes6(IoctlRoutes6, "ppp1").Single(r => r.Gateway is not null).IsDefault);
    }

    [Fact]
    public void Ipv6_asked_for_but_without_a_link_local_address_is_not_up_and_says_why_from_pppd_s_lines()
    {
        var ppp0 = Assert.Single(IpOutput.ParseAddresses(IpJson.PppAddress("ppp0", "203.0.113.10", "203.0.113.1")));

        var unknown = LinkIpv6.Of("ppp0", ppp0, [], asked: true);
        var refused = LinkIpv6.Of("ppp0", ppp0, [], asked: true, ["Protocol-Reject for 'IPv6 Control Protocol' (0x8057) received"]);
        var silent = LinkIpv6.Of("ppp0", ppp0, [], asked: true, ["IPV6CP: timeout sending Config-Requests"]);

        Assert.All([unknown, refused, silent], v6 => Assert.Equal(Ipv6cpState.NotUp, v6.State));
        Assert.All([unknown, refused, silent], v6 => Assert.Null(v6.LinkLocal));
        Assert.Contains("ppp0 has no link-local address", unknown.Summary);
        Assert.Contains("the peer refused IPv6", refused.Summary);
        Assert.Contains("never answered IPV6CP", silent.Summary);
    }

    [Fact]
    public void An_ipv4_only_link_whose_options_do_not_ask_for_ipv6_says_it_is_off()
    {
        var ppp0 = Assert.Single(IpOutput.ParseAddresses(IpJson.PppAddress("ppp0", "198.51.100.10", "198.51.100.1")));

        var v6 = LinkIpv6.Of("ppp0", ppp0, [], asked: false);

        Assert.Equal(Ipv6cpState.Off, v6.State);
        Assert.Contains("+ipv6", v6.Summary);
    }

    [Theory]
    [InlineData("+ipv6\n", true)]
    [InlineData("ipv6 ::1,::2\n", true)]
    [InlineData("+ipv6\nnoipv6\n", false)]
    [InlineData("+ipv6\n-ipv6\n", false)]
    [InlineData("noipv6\n+ipv6\n", true)]
    [InlineData("noauth\n", false)]
    public void Whether_the_options_ask_for_ipv6_follows_pppd_s_last_word(string peers, bool asked)
    {
        using var sys = new FakeSystem().Peer("dsl", "plugin rp-pppoe.so\nnic-eth0\n" + peers);

        var options = new PeerOptions(new PeerOptionsFileReader(sys.Paths).Read("dsl"));

        Assert.Equal(asked, options.AsksIpv6);
    }
}
