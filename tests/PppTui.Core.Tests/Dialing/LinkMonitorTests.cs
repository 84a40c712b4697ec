namespace PppTui.Core.Tests.Dialing;

public class LinkMonitorTests
{
    private static (LinkMonitor Monitor, List<LinkEvent> Events) Monitor(FakeSystem sys)
    {
        var runner = new FakeCommandRunner
        {
            Run = FakeCommandRunner.Ip(IpJson.Routes(IpJson.DefaultVia("ppp0")), i => i switch
            {
                "ppp0" => IpJson.PppAddress("ppp0", "198.51.100.10", "198.51.100.1"),
                "ppp1" => IpJson.PppAddress("ppp1", "203.0.113.10", "203.0.113.1", 1492),
                _ => "[]",
            }),
        };
        var monitor = new LinkMonitor(sys.Paths, runner, new PeerOptionsFileReader(sys.Paths), new FakeLinkDiagnoser())
        {
            FullRefresh = TimeSpan.Zero,
        };
        var events = new List<LinkEvent>();
        monitor.Changed += events.Add;
        return (monitor, events);
    }

    [Fact]
    public async Task A_link_started_by_hand_is_seen_dialing_then_up_then_down_when_killed()
    {
        using var sys = new FakeSystem().Peer("myvpn", "defaultroute\n");
        var (monitor, events) = Monitor(sys);

        Assert.Empty(await monitor.PollAsync());

        sys.Pppd(8001, "call", "myvpn");
        var dialing = await monitor.PollAsync();
        sys.LinkPidFile("myvpn", 8001, "ppp0").InterfacePidFile("ppp0", 8001).Interface("ppp0", mtu: 1412);
        var up = await monitor.PollAsync();
        sys.Kill(8001).RemoveInterface("ppp0");
        var killed = await monitor.PollAsync();

        Assert.Equal(LinkState.Connecting, dialing.OfType<LinkStateChanged>().Single().New);
        Assert.Equal(LinkState.Up, up.OfType<LinkStateChanged>().Single().New);
        Assert.Equal("198.51.100.10", up.OfType<LinkUp>().Single().Details.LocalAddress);
        var down = killed.OfType<LinkDown>().Single();
        Assert.Equal("pppd-vanished", down.Diagnosis!.Code);
        Assert.Contains("SIGKILL", down.Reason);
        Assert.Equal(LinkState.Down, monitor.StateOf("myvpn"));
        Assert.Equal(dialing.Count + up.Count + killed.Count, events.Count);
    }

    [Fact]
    public async Task A_link_that_exits_cleanly_is_down_without_a_stale_diagnosis()
    {
        using var sys = new FakeSystem().Pppd(8002, "call", "dsl").LinkPidFile("dsl", 8002, "ppp0").Interface("ppp0");
        var (monitor, _) = Monitor(sys);
        await monitor.PollAsync();

        sys.Kill(8002).RemoveInterface("ppp0");
        File.Delete(Path.Combine(sys.Paths.RunDir, "ppp-dsl.pid"));
        var events = await monitor.PollAsync();

        var down = events.OfType<LinkDown>().Single();
        Assert.Null(down.Diagnosis);
        Assert.Contains("has exited", down.Reason);
    }

    [Fact]
    public async Task Two_links_up_at_once_are_both_tracked_with_their_own_interface()
    {
        using var sys = new FakeSystem()
            .Pppd(8003, "call", "myvpn").LinkPidFile("myvpn", 8003, "ppp0").Interface("ppp0", mtu: 1412)
            .Pppd(8004, "call", "dsl").LinkPidFile("dsl", 8004, "ppp1").Interface("ppp1", mtu: 1492);
        var (monitor, _) = Monitor(sys);

        var events = await monitor.PollAsync();

        var ups = events.OfType<LinkUp>().ToDictionary(u => u.Link, u => u.Details.Interface);
        Assert.Equal(new Dictionary<string, string?> { ["myvpn"] = "ppp0", ["dsl"] = "ppp1" }, ups);
        Assert.Equal(2, monitor.Current.Count(s => s.State == LinkState.Up));
    }

    [Fact]
    public async Task Log_lines_of_a_links_pppd_refine_its_state_between_polls()
    {
        using var sys = new FakeSystem().Pppd(8005, "call", "myvpn").LinkPidFile("myvpn", 8005, null);
        var (monitor, _) = Monitor(sys);
        await monitor.PollAsync();

        var events = monitor.ObserveLogLine(new PppLogEntry(null, "pppd", 8005, "CHAP authentication succeeded"));
        var other = monitor.ObserveLogLine(new PppLogEntry(null, "pppd", 9999, "Modem hangup"));

        Assert.Equal(LinkState.NegotiatingIp, events.OfType<LinkStateChanged>().Single().New);
        Assert.Empty(other);
    }

    [Fact]
    public async Task A_link_claimed_by_a_dial_is_not_probed_and_its_dial_events_pass_through()
    {
        using var sys = new FakeSystem().Pppd(8006, "call", "myvpn");
        var (monitor, events) = Monitor(sys);
        using (monitor.Claim("myvpn"))
        {
            Assert.Empty(await monitor.PollAsync());
            monitor.Forward(new LinkStateChanged("myvpn", DateTimeOffset.UnixEpoch, LinkState.Starting, LinkState.Connecting, "dialing"));
            Assert.Single(events);
        }

        var after = await monitor.PollAsync();

        Assert.Empty(after.OfType<LinkStateChanged>());
        Assert.Equal(LinkState.Connecting, monitor.StateOf("myvpn"));
    }

    [Fact]
    public async Task Rates_appear_on_the_second_poll()
    {
        using var sys = new FakeSystem().Pppd(8007, "call", "myvpn").LinkPidFile("myvpn", 8007, "ppp0").Interface("ppp0", rx: 100, tx: 100);
        var (monitor, _) = Monitor(sys);
        await monitor.PollAsync();
        await Task.Delay(50);
        sys.Interface("ppp0", rx: 10_100, tx: 100);

        await monitor.PollAsync();

        var status = monitor.Current.Single();
        Assert.True(status.RxRate > 0);
        Assert.Equal(0, status.TxRate);
    }

    [Fact]
    public async Task Running_the_monitor_polls_until_cancelled()
    {
        using var sys = new FakeSystem().Pppd(8008, "call", "myvpn").LinkPidFile("myvpn", 8008, "ppp0").Interface("ppp0");
        var (monitor, events) = Monitor(sys);
        using var stop = new CancellationTokenSource();
        var seenUp = new TaskCompletionSource();
        monitor.Changed += e =>
        {
            if (e is LinkUp) seenUp.TrySetResult();
        };

        var run = monitor.RunAsync(TimeSpan.FromMilliseconds(10), stop.Token);
        await seenUp.Task.WaitAsync(TimeSpan.FromSeconds(10));
        stop.Cancel();
        await run;

        Assert.Contains(events, e => e is LinkUp);
    }
}
