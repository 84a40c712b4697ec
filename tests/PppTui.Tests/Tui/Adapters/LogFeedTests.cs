namespace PppTui.Tests.Tui.Adapters;

public sealed class LogFeedTests : IDisposable
{
    private readonly Sandbox _sandbox = new();
    private readonly LogModel _model = new(1000);
    private readonly ErrorLog _errors = new();

    public void Dispose() => _sandbox.Dispose();

    private LogFeed Feed(LinkStatusAdapter? links = null, int backlog = 500) =>
        new(_sandbox.Paths, new FakeDialRunner(), _model, _errors, links,
            new LogSourceDetector(_sandbox.Paths, new LogReaderIdentity(true, new HashSet<string>(), "root"), _ => false))
        {
            Backlog = backlog,
            FollowOptions = new FollowOptions(TimeSpan.FromMilliseconds(20), false, TimeSpan.FromSeconds(2)),
        };

    private static void Until(Func<bool> condition, LogModel model)
    {
        var deadline = Environment.TickCount64 + 5000;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline) throw new TimeoutException("not within 5 s; lines: " + model.Count);
            Thread.Sleep(10);
            model.Pump();
        }
    }

    private IEnumerable<LogLine> Lines() => Enumerable.Range(0, _model.Count).Select(i => _model[i]);

    [Fact]
    public void The_auto_source_gives_the_newest_ppp_lines_then_follows_and_a_diagnosed_line_gets_its_diagnosis_marked()
    {
        _sandbox.Write("/var/log/syslog",
            "Nov 24 10:00:00 box cron[7]: not a ppp line\n" +
            "Nov 24 10:00:01 box pppd[900]: pppd 2.4.9 started by root, uid 0\n" +
            "Nov 24 10:00:02 box pppd[900]: Using interface ppp0\n");
        using var feed = Feed();
        feed.Start();
        Until(() => _model.Count >= 2, _model);

        Assert.Equal(["pppd 2.4.9 started by root, uid 0", "Using interface ppp0"], Lines().Select(l => l.Message));
        Assert.Equal("pppd[900]", _model[0].Label);
        Assert.Equal(900, _model[0].Pid);
        Assert.EndsWith("var/log/syslog", _model.SourceName);

        File.AppendAllText(_sandbox.Paths.Under("/var/log/syslog"),
            "Nov 24 10:00:03 box pppd[900]: MS-CHAP authentication failed: E=691 Authentication failure\n");
        Until(() => _model.Count >= 4, _model);

        var failed = _model[2];
        Assert.Equal(LogSeverity.Error, failed.Severity);
        var diagnosis = _model[3];
        Assert.Equal(LogLineKind.Diagnosis, diagnosis.Kind);
        Assert.Contains("Fix: ", diagnosis.Message);
        Assert.Equal(900, diagnosis.Pid);
        Assert.Empty(_errors.Errors);
    }

    [Fact]
    public void Only_the_newest_backlog_lines_are_read_at_start()
    {
        _sandbox.Write("/var/log/syslog", string.Concat(Enumerable.Range(1, 50).Select(i => $"Nov 24 10:00:{i % 60:00} box pppd[1]: line {i}\n")));
        using var feed = Feed(backlog: 5);
        feed.Start();
        Until(() => _model.Count >= 5, _model);
        Thread.Sleep(100);
        _model.Pump();

        Assert.Equal(["line 46", "line 47", "line 48", "line 49", "line 50"], Lines().Select(l => l.Message));
    }

    [Fact]
    public async Task The_link_view_keeps_the_lines_of_the_links_pppd_processes_even_those_read_before_its_pid_was_known()
    {
        _sandbox.WithMyVpn();
        _sandbox.Write("/var/log/syslog",
            "Nov 24 10:00:01 box pppd[900]: MPPE 128-bit stateless compression enabled\n" +
            "Nov 24 10:00:02 box pppd[555]: another link's line\n");
        var links = new LinkStatusAdapter(FakeLinks.Manager(_sandbox, new FakeDialRunner(), new FakeSignals()), _errors);
        using var feed = Feed(links);
        feed.Start();
        Until(() => _model.Count >= 2, _model);

        _model.Link = "myvpn";
        Assert.Equal(0, _model.Count);

        _sandbox.RunningPppd(900, "myvpn");
        var grew = false;
        links.PidsChanged += (_, _) => grew = true;
        await links.PollAsync();
        Assert.True(grew);
        _model.RefreshLink();

        Assert.Equal(["MPPE 128-bit stateless compression enabled"], Lines().Select(l => l.Message));
        _model.Link = null;
        Assert.Equal(2, _model.Count);
    }

    [Fact]
    public async Task Without_a_readable_log_the_reason_goes_to_the_error_place_and_dial_lines_are_shown_instead()
    {
        _sandbox.WithMyVpn();
        var runner = new FakeDialRunner
        {
            Dial = [new PppTui.Core.Processes.CommandStarted(100), new PppTui.Core.Processes.CommandOutputLine("Using interface ppp0", false),
                new PppTui.Core.Processes.CommandOutputLine("LCP: timeout sending Config-Requests", false), new PppTui.Core.Processes.CommandExited(10)],
        };
        var links = new LinkStatusAdapter(FakeLinks.Manager(_sandbox, runner, new FakeSignals()), _errors);
        using var feed = Feed(links);
        feed.Start();
        await feed.Running;

        var error = Assert.Single(_errors.Errors);
        Assert.Equal("Read the pppd log", error.What);
        Assert.Contains("No readable log source", error.Cause);
        Assert.Contains("shown meanwhile", error.Fix);
        Assert.Equal("dials only", _model.SourceName);

        await links.ConnectAsync("myvpn", CancellationToken.None);
        _model.Pump();

        Assert.Contains(Lines(), l => l.Message == "LCP: timeout sending Config-Requests" && l.Link == "myvpn");
        Assert.Contains(Lines(), l => l.Kind == LogLineKind.Diagnosis && l.Link == "myvpn");
    }
}
