using PppTui.Core.Tests.Dialing;

namespace PppTui.Core.Tests.Status;

/// <summary>The kernel's notices as a test sets them: tables it fills by hand, a change it raises when it says.</summary>
internal sealed class FakeKernelNotices : IKernelNotices
{
    public KernelTables Tables { get; } = new();
    public bool Ready { get; set; } = true;
    public event Action? Changed;
    public event Action<Exception>? Failed;

    public void RaiseChanged() => Changed?.Invoke();
    public void RaiseFailed(Exception e) => Failed?.Invoke(e);
    public void Dispose() { }
}

public sealed class KernelNoticesTests : IDisposable
{
    private const int Ppp0 = 7;
    private readonly FakeSystem _sys = new FakeSystem().Peer("myvpn", "require-mppe-128\nmtu 1416\ndefaultroute\n");

    // Whatever runs is recorded and fails: the kernel's tables are the only source these tests give.
    private readonly FakeCommandRunner _runner = new() { Run = spec => new CommandResult(1, "", spec.Program + ": not faked", TimeSpan.Zero) };

    public void Dispose() => _sys.Dispose();

    private void PppdWithInterface(int pid) =>
        _sys.Pppd(pid, "call", "myvpn", "updetach").LinkPidFile("myvpn", pid, "ppp0").InterfacePidFile("ppp0", pid).Interface("ppp0", mtu: 1412);

    private static void Ppp0Up(KernelTables tables)
    {
        tables.Apply(new RtMessage(RtMessageKind.NewLink, 0, Link: new RtLink(Ppp0, "ppp0", 0x10d1, 1412, 0)));
        tables.Apply(new RtMessage(RtMessageKind.NewAddress, 0, Address: new RtAddress(Ppp0, "inet", 32, "198.51.100.10", "198.51.100.1")));
        tables.Apply(new RtMessage(RtMessageKind.NewRoute, 0,
            Route: new RtRoute("inet", 254, 32, "198.51.100.1", null, Ppp0, null, 2, 253, 1, "198.51.100.10")));
        tables.Apply(new RtMessage(RtMessageKind.NewRoute, 0, Route: new RtRoute("inet", 254, 0, null, null, Ppp0, null, 3, 253, 1, null)));
    }

    private LinkServices Services(IKernelNotices? notices, KernelTables? dump) =>
        new(_sys.Paths, _runner, new FakeProcessSignals(), new PeerOptionsFileReader(_sys.Paths), new FakeLinkDiagnoser(), new FakeLogReader(),
            new PppdCommands("pppd"), () => true, TimeProvider.System, new DialTimings(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20)))
        {
            OpenKernelWatch = () => notices,
            ReadKernelTables = _ => Task.FromResult(dump),
            KernelSource = "rtnetlink",
        };

    // Completes once the watch shows myvpn as wanted.
    private static Task Shows(LinkWatch watch, Func<LinkView, bool> wanted)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watch.Changed += (_, _) =>
        {
            if (watch.Find("myvpn") is { } view && wanted(view)) seen.TrySetResult();
        };
        return seen.Task;
    }

    [Fact]
    public async Task A_status_read_takes_addresses_and_routes_from_one_read_of_the_kernel_s_tables_and_runs_no_ip()
    {
        PppdWithInterface(7001);
        var tables = new KernelTables();
        Ppp0Up(tables);
        var manager = new LinkManager(Services(null, tables));

        var status = Assert.Single((await manager.StatusAsync()).Links);

        Assert.Equal(LinkState.Up, status.State);
        Assert.Equal(("198.51.100.10", "198.51.100.1"), (status.LocalAddress, status.PeerAddress));
        Assert.Equal(["default dev ppp0 scope link", "198.51.100.1 dev ppp0 proto kernel scope link src 198.51.100.10"], status.Routes);
        Assert.True(status.OwnsDefaultRoute);
        Assert.DoesNotContain(_runner.Specs, s => s.Program == "ip");
    }

    [Fact]
    public async Task Where_the_kernel_s_tables_cannot_be_read_the_status_runs_ip_instead()
    {
        PppdWithInterface(7002);
        _runner.Run = FakeCommandRunner.Ip(IpJson.Routes(), i => IpJson.PppAddress(i, "198.51.100.10", "198.51.100.1"));
        var manager = new LinkManager(Services(null, dump: null));

        var status = Assert.Single((await manager.StatusAsync()).Links);

        Assert.Equal(LinkState.Up, status.State);
        Assert.Contains(_runner.Specs, s => s.Program == "ip" && s.Arguments.Contains("addr"));
        Assert.Contains(_runner.Specs, s => s.Program == "ip" && s.Arguments.Contains("route"));
    }

    [Fact]
    public async Task A_new_address_the_kernel_tells_of_shows_the_link_up_without_waiting_for_the_next_look()
    {
        // pppd runs and ppp0 exists, but has no address yet: connecting, and the watch would look
        // again only after an hour. Only the kernel's notice can make it look sooner.
        PppdWithInterface(7003);
        var kernel = new FakeKernelNotices();
        kernel.Tables.Apply(new RtMessage(RtMessageKind.NewLink, 0, Link: new RtLink(Ppp0, "ppp0", 0x10d1, 1412, 0)));
        using var watch = new LinkWatch(new LinkManager(Services(kernel, null))) { Interval = TimeSpan.FromHours(1) };
        var connecting = Shows(watch, v => v.Phase == LinkPhase.Connecting);
        var up = Shows(watch, v => v.Phase == LinkPhase.Up && v.Status.LocalAddress is not null);
        watch.Start();
        await connecting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(watch.EventDriven);
        Assert.Equal("rtnetlink", watch.Source);

        Ppp0Up(kernel.Tables);
        kernel.RaiseChanged();
        await up.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("198.51.100.1", watch.Find("myvpn")!.Status.PeerAddress);
        Assert.DoesNotContain(_runner.Specs, s => s.Program == "ip");
    }

    [Fact]
    public async Task An_up_link_whose_interface_loses_its_address_in_the_kernel_s_tables_reads_disconnecting()
    {
        PppdWithInterface(7004);
        var kernel = new FakeKernelNotices();
        Ppp0Up(kernel.Tables);
        using var watch = new LinkWatch(new LinkManager(Services(kernel, null))) { Interval = TimeSpan.FromHours(1) };
        var up = Shows(watch, v => v.Phase == LinkPhase.Up);
        var going = Shows(watch, v => v.Phase == LinkPhase.Disconnecting);
        watch.Start();
        await up.WaitAsync(TimeSpan.FromSeconds(30));

        // pppd took the address away (SIGTERM): /sys still shows ppp0 up, only the kernel's notice tells.
        kernel.Tables.Apply(new RtMessage(RtMessageKind.DelAddress, 0, Address: new RtAddress(Ppp0, "inet", 32, "198.51.100.10", "198.51.100.1")));
        kernel.RaiseChanged();
        await going.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.DoesNotContain(_runner.Specs, s => s.Program == "ip");
    }

    [Fact]
    public void Without_the_kernel_s_notices_the_watch_says_it_reads_the_links_with_ip()
    {
        using var watch = new LinkWatch(new LinkManager(Services(null, null) with { KernelSource = "rtnetlink" }));
        watch.Start();
        Assert.False(watch.EventDriven);
        Assert.StartsWith("ip (", watch.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interface_going_down_takes_its_ipv4_routes_with_it_as_the_kernel_flushes_them_without_a_notice_each()
    {
        var tables = new KernelTables();
        Ppp0Up(tables);
        tables.Apply(new RtMessage(RtMessageKind.NewRoute, 0,
            Route: new RtRoute("inet6", 254, 64, "fe80::", null, Ppp0, 256, 2, 0, 1, null)));

        tables.Apply(new RtMessage(RtMessageKind.NewLink, 0, Link: new RtLink(Ppp0, "ppp0", 0x1090, 1412, 2)));

        Assert.Empty(tables.Routes());
        Assert.Single(tables.Ipv6Routes());
    }

    [Fact]
    public void An_interface_that_goes_away_leaves_no_address_or_route_behind()
    {
        var tables = new KernelTables();
        Ppp0Up(tables);

        tables.Apply(new RtMessage(RtMessageKind.DelLink, 0, Link: new RtLink(Ppp0, "ppp0", 0, null, null)));

        Assert.Empty(tables.Routes());
        Assert.Null(tables.Interface("ppp0"));
    }

    [Fact]
    public void Every_change_moves_the_tables_version_and_a_message_that_changes_nothing_does_not()
    {
        var tables = new KernelTables();
        var before = tables.Version;
        Ppp0Up(tables);
        var after = tables.Version;

        tables.Apply(new RtMessage(RtMessageKind.DelAddress, 0, Address: new RtAddress(99, "inet", 24, "192.0.2.1", "192.0.2.1")));

        Assert.True(after > before);
        Assert.Equal(after, tables.Version);
    }
}
