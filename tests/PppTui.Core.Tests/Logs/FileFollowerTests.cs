namespace PppTui.Core.Tests.Logs;

public class FileFollowerTests
{
    // Fast polling keeps the tests quick; the inotify watcher is on as in production.
    private static readonly FollowOptions Fast = new(TimeSpan.FromMilliseconds(20), true, TimeSpan.FromMilliseconds(300));

    private sealed class Follow : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));
        private readonly Task _pump;
        private readonly List<LogLine> _lines = [];

        public Follow(string path, long offset = 0, LogFilter? filter = null)
        {
            var follower = new FileFollower(new LogFileSource(path), filter ?? LogFilter.All, options: Fast);
            _pump = Task.Run(async () =>
            {
                await foreach (var line in follower.FollowAsync(offset, null, _stop.Token))
                    lock (_lines) _lines.Add(line);
            });
        }

        public List<string> Messages
        {
            get { lock (_lines) return _lines.Select(l => l.Text).ToList(); }
        }

        public async Task<List<string>> WaitFor(Func<List<string>, bool> done)
        {
            var until = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < until)
            {
                var now = Messages;
                if (done(now)) return now;
                await Task.Delay(10);
            }
            return Messages;
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            await _pump;
            _stop.Dispose();
        }
    }

    private static void Append(string path, params string[] lines) =>
        File.AppendAllText(path, string.Concat(lines.Select(l => l + "\n")));

    private static List<string> Real(List<string> lines) => lines.Where(l => !l.StartsWith("--", StringComparison.Ordinal)).ToList();

    // A syslog file in dir holding text, as the follower finds it.
    private static string SyslogIn(TempDir dir, string text)
    {
        var path = dir.File("syslog");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Appended_lines_arrive_in_order()
    {
        using var dir = new TempDir();
        var path = SyslogIn(dir, "old\n");
        await using var follow = new Follow(path, offset: 4);

        Append(path, "one", "two");
        Append(path, "three");

        Assert.Equal(["one", "two", "three"], await follow.WaitFor(l => l.Count >= 3));
    }

    [Fact]
    public async Task A_line_written_in_pieces_arrives_whole()
    {
        using var dir = new TempDir();
        var path = SyslogIn(dir, "");
        await using var follow = new Follow(path);

        File.AppendAllText(path, "half a ");
        await Task.Delay(100);
        Assert.Empty(follow.Messages);
        File.AppendAllText(path, "line\n");

        Assert.Equal(["half a line"], await follow.WaitFor(l => l.Count >= 1));
    }

    [Fact]
    public async Task Rotation_loses_no_line_written_before_or_after_it()
    {
        using var dir = new TempDir();
        var path = SyslogIn(dir, "");
        await using var follow = new Follow(path);
        Append(path, "ready");
        await follow.WaitFor(l => l.Count >= 1);

        Append(path, "before 1", "before 2");
        // logrotate: rename, then the writer adds a last line to the old file before reopening.
        File.Move(path, dir.File("syslog.1"));
        Append(dir.File("syslog.1"), "late into old");
        Append(path, "after 1");
        Append(path, "after 2");

        var lines = Real(await follow.WaitFor(l => Real(l).Count >= 6)).Skip(1).ToList();
        // The old file's late line may come before or after the new file's first lines; none is lost.
        Assert.Equal(["after 1", "after 2", "before 1", "before 2", "late into old"], lines.Order(StringComparer.Ordinal));
        Assert.True(lines.IndexOf("before 2") < lines.IndexOf("after 1"));
        Assert.Contains(follow.Messages, m => m.Contains("rotated"));
    }

    [Fact]
    public async Task A_rotation_between_backlog_and_follow_is_caught_up_from_the_old_file()
    {
        using var dir = new TempDir();
        var path = SyslogIn(dir, "in backlog\n");
        var backlog = new LogFileSource(path).ReadNewest(10, LogFilter.All);
        Append(path, "after backlog, before rotation");
        File.Move(path, dir.File("syslog.1"));
        Append(path, "in the new file");

        var follower = new FileFollower(new LogFileSource(path), LogFilter.All, options: Fast);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var lines = new List<string>();
        await foreach (var line in follower.FollowAsync(backlog.ResumeOffset, backlog.Identity, stop.Token))
        {
            lines.Add(line.Text);
            if (Real(lines).Count == 2) break;
        }

        Assert.Equal(["after backlog, before rotation", "in the new file"], Real(lines).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Truncation_is_followed_from_the_start_of_the_file()
    {
        using var dir = new TempDir();
        var path = SyslogIn(dir, "");
        await using var follow = new Follow(path);
        Append(path, "a long first line before copytruncate", "second");
        await follow.WaitFor(l => l.Count >= 2);

        File.WriteAllText(path, ""); // copytruncate
        await Task.Delay(100);
        Append(path, "new");

        var lines = await follow.WaitFor(l => l.Contains("new"));
        Assert.Equal(["a long first line before copytruncate", "second", "new"], Real(lines));
        Assert.Contains(lines, m => m.Contains("truncated"));
    }

    [Fact]
    public async Task A_file_that_appears_later_is_read_from_its_start()
    {
        using var dir = new TempDir();
        var path = dir.File("ppp-myvpn.log");
        await using var follow = new Follow(path);
        await Task.Delay(100);

        Append(path, "Using interface ppp0", "Connect: ppp0 <--> /dev/pts/1");

        Assert.Equal(["Using interface ppp0", "Connect: ppp0 <--> /dev/pts/1"], Real(await follow.WaitFor(l => Real(l).Count >= 2)));
    }

    [Fact]
    public async Task Following_applies_the_filter()
    {
        using var dir = new TempDir();
        var path = SyslogIn(dir, "");
        await using var follow = new Follow(path, filter: new LogFilter { Pattern = LogFilter.CompilePattern(@"pppd\[") });

        Append(path, "Nov 24 14:12:01 gw kernel: x", "Nov 24 14:12:01 gw pppd[1]: y", "Nov 24 14:12:01 gw sshd[2]: z", "Nov 24 14:12:02 gw pppd[1]: w");

        Assert.Equal(["Nov 24 14:12:01 gw pppd[1]: y", "Nov 24 14:12:02 gw pppd[1]: w"], await follow.WaitFor(l => l.Count >= 2));
    }
}
