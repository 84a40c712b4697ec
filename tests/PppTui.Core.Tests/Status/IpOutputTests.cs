namespace PppTui.Core.Tests.Status;

public class IpOutputTests
{
    // Captured from `ip -j addr show dev lo` on Debian 12 (iproute2 6.1).
    private const string Loopback = """[{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":65536,"qdisc":"noqueue","operstate":"UNKNOWN","group":"default","txqlen":1000,"link_type":"loopback","address":"00:00:00:00:00:00","broadcast":"00:00:00:00:00:00","addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8,"scope":"host","label":"lo","valid_life_time":4294967295,"preferred_life_time":4294967295},{"family":"inet6","local":"::1","prefixlen":128,"scope":"host","valid_life_time":4294967295,"preferred_life_time":4294967295}]}]""";

    // Captured from `ip -j route show table main` on the same host.
    private const string HostRoutes = """[{"dst":"default","gateway":"192.0.2.1","dev":"eth0","flags":[]},{"dst":"192.0.2.0/24","dev":"eth0","protocol":"kernel","scope":"link","prefsrc":"192.0.2.2","flags":[]}]""";

    [Fact]
    public void A_point_to_point_address_gives_the_local_and_the_peer_end()
    {
        var iface = Assert.Single(IpOutput.ParseAddresses(IpJson.PppAddress("ppp0", "198.51.100.10", "198.51.100.1")));

        Assert.Equal("ppp0", iface.Name);
        Assert.Equal(1412, iface.Mtu);
        Assert.Contains("UP", iface.Flags);
        Assert.Equal(new InterfaceAddress("inet", "198.51.100.10", "198.51.100.1", 32), iface.FirstIPv4);
    }

    [Fact]
    public void An_ordinary_address_has_no_peer_and_ipv6_is_kept_apart()
    {
        var lo = Assert.Single(IpOutput.ParseAddresses(Loopback));

        Assert.Equal(new InterfaceAddress("inet", "127.0.0.1", null, 8), lo.FirstIPv4);
        Assert.Equal(2, lo.Addresses.Count);
        Assert.Null(Assert.Single(IpOutput.ParseAddresses(IpJson.NoAddress("ppp0"))).FirstIPv4);
    }

    [Fact]
    public void Routes_parse_with_their_gateway_device_and_source()
    {
        var routes = IpOutput.ParseRoutes(HostRoutes);

        Assert.Equal(2, routes.Count);
        Assert.True(routes[0].IsDefault);
        Assert.Equal("default via 192.0.2.1 dev eth0", routes[0].ToString());
        Assert.Equal("192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.2", routes[1].ToString());
    }

    [Fact]
    public void The_effective_default_route_is_the_one_with_the_lowest_metric()
    {
        var routes = IpOutput.ParseRoutes(IpJson.Routes(
            """{"dst":"default","dev":"ppp0","scope":"link","metric":50,"flags":[]}"""));

        Assert.Equal("ppp0", IpOutput.EffectiveDefault(routes)!.Device);
        Assert.Equal("eth0", IpOutput.EffectiveDefault(IpOutput.ParseRoutes(HostRoutes))!.Device);
        Assert.Null(IpOutput.EffectiveDefault([]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"a\":1}")]
    [InlineData("[{\"ifname\":")]
    public void Output_that_is_not_ip_json_reads_as_nothing(string text)
    {
        Assert.Empty(IpOutput.ParseAddresses(text));
        Assert.Empty(IpOutput.ParseRoutes(text));
    }

    [Fact]
    public void The_commands_are_argument_lists_without_a_shell()
    {
        Assert.Equal(["-j", "addr", "show", "dev", "ppp0"], IpCommands.AddressesOf("ppp0").Arguments);
        Assert.Equal(["-j", "route", "show", "table", "main"], IpCommands.MainRoutes().Arguments);
        Assert.Equal(["dns", "ppp0", "198.51.100.53", "198.51.100.54"], IpCommands.ApplyLinkDns("ppp0", ["198.51.100.53", "198.51.100.54"]).Arguments);
        var resolvconf = IpCommands.ApplyResolvconfDns("ppp0", ["198.51.100.53"]);
        Assert.Equal(["-a", "ppp0.pppd"], resolvconf.Arguments);
        Assert.Equal("nameserver 198.51.100.53\n", resolvconf.StandardInput);
    }
}

public class DnsStateTests
{
    [Fact]
    public void A_plain_resolv_conf_and_the_peers_servers_are_read()
    {
        using var sys = new FakeSystem()
            .File_("/etc/resolv.conf", "# generated\nsearch example.com\nnameserver 192.0.2.53\nnameserver 192.0.2.54 # second\n")
            .File_("/etc/ppp/resolv.conf", "nameserver 198.51.100.53\n");

        var dns = DnsState.Read(sys.Paths);

        Assert.Equal(DnsManager.Plain, dns.Manager);
        Assert.Equal(["192.0.2.53", "192.0.2.54"], dns.SystemServers);
        Assert.Equal(["198.51.100.53"], dns.PeerServers);
    }

    [Fact]
    public void A_resolv_conf_linked_to_the_resolved_stub_means_systemd_resolved()
    {
        using var sys = new FakeSystem().File_("/run/systemd/resolve/stub-resolv.conf", "nameserver 127.0.0.53\noptions edns0\n");
        Directory.CreateDirectory(sys.Paths.Under("/etc"));
        File.CreateSymbolicLink(sys.Paths.Under("/etc/resolv.conf"), "../run/systemd/resolve/stub-resolv.conf");

        var dns = DnsState.Read(sys.Paths);

        Assert.Equal(DnsManager.SystemdResolved, dns.Manager);
        Assert.Equal(["127.0.0.53"], dns.SystemServers);
        Assert.Equal("../run/systemd/resolve/stub-resolv.conf", dns.ResolvConfLinkTarget);
    }

    [Fact]
    public void An_absolute_link_is_followed_under_the_root_not_on_the_live_system()
    {
        using var sys = new FakeSystem().File_("/run/systemd/resolve/resolv.conf", "nameserver 192.0.2.99\n");
        Directory.CreateDirectory(sys.Paths.Under("/etc"));
        File.CreateSymbolicLink(sys.Paths.Under("/etc/resolv.conf"), "/run/systemd/resolve/resolv.conf");

        var dns = DnsState.Read(sys.Paths);

        Assert.Equal(DnsManager.SystemdResolved, dns.Manager);
        Assert.Equal(["192.0.2.99"], dns.SystemServers);
    }

    [Fact]
    public void The_resolved_stub_address_alone_also_means_systemd_resolved()
    {
        using var sys = new FakeSystem().File_("/etc/resolv.conf", "nameserver 127.0.0.53\n");

        Assert.Equal(DnsManager.SystemdResolved, DnsState.Read(sys.Paths).Manager);
    }

    [Fact]
    public void A_resolvconf_run_folder_means_resolvconf_and_its_record_for_the_link_is_found()
    {
        using var sys = new FakeSystem()
            .File_("/etc/resolv.conf", "nameserver 192.0.2.53\n")
            .File_("/run/resolvconf/interface/ppp0.pppd", "nameserver 198.51.100.53\n")
            .File_("/run/resolvconf/interface/eth0.dhclient", "nameserver 192.0.2.53\n");

        Assert.Equal(DnsManager.Resolvconf, DnsState.Read(sys.Paths).Manager);
        Assert.Equal(["198.51.100.53"], DnsState.ResolvconfServersFor(sys.Paths, "ppp0"));
        Assert.Empty(DnsState.ResolvconfServersFor(sys.Paths, "ppp1"));
    }

    [Fact]
    public void Resolvectl_output_gives_the_links_servers()
    {
        Assert.Equal(["198.51.100.53", "198.51.100.54"], DnsState.ParseResolvectlDns("Link 5 (ppp0): 198.51.100.53 198.51.100.54\n"));
        Assert.Empty(DnsState.ParseResolvectlDns("Link 5 (ppp0):\n"));
        Assert.Equal(["192.0.2.53"], DnsState.ParseResolvectlDns("Global: 192.0.2.1\nLink 2 (eth0): 192.0.2.53#dns.example\n"));
    }

    [Fact]
    public void No_resolv_conf_reads_as_no_servers_and_no_manager()
    {
        using var sys = new FakeSystem();

        var dns = DnsState.Read(sys.Paths);

        Assert.Empty(dns.SystemServers);
        Assert.Empty(dns.PeerServers);
        Assert.Equal(DnsManager.Missing, dns.Manager);
    }
}

public class InterfaceCountersTests
{
    [Fact]
    public void I_can_read_an_interfaces_mtu_flags_and_byte_counters()
    {
        using var sys = new FakeSystem().Interface("ppp0", mtu: 1412, flags: 0x10d1, rx: 12345, tx: 678);
        var at = DateTimeOffset.UnixEpoch;

        var counters = InterfaceCounters.Read(sys.Paths, "ppp0", at);

        Assert.True(counters.Exists);
        Assert.True(counters.IsUp);
        Assert.True(counters.IsRunning);
        Assert.Equal(1412, counters.Mtu);
        Assert.Equal(12345, counters.RxBytes);
        Assert.Equal(678, counters.TxBytes);
        Assert.Equal("unknown", counters.OperState);
    }

    [Fact]
    public void An_interface_that_is_down_or_missing_says_so()
    {
        using var sys = new FakeSystem().Interface("ppp0", flags: 0x1090);

        Assert.False(InterfaceCounters.Read(sys.Paths, "ppp0", default).IsUp);
        Assert.False(InterfaceCounters.Read(sys.Paths, "ppp9", default).Exists);
        Assert.False(InterfaceCounters.Read(sys.Paths, "../etc", default).Exists);
    }

    [Fact]
    public void Rates_are_the_change_in_bytes_over_the_time_between_samples()
    {
        var t0 = DateTimeOffset.UnixEpoch;
        var before = new InterfaceCounters("ppp0", true, 1500, "up", 1, 1000, 500, t0);
        var after = before with { RxBytes = 3000, TxBytes = 1500, At = t0.AddSeconds(2) };

        var rates = TrafficRates.Between(before, after)!;

        Assert.Equal(1000, rates.RxBytesPerSecond);
        Assert.Equal(500, rates.TxBytesPerSecond);
        Assert.Null(TrafficRates.Between(after, before));
        Assert.Null(TrafficRates.Between(before, after with { RxBytes = 10 }));
        Assert.Null(TrafficRates.Between(before, after with { Name = "ppp1" }));
    }
}
