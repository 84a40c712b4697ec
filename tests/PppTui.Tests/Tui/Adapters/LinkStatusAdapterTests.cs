namespace PppTui.Tests.Tui.Adapters;

public sealed class LinkStatusAdapterTests : IDisposable
{
    private readonly Sandbox _sandbox = new Sandbox().WithMyVpn();
    private readonly FakeDialRunner _runner = new();
    private readonly FakeSignals _signals = new();
    private readonly ErrorLog _errors = new();

    public void Dispose() => _sandbox.Dispose();

    private LinkStatusAdapter Links(bool isRoot = true) =>
        new(FakeLinks.Manager(_sandbox, _runner, _signals, isRoot), _errors) { ConnectWait = TimeSpan.FromSeconds(10) };

    private void DialsUp()
    {
        _runner.Dial = FakeDialRunner.PptpDialUp;
        _runner.BeforeExit = () => _sandbox.RunningPppd(101, "myvpn");
    }

    [Fact]
    public async Task Connect_runs_pppd_call_and_the_ip_pane_gets_the_interface_address_and_mtu()
    {
        DialsUp();
        var links = Links();
        var profiles = new ProfileListAdapter(_sandbox.Service, _errors, links);
        profiles.Reload();
        await links.PollAsync();
        Assert.Equal(LinkPhase.Down, profiles.Profiles.Single().State);
        var states = new List<LinkPhase>();
        links.Changed += (_, _) => states.Add(links.StateOf("myvpn"));

        var result = await links.ConnectAsync("myvpn", CancellationToken.None);

        Assert.Equal(ActionStatus.Done, result.Status);
        Assert.Equal("myvpn is up on ppp0, 198.51.100.10 → 198.51.100.1, mtu 1412", result.Summary);
        Assert.Equal(["call", "myvpn", "updetach"], _runner.DialSpecs.Single().Arguments);
        Assert.Contains(LinkPhase.Connecting, states);
        var row = Assert.Single(links.Links);
        Assert.Equal(("myvpn", "ppp0", LinkPhase.Up, 1412), (row.Profile, row.Interface, row.State, row.Mtu));
        Assert.Equal(["198.51.100.10"], row.Addresses);
        Assert.Equal("198.51.100.1", row.PeerAddress);
        Assert.Equal(2048, row.RxBytes);
        Assert.Equal("mtu 1416 configured, 1412 after MPPE (MPPE takes 4 bytes)", row.Detail);
        Assert.Equal(LinkPhase.Up, profiles.Profiles.Single().State);
        Assert.True(links.PidBelongsTo("myvpn", 101));
    }

    [Fact]
    public async Task A_failed_connect_gives_the_diagnosis_cause_and_fix_and_the_badge_says_failed()
    {
        _runner.Dial =
        [
            new CommandStarted(100), new CommandOutputLine("Using interface ppp0", false),
            new CommandOutputLine("MS-CHAP authentication failed: E=691 Authentication failure", false),
            new CommandOutputLine("CHAP authentication failed", false), new CommandExited(19),
        ];
        var links = Links();

        var result = await links.ConnectAsync("myvpn", CancellationToken.None);

        Assert.Equal(ActionStatus.Failed, result.Status);
        Assert.Equal("Connect myvpn", result.Error!.What);
        Assert.Contains("Authentication failed", result.Error.Cause);
        Assert.Contains("Check the password", result.Error.Fix);
        Assert.Contains("evidence: MS-CHAP authentication failed: E=691", result.Error.Context);
        Assert.Contains("pppd exit status 19", result.Error.Context);
        Assert.Equal(LinkPhase.Failed, links.StateOf("myvpn"));
        Assert.Contains("Authentication failed", links.Links.Single().Detail);
    }

    [Fact]
    public async Task Without_root_on_the_live_system_the_core_refuses_and_nothing_runs()
    {
        var links = new LinkStatusAdapter(FakeLinks.Manager(_sandbox, _runner, _signals, isRoot: false, paths: new SystemPaths("/")), _errors);

        var result = await links.ConnectAsync("myvpn", CancellationToken.None);

        Assert.Equal(ActionStatus.Failed, result.Status);
        Assert.Contains("connect needs root", result.Error!.Cause);
        Assert.Equal("Run it as root: sudo ppptui connect myvpn", result.Error.Fix);
        Assert.Empty(_runner.DialSpecs);
        Assert.NotEqual(LinkPhase.Connecting, links.StateOf("myvpn"));
    }

    [Fact]
    public async Task Disconnect_stops_the_links_pppd_and_the_link_leaves_the_pane()
    {
        _sandbox.RunningPppd(300, "myvpn");
        _signals.OnTerm = pid => _sandbox.PppdGone(pid, "myvpn");
        var links = Links();
        await links.PollAsync();
        Assert.Equal(LinkPhase.Up, links.StateOf("myvpn"));

        var result = await links.DisconnectAsync("myvpn", CancellationToken.None);

        Assert.Equal(ActionStatus.Done, result.Status);
        Assert.Contains("myvpn is down", result.Summary);
        Assert.Equal([(300, ProcessSignal.Terminate)], _signals.Sent);
        Assert.Empty(links.Links);
        Assert.Equal(LinkPhase.Down, links.StateOf("myvpn"));
        Assert.Empty(_errors.Errors); // asked for: not a failure
    }

    [Fact]
    public async Task A_link_that_drops_on_its_own_is_reported_in_the_error_place()
    {
        _sandbox.RunningPppd(400, "myvpn");
        var links = Links();
        await links.PollAsync();
        await links.PollAsync();
        Assert.Equal(LinkPhase.Up, links.StateOf("myvpn"));

        _sandbox.PppdGone(400, "myvpn");
        await links.PollAsync();

        var error = Assert.Single(_errors.Errors);
        Assert.Equal("myvpn went down", error.What);
        Assert.NotEqual(LinkPhase.Up, links.StateOf("myvpn"));
    }

    [Fact]
    public async Task Rates_come_from_two_samples_of_the_counters()
    {
        _sandbox.RunningPppd(500, "myvpn", rx: 1000, tx: 500);
        var links = Links();
        await links.PollAsync();
        _sandbox.RunningPppd(500, "myvpn", rx: 201_000, tx: 100_500);
        await Task.Delay(300);

        await links.PollAsync();

        var row = links.Links.Single();
        Assert.Equal(201_000, row.RxBytes);
        Assert.True(row.RxRate > 0 && row.TxRate > 0, $"rates {row.RxRate} {row.TxRate}");
    }

    [Fact]
    public async Task The_route_pane_names_the_owner_of_the_default_route_and_the_trap_when_the_link_did_not_take_it()
    {
        _sandbox.RunningPppd(600, "myvpn");
        var links = Links();
        var routes = new RouteAdapter(links);

        _runner.Routes = """[{"dst":"default","gateway":"192.0.2.254","dev":"eth0","protocol":"dhcp","metric":100,"flags":[]},{"dst":"198.51.100.1","dev":"ppp0","protocol":"kernel","scope":"link","prefsrc":"198.51.100.10","flags":[]}]""";
        await links.PollAsync();

        Assert.Equal("eth0 (not a ppp link)", routes.DefaultRouteOwner);
        var ppp = routes.Routes.Single(r => r.Device == "ppp0");
        Assert.True(ppp.ViaPpp);
        Assert.Equal("myvpn", ppp.Owner);
        var warning = Assert.Single(routes.Warnings, w => w.Text.Contains("defaultroute"));
        Assert.StartsWith("myvpn: ", warning.Text);
        Assert.Contains("replacedefaultroute", warning.Fix);
    }

    [Fact]
    public async Task When_the_link_owns_the_default_route_the_pane_says_whose_it_is()
    {
        _sandbox.RunningPppd(700, "myvpn");
        _runner.Routes = """[{"dst":"default","dev":"ppp0","scope":"link","flags":[]}]""";
        var links = Links();
        var routes = new RouteAdapter(links);

        await links.PollAsync();

        Assert.Equal("myvpn (ppp0)", routes.DefaultRouteOwner);
        Assert.True(routes.Routes.Single().IsDefault);
        Assert.DoesNotContain(routes.Warnings, w => w.Text.Contains("default route"));
    }
}
