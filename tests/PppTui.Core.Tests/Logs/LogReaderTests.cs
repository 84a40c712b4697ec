namespace PppTui.Core.Tests.Logs;

public class LogReaderTests
{
    private static readonly LogReaderIdentity Root = new(true, new HashSet<string>(), "root");

    private static (SystemPaths Paths, string Syslog, LogReader Reader) Sandbox(TempDir dir)
    {
        var paths = new SystemPaths(dir.Path);
        Directory.CreateDirectory(paths.VarLog);
        var syslog = Path.Join(paths.VarLog, "syslog");
        var detector = new LogSourceDetector(paths, Root, _ => true, _ => true);
        return (paths, syslog, new LogReader(paths, new FakeCommandRunner(_ => []), detector, stateHome: Path.Join(dir.Path, "state")));
    }

    private static async Task<List<LogEvent>> Collect(IAsyncEnumerable<LogEvent> events)
    {
        var list = new List<LogEvent>();
        await foreach (var e in events) list.Add(e);
        return list;
    }

    [Fact]
    public async Task Our_own_log_is_merged_into_the_stream_by_time()
    {
        using var dir = new TempDir();
        var (paths, syslog, reader) = Sandbox(dir);
        File.WriteAllLines(syslog,
        [
            "2026-11-24T14:12:01.000000+00:00 gw pppd[7]: pppd 2.4.9 started by root, uid 0",
            "2026-11-24T14:12:03.000000+00:00 gw pppd[7]: Modem hangup",
            "2026-11-24T14:12:04.000000+00:00 gw sshd[8]: not ppp",
        ]);
        var own = AppLog.PathFor(paths, isRoot: true);
        Directory.CreateDirectory(Path.GetDirectoryName(own)!);
        File.WriteAllLines(own, ["2026-11-24T14:12:02.000000+00:00 gw ppptui[9]: [INF] Ran pppd call myvpn"]);

        var events = await Collect(reader.ReadAsync(new LogRequest { Filter = new LogFilter { Programs = LogFilter.DefaultPrograms }, Lines = 10 }));

        var lines = events.OfType<LogLineRead>().Select(e => e.Line).ToList();
        Assert.Equal(["pppd", "ppptui", "pppd"], lines.Select(l => l.Program));
        Assert.Equal("ppptui", lines[1].Source);
        Assert.IsType<LogBacklogDone>(events[^1]);
    }

    [Fact]
    public async Task Reading_everything_merges_the_same_way()
    {
        using var dir = new TempDir();
        var (paths, syslog, reader) = Sandbox(dir);
        File.WriteAllLines(syslog, ["2026-11-24T14:12:01+00:00 gw pppd[7]: a", "2026-11-24T14:12:03+00:00 gw pppd[7]: c"]);
        var own = AppLog.PathFor(paths, isRoot: true);
        Directory.CreateDirectory(Path.GetDirectoryName(own)!);
        File.WriteAllLines(own, ["2026-11-24T14:12:02+00:00 gw ppptui[9]: [INF] b"]);

        var events = await Collect(reader.ReadAsync(new LogRequest()));

        Assert.Equal(["a", "[INF] b", "c"], events.OfType<LogLineRead>().Select(e => e.Line.Message));
    }

    [Fact]
    public async Task An_explicit_file_is_read_alone()
    {
        using var dir = new TempDir();
        var (paths, _, reader) = Sandbox(dir);
        var file = dir.File("other.log");
        File.WriteAllLines(file, ["Nov 24 14:12:01 gw pppd[1]: only this"]);
        var own = AppLog.PathFor(paths, isRoot: true);
        Directory.CreateDirectory(Path.GetDirectoryName(own)!);
        File.WriteAllLines(own, ["2026-11-24T14:12:02+00:00 gw ppptui[9]: [INF] not shown"]);

        var events = await Collect(reader.ReadAsync(new LogRequest { Source = file }));

        Assert.Equal(["only this"], events.OfType<LogLineRead>().Select(e => e.Line.Message));
    }

    [Fact]
    public async Task A_profile_logfile_is_read_with_every_line_belonging_to_the_link()
    {
        using var dir = new TempDir();
        var (_, syslog, reader) = Sandbox(dir);
        File.WriteAllLines(syslog, ["Nov 24 14:12:01 gw pppd[1]: from syslog"]);
        var logfile = dir.File("ppp-myvpn.log");
        File.WriteAllLines(logfile, ["Using interface ppp0", "MS-CHAP authentication failed: E=691 Authentication failure"]);

        var events = await Collect(reader.ReadAsync(new LogRequest
        {
            ProfileLogFile = logfile, ProfileName = "myvpn", Lines = 5, Filter = new LogFilter { Link = "myvpn" },
        }));

        var lines = events.OfType<LogLineRead>().Select(e => e.Line).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal("myvpn", l.Link));
        Assert.Equal("auth-rejected", lines[1].Diagnosis?.Code);
    }

    [Fact]
    public async Task No_readable_source_throws_with_the_reason()
    {
        using var dir = new TempDir();
        var paths = new SystemPaths(dir.Path);
        var reader = new LogReader(paths, new FakeCommandRunner(_ => []), new LogSourceDetector(paths, Root, _ => false));

        var e = await Assert.ThrowsAsync<LogSourceException>(() => Collect(reader.ReadAsync(new LogRequest())));

        Assert.Contains("journalctl is not installed", e.Message);
    }

    [Fact]
    public async Task Following_after_the_backlog_delivers_new_lines_live()
    {
        using var dir = new TempDir();
        var (_, syslog, reader) = Sandbox(dir);
        File.WriteAllLines(syslog, ["Nov 24 14:12:01 gw pppd[1]: old"]);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var request = new LogRequest
        {
            Lines = 5, Follow = true, IncludeOwnLog = false,
            FollowOptions = new FollowOptions(TimeSpan.FromMilliseconds(20), true, TimeSpan.FromMilliseconds(100)),
        };

        var seen = new List<string>();
        await foreach (var e in reader.ReadAsync(request, stop.Token))
        {
            if (e is LogBacklogDone) File.AppendAllText(syslog, "Nov 24 14:12:02 gw pppd[1]: new\n");
            if (e is LogLineRead r) seen.Add(r.Line.Message);
            if (seen.Count == 2) break;
        }

        Assert.Equal(["old", "new"], seen);
    }
}
