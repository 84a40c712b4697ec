namespace PppTui.Core.Tests.Dialing;

public sealed class LinkWatchTests : IDisposable
{
    private readonly FakeSystem _sys = new FakeSystem().Peer("myvpn", "require-mppe-128\nmtu 1416\n");
    private readonly FakeProcessSignals _signals = new();
    private readonly FakeCommandRunner _runner = new()
    {
        Run = FakeCommandRunner.Ip(IpJson.Routes(), i => IpJson.PppAddress(i, "198.51.100.10", "198.51.100.1")),
    };

    public void Dispose() => _sys.Dispose();

    private LinkWatch Watch(TimeSpan? networkInterval = null) =>
        new(new LinkManager(new LinkServices(_sys.Paths, _runner, _signals, new PeerOptionsFileReader(_sys.Paths),
            new FakeLinkDiagnoser(), new FakeLogReader(), new PppdCommands("pppd"), () => true, TimeProvider.System,
            new DialTimings(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20)))))
        {
            NetworkInterval = networkInterval ?? TimeSpan.FromSeconds(2),
        };

    /// <summary>Every (phase, detail) the watch showed for myvpn, one per Changed.</summary>
    private static List<(LinkPhase? Phase, string? Detail)> Shown(LinkWatch watch)
    {
        var shown = new List<(LinkPhase?, string?)>();
        watch.Changed += (_, _) =>
        {
            var view = watch.Find("myvpn");
            lock (shown) shown.Add((view?.Phase, view?.Detail));
        };
        return shown;
    }

    private void UpAs(int pid) =>
        _sys.Pppd(pid, "call", "myvpn", "updetach").LinkPidFile("myvpn", pid, "ppp0").InterfacePidFile("ppp0", pid).Interface("ppp0", mtu: 1412);

    [Fact]
    public async Task A_poll_reads_the_box_s_interfaces_with_the_routes_and_a_new_address_is_news()
    {
        string eth0 = """[{"ifname":"eth0","operstate":"UP","addr_info":[{"family":"inet","local":"192.0.2.10","prefixlen":24}]}]""";
        var routes = FakeCommandRunner.Ip(IpJson.Routes());
        _runner.Run = spec => spec.Arguments.SequenceEqual(["-j", "addr", "show"]) ? FakeCommandRunner.Ok(eth0) : routes(spec);
        using var watch = Watch(networkInterval: TimeSpan.Zero);
        await watch.PollAsync();
        Assert.Equal(["eth0"], watch.Network!.Interfaces.Select(i => i.Name));
        int changes = 0;
        watch.Changed += (_, _) => Interlocked.Increment(ref changes);

        await watch.PollAsync();
        Assert.Equal(0, changes);

        // dhclient got the box a new address: the IP pane must show it.
        eth0 = eth0.Replace("192.0.2.10", "192.0.2.77");
        await watch.PollAsync();
        Assert.Equal(1, changes);
        Assert.Equal("192.0.2.77", watch.Network!.Interfaces[0].Addresses[0].Local);
    }

    [Fact]
    public async Task A_dial_started_here_shows_connecting_from_the_start_then_up()
    {
        _runner.Stream = (_, _) => FakeCommandRunner.Script(
            [new CommandStarted(900), .. PppdLogs.PptpUp.Select(l => new CommandOutputLine(l, false)), new CommandExited(0)],
            () => UpAs(901), TimeSpan.FromMilliseconds(5));
        using var watch = Watch();
        await watch.PollAsync();
        var shown = Shown(watch);

        var outcome = await watch.ConnectAsync("myvpn", TimeSpan.FromSeconds(10));

        Assert.True(outcome.IsUp, outcome.Reason);
        Assert.Equal((LinkPhase.Connecting, "starting pppd"), shown[0]);
        Assert.Contains(shown, s => s.Phase == LinkPhase.Connecting && s.Detail!.StartsWith("authenticating", StringComparison.Ordinal) ||
                                    s.Phase == LinkPhase.Connecting && s.Detail!.StartsWith("negotiating", StringComparison.Ordinal));
        var view = watch.Find("myvpn")!;
        Assert.Equal(LinkPhase.Up, view.Phase);
        Assert.Equal(LinkState.Up, view.Status.State);
        Assert.Equal("mtu 1416 configured, 1412 after MPPE (MPPE takes 4 bytes)", view.Detail);
        Assert.True(watch.PidBelongsTo("myvpn", 901));
        Assert.False(watch.PidBelongsTo("other", 901));
    }

    [Fact]
    public async Task A_failed_dial_shows_failed_with_the_diagnosis_as_the_reason()
    {
        _runner.Stream = (_, _) => FakeCommandRunner.Script(
            [new CommandStarted(910), .. PppdLogs.PptpWrongPassword.Select(l => new CommandOutputLine(l, false)), new CommandExited(19)]);
        using var watch = Watch();
        await watch.PollAsync();

        var outcome = await watch.ConnectAsync("myvpn", TimeSpan.FromSeconds(10));

        Assert.False(outcome.IsUp);
        var view = watch.Find("myvpn")!;
        Assert.Equal((LinkPhase.Failed, "auth-failed for myvpn"), (view.Phase, view.Detail));
        Assert.Equal((LinkState.Down, "auth-failed for myvpn"), (view.Status.State, view.Status.Reason));
    }

    [Fact]
    public async Task A_stop_asked_here_shows_disconnecting_until_the_link_is_gone()
    {
        UpAs(6001);
        _signals.Running(6001).OnDeath = pid =>
        {
            _sys.Kill(pid).RemoveInterface("ppp0");
            File.Delete(Path.Combine(_sys.Paths.RunDir, "ppp-myvpn.pid"));
            File.Delete(Path.Combine(_sys.Paths.RunDir, "ppp0.pid"));
        };
        using var watch = Watch();
        var dropped = new List<LinkDown>();
        watch.Dropped += dropped.Add;
        await watch.PollAsync();
        Assert.Equal(LinkPhase.Up, watch.Find("myvpn")!.Phase);
        var shown = Shown(watch);

        var outcome = await watch.DisconnectAsync("myvpn");

        Assert.True(outcome.Stopped, outcome.Message);
        Assert.Equal((LinkPhase.Disconnecting, "stopping pppd (SIGTERM)"), shown[0]);
        Assert.Null(watch.Find("myvpn"));
        Assert.Equal(((LinkPhase?)null, (string?)null), shown[^1]);
        Assert.Empty(dropped);
    }

    [Fact]
    public async Task A_link_going_down_elsewhere_reads_disconnecting_while_its_pppd_still_runs()
    {
        UpAs(7001);
        using var watch = Watch();
        await watch.PollAsync();
        Assert.Equal(LinkPhase.Up, watch.Find("myvpn")!.Phase);

        _sys.Interface("ppp0", mtu: 1412, flags: 0x1090);
        await watch.PollAsync();

        var view = watch.Find("myvpn")!;
        Assert.Equal(LinkPhase.Disconnecting, view.Phase);
        Assert.Equal(LinkState.Disconnecting, view.Status.State);
        Assert.Equal("disconnecting: ppp0 lost its address or went down", view.Status.Reason);
    }

    [Fact]
    public async Task A_link_that_was_up_and_dies_is_reported_as_dropped_and_shown_failed()
    {
        UpAs(7002);
        using var watch = Watch();
        var dropped = new List<LinkDown>();
        watch.Dropped += dropped.Add;
        await watch.PollAsync();

        _sys.Kill(7002).RemoveInterface("ppp0");
        await watch.PollAsync();

        Assert.Equal("myvpn", Assert.Single(dropped).Link);
        Assert.Equal(LinkPhase.Failed, watch.Find("myvpn")!.Phase);
    }
}
