using System.CommandLine;

namespace PppTui.Tests.Cli;

public sealed class LogVerbsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ppptui-cli-logs-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public LogVerbsTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, true);
        }
        catch (IOException)
        {
        }
    }

    private CliApp App() => new(new CliIO(_out, _err, TextReader.Null, false));

    private int Run(params string[] args) => App().Run(args);

    private string[] Output => _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    // A realistic Debian syslog: both timestamp styles, pppd among other programs.
    private string WriteSyslog(int noise = 2000)
    {
        var path = Path.Combine(_root, "syslog");
        using var w = new StreamWriter(path);
        for (int i = 0; i < noise; i++)
        {
            w.WriteLine($"2026-11-24T14:{i / 60 % 60:00}:{i % 60:00}.000000+00:00 gw CRON[{5000 + i}]: (root) CMD (run-parts /etc/cron.hourly)");
            if (i % 10 == 0) w.WriteLine($"Nov 24 14:{i / 60 % 60:00}:{i % 60:00} gw pppd[{1000 + i / 100}]: sent [LCP EchoReq id=0x{i % 256:x} magic=0x5b1e]");
            if (i % 97 == 0) w.WriteLine($"Nov 24 14:{i / 60 % 60:00}:{i % 60:00} gw kernel: [ {i}.0] audit: pppd mentioned by the kernel");
        }
        w.WriteLine("Nov 24 15:00:00 gw pppd[1234]: MS-CHAP authentication failed: E=691 Authentication failure");
        return path;
    }

    [Fact]
    public void The_newest_lines_matching_grep_are_printed_like_grep_then_tail()
    {
        var path = WriteSyslog();

        var code = Run("logs", "--source", path, "--grep", "pppd", "--lines", "100");

        var expected = File.ReadLines(path).Where(l => l.Contains("pppd")).TakeLast(100).ToArray();
        Assert.Equal(0, code);
        Assert.Equal(expected, Output);
        Assert.Equal("", _err.ToString());
    }

    [Fact]
    public void Without_grep_only_ppp_programs_are_shown()
    {
        var path = WriteSyslog(200);

        Run("logs", "--source", path);

        Assert.NotEmpty(Output);
        Assert.All(Output, l => Assert.Contains(" pppd[", l));
    }

    [Fact]
    public void Json_gives_one_object_per_line_with_the_diagnosis()
    {
        var path = WriteSyslog(50);

        Run("logs", "--source", path, "--lines", "1", "--json");

        var line = Assert.Single(Output);
        using var doc = JsonDocument.Parse(line);
        Assert.Equal("pppd", doc.RootElement.GetProperty("program").GetString());
        Assert.Equal(1234, doc.RootElement.GetProperty("pid").GetInt32());
        Assert.Equal("auth-rejected", doc.RootElement.GetProperty("diagnosis").GetProperty("code").GetString());
        Assert.Equal(19, doc.RootElement.GetProperty("diagnosis").GetProperty("exit_status").GetInt32());
    }

    [Fact]
    public void Explain_prints_the_cause_and_fix_under_a_marked_line()
    {
        var path = WriteSyslog(50);

        Run("logs", "--source", path, "--lines", "1", "--explain");

        Assert.Equal(2, Output.Length);
        Assert.Contains("MS-CHAP error 691", Output[1]);
        Assert.Contains("Fix:", Output[1]);
    }

    [Fact]
    public void Invert_and_priority_filter()
    {
        var path = WriteSyslog(50);

        Run("logs", "--source", path, "--grep", "EchoReq|CRON|kernel", "--invert");
        var inverted = Output;
        _out.GetStringBuilder().Clear();
        Run("logs", "--source", path, "--priority", "err");

        Assert.Equal(["Nov 24 15:00:00 gw pppd[1234]: MS-CHAP authentication failed: E=691 Authentication failure"], inverted);
        Assert.Equal(inverted, Output);
    }

    [Fact]
    public void A_missing_file_is_not_found()
    {
        var code = Run("logs", "--source", Path.Combine(_root, "nope.log"));
        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("does not exist", _err.ToString());
    }

    [Fact]
    public void No_readable_source_fails_with_the_reason()
    {
        var code = Run("logs", "--root", _root, "--source", "auto");
        Assert.True(code == ExitCodes.Failure, _err.ToString());
        Assert.Contains("No readable log source", _err.ToString());
        Assert.Contains("syslog", _err.ToString());
    }

    [Fact]
    public void A_bad_regex_is_a_usage_error_that_says_where()
    {
        var code = Run("logs", "--source", WriteSyslog(5), "--grep", "pppd[");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("not a valid regular expression", _err.ToString());
    }

    [Fact]
    public void An_unknown_profile_is_not_found()
    {
        var code = Run("logs", "ghost", "--root", _root);
        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("no profile or peers file named 'ghost'", _err.ToString());
    }

    [Fact]
    public void A_profile_with_a_logfile_shows_that_file()
    {
        Directory.CreateDirectory(Path.Combine(_root, "etc", "ppp", "peers"));
        File.WriteAllText(Path.Combine(_root, "etc", "ppp", "peers", "myvpn"), "pty \"pptp vpn.example.net --nolaunchpppd\"\n# logfile /wrong\nlogfile /var/log/ppp-myvpn.log\nname alice\n");
        Directory.CreateDirectory(Path.Combine(_root, "var", "log"));
        File.WriteAllLines(Path.Combine(_root, "var", "log", "ppp-myvpn.log"), ["Using interface ppp0", "LCP: timeout sending Config-Requests"]);

        var code = Run("logs", "myvpn", "--root", _root, "--json");

        Assert.Equal(0, code);
        Assert.Equal(2, Output.Length);
        Assert.All(Output, l => Assert.Contains("\"link\":\"myvpn\"", l));
    }

    [Fact]
    public void A_running_link_is_told_apart_by_its_pid_file()
    {
        Directory.CreateDirectory(Path.Combine(_root, "etc", "ppp", "peers"));
        File.WriteAllText(Path.Combine(_root, "etc", "ppp", "peers", "office"), "plugin rp-pppoe.so eth0\n");
        Directory.CreateDirectory(Path.Combine(_root, "run"));
        File.WriteAllText(Path.Combine(_root, "run", "ppp-office.pid"), "4321\nppp0\n");
        var syslog = Path.Combine(_root, "syslog");
        File.WriteAllLines(syslog,
        [
            "Nov 24 14:12:01 gw pppd[4321]: Using interface ppp0",
            "Nov 24 14:12:01 gw pppd[999]: another link",
            "Nov 24 14:12:02 gw pppd[4321]: Timeout waiting for PADO packets",
        ]);

        Run("logs", "office", "--root", _root, "--source", syslog);

        Assert.Equal(["Nov 24 14:12:01 gw pppd[4321]: Using interface ppp0", "Nov 24 14:12:02 gw pppd[4321]: Timeout waiting for PADO packets"], Output);
    }

    [Fact]
    public void A_profile_that_is_not_running_shows_every_ppp_line_and_says_why()
    {
        Directory.CreateDirectory(Path.Combine(_root, "etc", "ppp", "peers"));
        File.WriteAllText(Path.Combine(_root, "etc", "ppp", "peers", "idle"), "noauth\n");
        var syslog = WriteSyslog(20);

        Run("logs", "idle", "--root", _root, "--source", syslog, "--lines", "3");

        Assert.Equal(3, Output.Length);
        Assert.Contains("is not running", _err.ToString());
    }

    [Fact]
    public async Task Follow_keeps_up_across_a_rotation()
    {
        var syslog = Path.Combine(_root, "syslog");
        File.WriteAllLines(syslog, ["Nov 24 14:12:00 gw pppd[1]: before"]);
        var app = App();
        var parse = app.BuildRoot().Parse(["logs", "--source", syslog, "--follow", "--lines", "10"]);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = parse.InvokeAsync(new InvocationConfiguration { Output = _out, Error = _err }, stop.Token);

        await WaitFor(() => _out.ToString().Contains("before"));
        File.AppendAllText(syslog, "Nov 24 14:12:01 gw pppd[1]: still the old file\n");
        await WaitFor(() => _out.ToString().Contains("still the old file"));
        File.Move(syslog, syslog + ".1");
        File.AppendAllText(syslog + ".1", "Nov 24 14:12:02 gw pppd[1]: late into the old file\n");
        File.AppendAllText(syslog, "Nov 24 14:12:03 gw pppd[1]: in the new file\n");
        await WaitFor(() => _out.ToString().Contains("in the new file") && _out.ToString().Contains("late into the old file"));
        stop.Cancel();
        var code = await run;

        Assert.Equal(0, code);
        var lines = Output.Where(l => l.Contains("pppd[1]")).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Equal("Nov 24 14:12:00 gw pppd[1]: before", lines[0]);
        Assert.Equal("Nov 24 14:12:01 gw pppd[1]: still the old file", lines[1]);
    }

    [Fact]
    public async Task Follow_without_lines_starts_from_the_newest_ten_like_journalctl()
    {
        var syslog = Path.Combine(_root, "syslog");
        File.WriteAllLines(syslog, Enumerable.Range(1, 30).Select(i => $"Nov 24 14:12:{i:00} gw pppd[1]: line {i}"));
        var parse = App().BuildRoot().Parse(["logs", "--source", syslog, "--follow"]);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = parse.InvokeAsync(new InvocationConfiguration { Output = _out, Error = _err }, stop.Token);

        await WaitFor(() => _out.ToString().Contains("line 30"));
        File.AppendAllText(syslog, "Nov 24 14:13:00 gw pppd[1]: line 31\n");
        await WaitFor(() => _out.ToString().Contains("line 31"));
        stop.Cancel();
        await run;

        Assert.Equal(Enumerable.Range(21, 11).Select(i => $"line {i}"), Output.Select(l => l[(l.IndexOf("]: ") + 3)..]));
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!condition() && DateTime.UtcNow < until) await Task.Delay(20);
        Assert.True(condition(), "timed out waiting");
    }
}
