namespace PppTui.Core.Tests.Status;

public class LinkStatusReaderTests
{
    private const string SeedPeer = "linkname myvpn\npty \"pptp vpn.example.com --nolaunchpppd\"\nusepeerdns\nrequire-mppe-128\ndefaultroute\nmtu 1416\n";

    private static FakeSystem UpPptp() => new FakeSystem()
        .Peer("myvpn", SeedPeer)
        .Pppd(7001, "call", "myvpn", "updetach", "linkname", "myvpn")
        .LinkPidFile("myvpn", 7001, "ppp0").InterfacePidFile("ppp0", 7001)
        .Interface("ppp0", mtu: 1412, rx: 5000, tx: 2000)
        .File_("/etc/resolv.conf", "nameserver 192.0.2.53\n")
        .File_("/etc/ppp/resolv.conf", "nameserver 198.51.100.53\n");

    private static FakeCommandRunner Runner(string routes) => new()
    {
        Run = FakeCommandRunner.Ip(routes, iface => IpJson.PppAddress(iface, "198.51.100.10", "198.51.100.1")),
    };

    [Fact]
    public async Task The_box_s_interfaces_are_read_with_one_ip_call_with_their_state_and_ppp_links_first()
    {
        using var sys = new FakeSystem();
        const string all = """
            [{"ifname":"lo","flags":["LOOPBACK","UP"],"mtu":65536,"operstate":"UNKNOWN","addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8}]},
             {"ifname":"eth0","flags":["UP"],"mtu":1500,"operstate":"UP","addr_info":[{"family":"inet","local":"192.0.2.10","prefixlen":24}]},
             {"ifname":"ppp0","flags":["POINTOPOINT","UP"],"mtu":1412,"operstate":"UNKNOWN","addr_info":[{"family":"inet","local":"198.51.100.10","address":"198.51.100.1","prefixlen":32}]}]
            """;
        var runner = new FakeCommandRunner { Run = spec => spec.Arguments.SequenceEqual(["-j", "addr", "show"]) ? FakeCommandRunner.Ok(all) : new(1, "", "", TimeSpan.Zero) };
        var reader = new LinkStatusReader(sys.Paths, runner, new PeerOptionsFileReader(sys.Paths));

        var interfaces = await reader.ReadInterfacesAsync();

        Assert.Equal(["ppp0", "lo", "eth0"], interfaces.Select(i => i.Name));
        Assert.Equal(["UNKNOWN", "UNKNOWN", "UP"], interfaces.Select(i => i.State));
        Assert.Equal("198.51.100.1", interfaces[0].Addresses[0].Peer);
        var spec = Assert.Single(runner.Specs);
        Assert.Equal("ip", spec.Program);
    }

    [Fact]
    public async Task When_ip_fails_there_are_no_interfaces_rather_than_an_error()
    {
        using var sys = new FakeSystem();
        var runner = new FakeCommandRunner { Run = _ => new(1, "", "ip: not found", TimeSpan.Zero) };
        var reader = new LinkStatusReader(sys.Paths, runner, new PeerOptionsFileReader(sys.Paths));
        Assert.Empty(await reader.ReadInterfacesAsync());
    }

    [Fact]
    public async Task An_up_link_shows_interface_addresses_mtu_reason_routes_default_owner_dns_and_pid()
    {
        using var sys = UpPptp();
        var routes = IpJson.Routes(IpJson.PeerRoute("198.51.100.1", "ppp0", "198.51.100.10"),
            """{"dst":"default","dev":"ppp0","scope":"link","metric":0,"flags":[]}""");
        var reader = new LinkStatusReader(sys.Paths, Runner(routes), new PeerOptionsFileReader(sys.Paths));

        var status = Assert.Single((await reader.ReadAllAsync(new LinkDiscovery(sys.Paths).Scan())).Links);

        Assert.Equal(LinkState.Up, status.State);
        Assert.Equal("myvpn", status.Name);
        Assert.Equal(7001, status.Pid);
        Assert.Equal("ppp0", status.Interface);
        Assert.Equal("198.51.100.10", status.LocalAddress);
        Assert.Equal("198.51.100.1", status.PeerAddress);
        Assert.Equal(1412, status.Mtu);
        Assert.Equal(1416, status.ConfiguredMtu);
        Assert.Equal("1416 configured, 1412 after MPPE (MPPE takes 4 bytes)", status.MtuNote);
        Assert.Equal(5000, status.RxBytes);
        Assert.Equal(2000, status.TxBytes);
        Assert.Null(status.RxRate);
        Assert.Equal(["198.51.100.1 dev ppp0 proto kernel scope link src 198.51.100.10", "default dev ppp0 scope link metric 0"], status.Routes);
        Assert.True(status.OwnsDefaultRoute);
        Assert.Equal("ppp0", status.DefaultRouteDevice);
        Assert.Equal(["198.51.100.53"], status.PeerDns);
        Assert.False(status.PeerDnsApplied);
        Assert.Equal("peer-dns-not-merged", Assert.Single(status.Notices).Code);
        Assert.NotNull(status.UpSince);
        Assert.NotNull(status.UptimeSeconds);
    }

    [Fact]
    public async Task A_link_that_lost_the_default_route_to_eth0_carries_the_route_trap()
    {
        using var sys = UpPptp().File_("/etc/resolv.conf", "nameserver 198.51.100.53\n");
        var reader = new LinkStatusReader(sys.Paths, Runner(IpJson.Routes()), new PeerOptionsFileReader(sys.Paths));

        var status = (await reader.ReadAllAsync(new LinkDiscovery(sys.Paths).Scan())).Links.Single();

        Assert.False(status.OwnsDefaultRoute);
        Assert.Equal("eth0", status.DefaultRouteDevice);
        Assert.True(status.PeerDnsApplied);
        Assert.Equal("default-route-not-added", Assert.Single(status.Notices).Code);
    }

    [Fact]
    public async Task Rates_come_from_the_previous_sample()
    {
        using var sys = UpPptp();
        var time = new SteppingTime(DateTimeOffset.UnixEpoch.AddYears(50));
        var reader = new LinkStatusReader(sys.Paths, Runner(IpJson.Routes()), new PeerOptionsFileReader(sys.Paths), time);
        var first = await reader.ReadAllAsync(new LinkDiscovery(sys.Paths).Scan());
        sys.Interface("ppp0", mtu: 1412, rx: 7000, tx: 2500);
        time.Advance(TimeSpan.FromSeconds(2));

        var second = await reader.ReadAllAsync(new LinkDiscovery(sys.Paths).Scan(), first.Counters);

        Assert.Equal(1000, second.Links.Single().RxRate);
        Assert.Equal(250, second.Links.Single().TxRate);
    }

    [Fact]
    public async Task Under_systemd_resolved_the_links_own_servers_are_the_ones_in_effect()
    {
        using var sys = UpPptp().File_("/etc/resolv.conf", "nameserver 127.0.0.53\n");
        var runner = new FakeCommandRunner
        {
            Run = FakeCommandRunner.Ip(IpJson.Routes(IpJson.DefaultVia("ppp0")),
                i => IpJson.PppAddress(i, "198.51.100.10", "198.51.100.1"), "Link 5 (ppp0): 198.51.100.53\n"),
        };
        var reader = new LinkStatusReader(sys.Paths, runner, new PeerOptionsFileReader(sys.Paths));

        var status = (await reader.ReadAllAsync(new LinkDiscovery(sys.Paths).Scan())).Links.Single();

        Assert.Equal(DnsManager.SystemdResolved, status.DnsManager);
        Assert.Equal(["198.51.100.53"], status.Dns);
        Assert.True(status.PeerDnsApplied);
        Assert.Contains(runner.Specs, s => s.Program == "resolvectl" && s.Arguments.SequenceEqual(["dns", "ppp0"]));
    }

    [Fact]
    public async Task A_pppd_without_interface_yet_is_connecting_and_one_between_persist_attempts_is_redialing()
    {
        using var sys = new FakeSystem()
            .Peer("dsl", "plugin rp-pppoe.so\nnic-eth0\npersist\n")
            .Pppd(7002, "call", "dsl", "updetach", "linkname", "dsl")
            .Peer("gprs", "/dev/ttyUSB0\n")
            .Pppd(7003, "call", "gprs", "updetach", "linkname", "gprs").LinkPidFile("gprs", 7003, null);
        var reader = new LinkStatusReader(sys.Paths, Runner(IpJson.Routes()), new PeerOptionsFileReader(sys.Paths));

        var links = (await reader.ReadAllAsync(new LinkDiscovery(sys.Paths).Scan())).Links;

        Assert.Equal(LinkState.Redialing, links.Single(l => l.Name == "dsl").State);
        Assert.Equal(LinkState.Connecting, links.Single(l => l.Name == "gprs").State);
        Assert.Contains("no interface yet", links.Single(l => l.Name == "gprs").Reason);
    }

    [Fact]
    public async Task An_interface_without_an_address_is_still_negotiating()
    {
        using var sys = UpPptp().Interface("ppp0", flags: 0x1090);
        var runner = new FakeCommandRunner { Run = FakeCommandRunner.Ip(IpJson.Routes(), IpJson.NoAddress) };
        var reader = new LinkStatusReader(sys.Paths, runner, new PeerOptionsFileReader(sys.Paths));

        var status = (await reader.ReadAllAsync(new LinkDiscovery(sys.Paths).Scan())).Links.Single();

        Assert.Equal(LinkState.Connecting, status.State);
        Assert.Null(status.LocalAddress);
        Assert.Empty(status.Notices);
    }

    [Fact]
    public async Task A_pppd_killed_with_sigkill_shows_down_with_its_stale_pid_files_as_evidence()
    {
        using var sys = new FakeSystem().LinkPidFile("myvpn", 7004, "ppp0").InterfacePidFile("ppp0", 7004);
        var reader = new LinkStatusReader(sys.Paths, Runner(IpJson.Routes()), new PeerOptionsFileReader(sys.Paths));

        var status = Assert.Single((await reader.ReadAllAsync(new LinkDiscovery(sys.Paths).Scan())).Links);

        Assert.Equal(LinkState.Down, status.State);
        Assert.Contains("SIGKILL", status.Reason);
        Assert.Equal("pppd-vanished", status.Diagnosis!.Code);
        Assert.Contains("ppp-myvpn.pid", status.Diagnosis.Evidence);
    }

    [Fact]
    public async Task Two_links_each_show_their_own_interface_and_routes()
    {
        using var sys = UpPptp()
            .Peer("dsl", "plugin rp-pppoe.so\nnic-eth0\n")
            .Pppd(7005, "call", "dsl", "updetach", "linkname", "dsl").LinkPidFile("dsl", 7005, "ppp1").InterfacePidFile("ppp1", 7005)
            .Interface("ppp1", mtu: 1492);
        var runner = new FakeCommandRunner
        {
            Run = FakeCommandRunner.Ip(
                IpJson.Routes(IpJson.PeerRoute("198.51.100.1", "ppp0", "198.51.100.10"), IpJson.PeerRoute("203.0.113.1", "ppp1", "203.0.113.10")),
                i => i == "ppp0" ? IpJson.PppAddress("ppp0", "198.51.100.10", "198.51.100.1") : IpJson.PppAddress("ppp1", "203.0.113.10", "203.0.113.1", 1492)),
        };
        var reader = new LinkStatusReader(sys.Paths, runner, new PeerOptionsFileReader(sys.Paths));

        var links = (await reader.ReadAllAsync(new LinkDiscovery(sys.Paths).Scan())).Links;

        var vpn = links.Single(l => l.Name == "myvpn");
        var dsl = links.Single(l => l.Name == "dsl");
        Assert.Equal(("ppp0", "198.51.100.10"), (vpn.Interface, vpn.LocalAddress));
        Assert.Equal(("ppp1", "203.0.113.10"), (dsl.Interface, dsl.LocalAddress));
        Assert.All(vpn.Routes, r => Assert.Contains("dev ppp0", r));
        Assert.All(dsl.Routes, r => Assert.Contains("dev ppp1", r));
        Assert.Equal(1, runner.Specs.Count(s => s.Arguments.Contains("route")));
    }

    [Fact]
    public async Task An_up_link_with_ipv6_shows_ipv6cp_its_link_local_ends_and_ipv6_routes_in_the_json()
    {
        using var sys = new FakeSystem()
            .Peer("dsl", "plugin rp-pppoe.so\nnic-eth0\n+ipv6\n")
            .Pppd(7005, "call", "dsl", "updetach", "linkname", "dsl").LinkPidFile("dsl", 7005, "ppp0").InterfacePidFile("ppp0", 7005)
            .Interface("ppp0", mtu: 1492);
        const string addresses = """[{"ifname":"ppp0","flags":["POINTOPOINT","UP","LOWER_UP"],"mtu":1492,"addr_info":[{"family":"inet","local":"203.0.113.10","address":"203.0.113.1","prefixlen":32,"scope":"global"},{"family":"inet6","local":"fe80::1","address":"fe80::2","prefixlen":128,"scope":"link"}]}]""";
        var ip4 = FakeCommandRunner.Ip(IpJson.Routes(IpJson.PeerRoute("203.0.113.1", "ppp0", "203.0.113.10")), _ => addresses);
        var runner = new FakeCommandRunner
        {
            Run = spec => spec.Arguments.Contains("-6")
                ? FakeCommandRunner.Ok("""[{"dst":"fe80::2","protocol":"kernel","metric":256,"flags":[],"pref":"medium"}]""")
                : ip4(spec),
        };
        var reader = new LinkStatusReader(sys.Paths, runner, new PeerOptionsFileReader(sys.Paths));

        var status = Assert.Single((await reader.ReadAllAsync(new LinkDiscovery(sys.Paths).Scan())).Links);
        var json = System.Text.Json.JsonSerializer.Serialize(status, LinkStatusJsonContext.Default.LinkStatus);

        Assert.Equal(LinkState.Up, status.State);
        Assert.Equal((Ipv6cpState.Up, "fe80::1", "fe80::2"), (status.Ipv6!.State, status.Ipv6.LinkLocal, status.Ipv6.PeerLinkLocal));
        Assert.Equal(["fe80::2 dev ppp0 proto kernel metric 256"], status.Ipv6.Routes);
        Assert.Contains(runner.Specs, s => s.Arguments.SequenceEqual(IpCommands.Ipv6RoutesOf("ppp0").Arguments));
        Assert.Contains("\"linkLocal\": \"fe80::1\"", json);
        Assert.Contains("\"state\": \"Up\"", json);
    }

    [Fact]
    public async Task An_ipv4_only_link_costs_no_ipv6_route_read_and_says_ipv6_is_off()
    {
        using var sys = UpPptp();
        var runner = Runner(IpJson.Routes(IpJson.PeerRoute("198.51.100.1", "ppp0", "198.51.100.10")));
        var reader = new LinkStatusReader(sys.Paths, runner, new PeerOptionsFileReader(sys.Paths));

        var status = Assert.Single((await reader.ReadAllAsync(new LinkDiscovery(sys.Paths).Scan())).Links);

        Assert.Equal(Ipv6cpState.Off, status.Ipv6!.State);
        Assert.DoesNotContain(runner.Specs, s => s.Arguments.Contains("-6"));
    }

    [Fact]
    public void Status_serialises_to_json_with_readable_states()
    {
        var status = new LinkStatus { Name = "myvpn", State = LinkState.Up, DnsManager = DnsManager.SystemdResolved, Mtu = 1412 };

        var json = System.Text.Json.JsonSerializer.Serialize(status, LinkStatusJsonContext.Default.LinkStatus);

        Assert.Contains("\"state\": \"Up\"", json);
        Assert.Contains("\"dnsManager\": \"SystemdResolved\"", json);
        Assert.Contains("\"mtu\": 1412", json);
    }

    internal sealed class SteppingTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;
        public void Advance(TimeSpan by) => _now += by;
        public override DateTimeOffset GetUtcNow() => _now;
    }
}
