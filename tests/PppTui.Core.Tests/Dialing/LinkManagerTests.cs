namespace PppTui.Core.Tests.Dialing;

public class LinkManagerTests
{
    private static LinkManager Manager(SystemPaths paths, FakeCommandRunner runner, bool isRoot, IProcessSignals? signals = null,
        IPppLogReader? logs = null) =>
        new(new LinkServices(paths, runner, signals ?? new FakeProcessSignals(), new PeerOptionsFileReader(paths),
            new FakeLinkDiagnoser(), logs ?? new FakeLogReader(), new PppdCommands("pppd"), () => isRoot, TimeProvider.System,
            new DialTimings(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20))));

    // myvpn up on ppp0 (pppd PID) under systemd-resolved's stub, with the server's DNS in /etc/ppp/resolv.conf.
    private static FakeSystem MyVpnUpUnderResolved(int pid, string peers) =>
        new FakeSystem().Peer("myvpn", peers)
            .Pppd(pid, "call", "myvpn").LinkPidFile("myvpn", pid, "ppp0").Interface("ppp0")
            .File_("/etc/resolv.conf", "nameserver 127.0.0.53\n").File_("/etc/ppp/resolv.conf", "nameserver 198.51.100.53\n");

    [Fact]
    public async Task Connect_and_disconnect_on_the_live_system_refuse_without_root_and_say_how()
    {
        var runner = new FakeCommandRunner();
        var manager = Manager(new SystemPaths("/"), runner, isRoot: false);

        var connect = await Assert.ThrowsAsync<LinkRefusedException>(() => manager.ConnectAsync("myvpn", TimeSpan.FromSeconds(1)));
        var disconnect = await Assert.ThrowsAsync<LinkRefusedException>(() => manager.DisconnectAsync("myvpn", false));

        Assert.Equal(LinkRefusal.NeedsRoot, connect.Refusal);
        Assert.Contains("sudo ppptui connect myvpn", connect.Fix);
        Assert.Equal(LinkRefusal.NeedsRoot, disconnect.Refusal);
        Assert.Empty(runner.Specs);
    }

    [Fact]
    public async Task Under_a_sandbox_root_the_root_check_does_not_apply()
    {
        using var sys = new FakeSystem();
        var manager = Manager(sys.Paths, new FakeCommandRunner(), isRoot: false);

        var refused = await Assert.ThrowsAsync<LinkRefusedException>(() => manager.ConnectAsync("myvpn", TimeSpan.FromSeconds(1)));

        Assert.Equal(LinkRefusal.NoSuchPeer, refused.Refusal);
        Assert.Contains("ppptui new myvpn", refused.Fix);
    }

    [Fact]
    public void A_second_profile_to_the_pptp_server_of_a_running_link_names_that_link_and_other_servers_do_not()
    {
        using var sys = new FakeSystem()
            .Peer("myvpn", "pty \"pptp vpn.example.com --nolaunchpppd\"\nname alice\n")
            .Peer("pptp-badpass", "pty \"pptp vpn.example.com --nolaunchpppd\"\nname mallory\n")
            .Peer("elsewhere", "pty \"pptp 192.0.2.7 --nolaunchpppd\"\nname alice\n")
            .Peer("dsl", "plugin rp-pppoe.so\neth0\n");
        var manager = Manager(sys.Paths, new FakeCommandRunner(), isRoot: true);
        Assert.Empty(manager.SharingPptpServer("pptp-badpass"));

        sys.Pppd(8001, "call", "myvpn").LinkPidFile("myvpn", 8001, "ppp0").InterfacePidFile("ppp0", 8001).Interface("ppp0");

        Assert.Equal(["myvpn"], manager.SharingPptpServer("pptp-badpass"));
        Assert.Empty(manager.SharingPptpServer("myvpn"));
        Assert.Empty(manager.SharingPptpServer("elsewhere"));
        Assert.Empty(manager.SharingPptpServer("dsl"));
    }

    [Fact]
    public void The_change_stamp_moves_when_a_link_dials_comes_up_and_goes_down_but_not_with_traffic_alone()
    {
        using var sys = new FakeSystem().Peer("myvpn", "defaultroute\n").Peer("pair", "");
        var runner = new FakeCommandRunner();
        var manager = Manager(sys.Paths, runner, isRoot: true);
        var stamps = new List<string> { manager.ChangeStamp() };

        sys.Pppd(8001, "call", "myvpn");
        stamps.Add(manager.ChangeStamp());
        sys.LinkPidFile("myvpn", 8001, "ppp0").InterfacePidFile("ppp0", 8001).Interface("ppp0", flags: 0x1090);
        stamps.Add(manager.ChangeStamp());
        sys.Interface("ppp0", flags: 0x10d1);
        stamps.Add(manager.ChangeStamp());
        sys.Interface("ppp0", flags: 0x10d1, rx: 123456, tx: 654321);
        var trafficOnly = manager.ChangeStamp();
        var otherLink = manager.ChangeStamp("pair");
        sys.Pppd(8002, "call", "pair");
        var otherLinkDialing = manager.ChangeStamp("myvpn");
        sys.Kill(8001).RemoveInterface("ppp0");
        stamps.Add(manager.ChangeStamp());

        Assert.Equal(stamps.Count, stamps.Distinct().Count());
        Assert.Equal(stamps[3], trafficOnly);
        Assert.Equal("", otherLink);
        Assert.Equal(stamps[3], otherLinkDialing);
        Assert.Empty(runner.Specs);
    }

    [Fact]
    public async Task A_bad_name_is_refused_before_anything_runs()
    {
        using var sys = new FakeSystem();
        var runner = new FakeCommandRunner();
        var manager = Manager(sys.Paths, runner, isRoot: true);

        Assert.Equal(LinkRefusal.InvalidName,
            (await Assert.ThrowsAsync<LinkRefusedException>(() => manager.ConnectAsync("../../bin/sh", TimeSpan.FromSeconds(1)))).Refusal);
        Assert.Equal(LinkRefusal.InvalidName, Assert.Throws<LinkRefusedException>(() => manager.Explain("a/b")).Refusal);
        Assert.Empty(runner.Specs);
    }

    [Fact]
    public async Task Disconnecting_a_link_that_is_not_running_is_refused_as_not_running()
    {
        using var sys = new FakeSystem().Peer("myvpn", "noauth\n");

        var refused = await Assert.ThrowsAsync<LinkRefusedException>(() => Manager(sys.Paths, new FakeCommandRunner(), true).DisconnectAsync("myvpn", false));

        Assert.Equal(LinkRefusal.NotRunning, refused.Refusal);
    }

    [Fact]
    public async Task Status_of_a_profile_that_is_not_running_is_down_with_its_last_failure()
    {
        using var sys = new FakeSystem().Peer("myvpn", "noauth\n");
        new DialAttemptStore(sys.Paths).Save(new DialAttempt
        {
            Name = "myvpn", StartedAt = DateTimeOffset.UnixEpoch, Outcome = LinkState.Down, Reason = "wrong password",
        });
        var manager = Manager(sys.Paths, new FakeCommandRunner { Run = FakeCommandRunner.Ip(IpJson.Routes()) }, true);

        var status = (await manager.StatusAsync("myvpn")).Links.Single();

        Assert.Equal(LinkState.Down, status.State);
        Assert.Equal("not running; the last dial failed: wrong password", status.Reason);
        Assert.Equal(LinkRefusal.NoSuchPeer, (await Assert.ThrowsAsync<LinkRefusedException>(() => manager.StatusAsync("nothing"))).Refusal);
    }

    /// <summary>
    /// The status of myvpn after a dial that came up a minute ago and whose pppd
    /// (<paramref name="daemonPid"/>) has gone, with its later lines in the syslog.
    /// </summary>
    private static async Task<(LinkStatus Status, LinkManager Manager)> StatusAfterUpAsync(FakeSystem sys, int daemonPid, params string[] laterLines)
    {
        var started = DateTimeOffset.Now.AddMinutes(-1);
        new DialAttemptStore(sys.Paths).Save(new DialAttempt
        {
            Name = "myvpn", StartedAt = started, EndedAt = started, Outcome = LinkState.Up, Pid = daemonPid - 1, DaemonPid = daemonPid,
            Lines = [.. PppdLogs.PptpUp],
        });
        var syslog = new FakeLogReader(laterLines.Select(line => new PppLogEntry(started.AddSeconds(30), "pppd", daemonPid, line)).ToArray());
        var manager = Manager(sys.Paths, new FakeCommandRunner { Run = FakeCommandRunner.Ip(IpJson.Routes()) }, true, logs: syslog);
        return ((await manager.StatusAsync("myvpn")).Links.Single(), manager);
    }

    [Fact]
    public async Task Status_of_a_link_the_server_dropped_after_it_came_up_says_why_as_explain_does()
    {
        using var sys = new FakeSystem().Peer("myvpn", "noauth\n");

        var (status, manager) = await StatusAfterUpAsync(sys, 951, "LCP terminated by peer (MPPE disabled)", "Modem hangup");

        Assert.Equal(LinkState.Down, status.State);
        Assert.Equal("hangup", status.Diagnosis!.Code);
        Assert.Equal("not running; the link went down: hangup for myvpn", status.Reason);
        Assert.Equal(manager.Explain("myvpn")!.Diagnosis!.Code, status.Diagnosis.Code);
    }

    [Fact]
    public async Task The_link_monitor_the_tui_watches_says_why_a_redialing_link_went_down_as_status_does()
    {
        using var sys = new FakeSystem().Peer("myvpn", "noauth\npersist\n");
        var manager = RedialingAfterADrop(sys);
        var monitor = manager.CreateMonitor();

        await monitor.PollAsync();
        var watched = monitor.Current.Single();

        Assert.Equal("hangup", watched.Diagnosis!.Code);
        Assert.Equal("redialing; the link went down: hangup for myvpn", watched.Reason);
        Assert.Equal((await manager.StatusAsync("myvpn")).Links.Single().Reason, watched.Reason);
    }

    /// <summary>myvpn came up a minute ago, dropped ("Modem hangup") and its pppd (955, persist) dials again.</summary>
    private static LinkManager RedialingAfterADrop(FakeSystem sys)
    {
        sys.Pppd(955, "call", "myvpn");
        var started = DateTimeOffset.Now.AddMinutes(-1);
        new DialAttemptStore(sys.Paths).Save(new DialAttempt
        {
            Name = "myvpn", StartedAt = started, EndedAt = started, Outcome = LinkState.Up, Pid = 954, DaemonPid = 955,
            Lines = [.. PppdLogs.PptpUp],
        });
        var syslog = new FakeLogReader(new PppLogEntry(started.AddSeconds(30), "pppd", 955, "Modem hangup"));
        return Manager(sys.Paths, new FakeCommandRunner { Run = FakeCommandRunner.Ip(IpJson.Routes()) }, true, logs: syslog);
    }

    [Fact]
    public async Task Status_of_a_link_redialing_after_a_drop_says_why_it_went_down()
    {
        // persist: pppd lives on after the drop and dials again, without an interface for a while.
        using var sys = new FakeSystem().Peer("myvpn", "noauth\npersist\n");
        var manager = RedialingAfterADrop(sys);

        var status = (await manager.StatusAsync("myvpn")).Links.Single();

        Assert.NotEqual(LinkState.Up, status.State);
        Assert.Equal(955, status.Pid);
        Assert.Equal("hangup", status.Diagnosis!.Code);
        Assert.Equal("redialing; the link went down: hangup for myvpn", status.Reason);
    }

    [Fact]
    public async Task Status_of_a_first_dial_still_under_way_has_no_drop_reason()
    {
        using var sys = new FakeSystem().Peer("myvpn", "noauth\n");
        sys.Pppd(956, "call", "myvpn");
        var syslog = new FakeLogReader(new PppLogEntry(DateTimeOffset.Now, "pppd", 956, "Modem hangup"));
        var manager = Manager(sys.Paths, new FakeCommandRunner { Run = FakeCommandRunner.Ip(IpJson.Routes()) }, true, logs: syslog);

        var status = (await manager.StatusAsync("myvpn")).Links.Single();

        Assert.Null(status.Diagnosis);
        Assert.DoesNotContain("redialing", status.Reason);
    }

    [Fact]
    public async Task Status_of_a_link_stopped_on_request_is_down_without_a_failure()
    {
        using var sys = new FakeSystem().Peer("myvpn", "noauth\n");

        var (status, _) = await StatusAfterUpAsync(sys, 953, "Terminating on signal 15");

        Assert.Equal((LinkState.Down, "not running"), (status.State, status.Reason));
        Assert.Null(status.Diagnosis);
    }

    [Fact]
    public async Task Status_of_everything_lists_each_running_link()
    {
        using var sys = new FakeSystem()
            .Pppd(9001, "call", "myvpn").LinkPidFile("myvpn", 9001, "ppp0").Interface("ppp0")
            .Pppd(9002, "call", "dsl");
        var runner = new FakeCommandRunner { Run = FakeCommandRunner.Ip(IpJson.Routes(), i => IpJson.PppAddress(i, "198.51.100.10", "198.51.100.1")) };

        var links = (await Manager(sys.Paths, runner, true).StatusAsync()).Links;

        Assert.Equal([("dsl", LinkState.Connecting), ("myvpn", LinkState.Up)], links.Select(l => (l.Name, l.State)).OrderBy(x => x.Name));
    }

    [Fact]
    public async Task Peer_dns_ignored_by_systemd_resolved_can_be_applied_to_the_link()
    {
        using var sys = MyVpnUpUnderResolved(9003, "usepeerdns\n");
        var runner = new FakeCommandRunner
        {
            Run = FakeCommandRunner.Ip(IpJson.Routes(), i => IpJson.PppAddress(i, "198.51.100.10", "198.51.100.1"), "Link 5 (ppp0):\n"),
        };
        var manager = Manager(sys.Paths, runner, true);
        Assert.Equal("peer-dns-ignored-resolved", (await manager.StatusAsync("myvpn")).Links.Single().Notices.Single(n => n.Code.StartsWith("peer-dns")).Code);

        await manager.ApplyPeerDnsAsync("myvpn");

        Assert.Equal(["dns", "ppp0", "198.51.100.53"], runner.Specs.Last().Arguments);
        Assert.Equal("resolvectl", runner.Specs.Last().Program);
    }

    [Fact]
    public async Task Connect_merges_the_peers_dns_into_a_plain_resolv_conf_and_disconnect_takes_exactly_that_out_again()
    {
        const string Before = "search example.org\nnameserver 192.0.2.53\n";
        using var sys = new FakeSystem().Peer("myvpn", "usepeerdns\n")
            .Pppd(9004, "call", "myvpn").LinkPidFile("myvpn", 9004, "ppp0").Interface("ppp0")
            .File_("/etc/resolv.conf", Before).File_("/etc/ppp/resolv.conf", "nameserver 198.51.100.53\n");
        var runner = new FakeCommandRunner { Run = FakeCommandRunner.Ip(IpJson.Routes(), i => IpJson.PppAddress(i, "198.51.100.10", "198.51.100.1")) };
        var manager = Manager(sys.Paths, runner, true);

        var outcome = await manager.ConnectAsync("myvpn", TimeSpan.FromSeconds(5));

        var resolvConf = File.ReadAllText(sys.Paths.Under("/etc/resolv.conf"));
        Assert.Equal(["198.51.100.53", "192.0.2.53"], Core.Status.DnsState.ParseNameservers(resolvConf));
        Assert.EndsWith(Before, resolvConf);
        Assert.True(outcome.Status!.PeerDnsApplied);
        Assert.Equal("198.51.100.53", outcome.Status.Dns[0]);
        Assert.DoesNotContain(outcome.Status.Notices, n => n.Code.StartsWith("peer-dns", StringComparison.Ordinal));
        Assert.Contains("merged into /etc/resolv.conf by ppptui", outcome.Status.DnsNote);
        // A second ppptui reading the status says the same, and why.
        var later = (await manager.StatusAsync("myvpn")).Links.Single();
        Assert.True(later.PeerDnsApplied);
        Assert.Contains("by ppptui", later.DnsNote);

        File.AppendAllText(sys.Paths.Under("/etc/resolv.conf"), "options edns0\n");
        Assert.True(Core.Status.PeerDnsMerge.Undo(sys.Paths, "ppp0"));

        Assert.Equal(Before + "options edns0\n", File.ReadAllText(sys.Paths.Under("/etc/resolv.conf")));
        Assert.False(Core.Status.PeerDnsMerge.Undo(sys.Paths, "ppp0"));
    }

    [Fact]
    public async Task The_merged_dns_of_a_link_that_dropped_on_its_own_is_taken_out_before_the_next_connect()
    {
        using var sys = new FakeSystem().Peer("myvpn", "usepeerdns\n").Interface("ppp0")
            .File_("/etc/resolv.conf", "nameserver 192.0.2.53\n");
        Core.Status.PeerDnsMerge.Merge(sys.Paths, "myvpn", "ppp0", ["198.51.100.53"]);
        sys.RemoveInterface("ppp0");

        Assert.Equal(["ppp0"], Core.Status.PeerDnsMerge.UndoGone(sys.Paths));

        Assert.Equal("nameserver 192.0.2.53\n", File.ReadAllText(sys.Paths.Under("/etc/resolv.conf")));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Under_systemd_resolved_connect_gives_the_link_its_servers_and_the_routing_domain_when_it_carries_the_default_route()
    {
        using var sys = MyVpnUpUnderResolved(9005, "usepeerdns\ndefaultroute\n");
        var runner = new FakeCommandRunner
        {
            Run = FakeCommandRunner.Ip(IpJson.Routes(IpJson.DefaultVia("ppp0")), i => IpJson.PppAddress(i, "198.51.100.10", "198.51.100.1"), "Link 5 (ppp0):\n"),
        };

        var outcome = await Manager(sys.Paths, runner, true).ConnectAsync("myvpn", TimeSpan.FromSeconds(5));

        Assert.Contains(runner.Specs, s => s.Program == "resolvectl" && s.Arguments.SequenceEqual(["dns", "ppp0", "198.51.100.53"]));
        Assert.Contains(runner.Specs, s => s.Program == "resolvectl" && s.Arguments.SequenceEqual(["domain", "ppp0", "~."]));
        Assert.Contains("routing domain ~.", outcome.Status!.DnsNote);
    }

    [Fact]
    public async Task A_dial_through_a_monitor_reaches_its_subscribers_once()
    {
        using var sys = new FakeSystem().Peer("dsl", "plugin rp-pppoe.so\nnic-eth0\n");
        var runner = new FakeCommandRunner();
        runner.Stream = (_, _) => FakeCommandRunner.Script([new CommandStarted(1), new CommandOutputLine("Timeout waiting for PADO packets", false), new CommandExited(1)]);
        var manager = Manager(sys.Paths, runner, true);
        var monitor = manager.CreateMonitor();
        var seen = new List<LinkEvent>();
        monitor.Changed += seen.Add;

        var outcome = await manager.ConnectAsync("dsl", TimeSpan.FromSeconds(5), monitor: monitor);

        Assert.Equal(LinkState.Down, outcome.State);
        Assert.Single(seen.OfType<LinkDown>());
        Assert.Empty(await monitor.PollAsync());
        Assert.Equal(LinkState.Down, monitor.StateOf("dsl"));
    }
}
