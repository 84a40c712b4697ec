using System.IO.Compression;
using Microsoft.Win32.SafeHandles;

namespace PppTui.Core.Tests.Logs;

public class LogFileSourceTests
{
    private static string SyslogLine(int i, string program = "pppd") =>
        $"Nov 24 14:{i / 60 % 60:00}:{i % 60:00} gw {program}[{1000 + i % 7}]: line {i}";

    private static LogFilter Grep(string pattern) => new() { Pattern = LogFilter.CompilePattern(pattern) };

    // A syslog of COUNT lines in dir, every PPPDEVERY-th of them pppd's and the rest the kernel's.
    private static (string Path, List<string> Lines) MixedSyslog(TempDir dir, int count, int pppdEvery)
    {
        var path = dir.File("syslog");
        var lines = Enumerable.Range(0, count).Select(i => SyslogLine(i, i % pppdEvery == 0 ? "pppd" : "kernel")).ToList();
        File.WriteAllLines(path, lines);
        return (path, lines);
    }

    [Fact]
    public void The_newest_matching_lines_equal_grep_then_tail()
    {
        using var dir = new TempDir();
        var (path, lines) = MixedSyslog(dir, 5000, pppdEvery: 5);

        var backlog = new LogFileSource(path).ReadNewest(100, Grep(@"pppd\["));

        var expected = lines.Where(l => l.Contains("pppd[")).TakeLast(100).ToList();
        Assert.Equal(expected, backlog.Lines.Select(l => l.Text));
        Assert.Equal(new FileInfo(path).Length, backlog.ResumeOffset);
    }

    [Fact]
    public void The_backward_scan_matches_a_naive_reading_for_any_file_and_block_size()
    {
        var gen = Gen.Select(
            Gen.OneOfConst("pppd[1]: a", "kernel: b", "", "pppd[2]: longer line with pppd inside", "x"),
            Gen.Int[0, 3]).Array[0, 60];
        Gen.Select(gen, Gen.Int[1, 40], Gen.Bool).Sample((parts, blockBytes, finalNewline) =>
        {
            var lines = parts.Select(p => p.Item1 + new string('.', p.Item2)).ToList();
            var text = string.Join("\n", lines) + (finalNewline ? "\n" : "");
            using var dir = new TempDir();
            var path = dir.File("f");
            File.WriteAllText(path, text);
            using var handle = File.OpenHandle(path);

            var backward = new List<string>();
            foreach (var block in BackwardBlockReader.Read(handle, text.Length, blockBytes))
            {
                var blockLines = block.Span.ToString().Split('\n');
                if (blockLines[^1] == "") blockLines = blockLines[..^1];
                backward.InsertRange(0, blockLines.Reverse().Reverse());
            }
            var naive = text.Split('\n').ToList();
            if (finalNewline || naive[^1] == "") naive.RemoveAt(naive.Count - 1);
            Assert.Equal(naive, backward);
        }, iter: 300);
    }

    [Fact]
    public void Reading_backward_stops_early_and_does_not_read_the_whole_file()
    {
        using var dir = new TempDir();
        var path = dir.File("big");
        using (var w = new StreamWriter(path))
            for (int i = 0; i < 200_000; i++) w.WriteLine(SyslogLine(i));
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);

        var blocks = 0;
        foreach (var _ in BackwardBlockReader.Read(handle, length, 64 * 1024))
        {
            blocks++;
            break;
        }
        var backlog = new LogFileSource(path).ReadNewest(10, LogFilter.All);

        Assert.Equal(1, blocks);
        Assert.Equal(SyslogLine(199_999), backlog.Lines[^1].Text);
        Assert.Equal(10, backlog.Lines.Count);
    }

    [Fact]
    public void A_short_backlog_reaches_into_the_rotated_and_compressed_files()
    {
        using var dir = new TempDir();
        var path = dir.File("syslog");
        WriteGz(dir.File("syslog.2.gz"), ["Nov 22 10:00:00 gw pppd[1]: oldest", "Nov 22 10:00:01 gw kernel: noise"]);
        File.WriteAllLines(dir.File("syslog.1"), ["Nov 23 10:00:00 gw pppd[2]: older"]);
        File.WriteAllLines(path, ["Nov 24 10:00:00 gw pppd[3]: newest"]);
        File.SetLastWriteTimeUtc(dir.File("syslog.2.gz"), DateTime.UtcNow.AddDays(-2));
        File.SetLastWriteTimeUtc(dir.File("syslog.1"), DateTime.UtcNow.AddDays(-1));
        File.WriteAllText(dir.File("syslog.bak"), "Nov 24 10:00:00 gw pppd[9]: not a rotation\n");

        var source = new LogFileSource(path);
        var backlog = source.ReadNewest(10, new LogFilter { Programs = LogFilter.PppPrograms });

        Assert.Equal([dir.File("syslog.1"), dir.File("syslog.2.gz")], source.RotatedFiles());
        Assert.Equal(["oldest", "older", "newest"], backlog.Lines.Select(l => l.Message));
    }

    [Fact]
    public void Reading_everything_streams_the_matching_lines_in_order()
    {
        using var dir = new TempDir();
        var (path, lines) = MixedSyslog(dir, 30_000, pppdEvery: 3);
        var source = new LogFileSource(path);

        var all = source.ReadAll(new LogFilter { Pattern = LogFilter.CompilePattern(@"kernel\[\d+\]: line \d*7$") }).Select(l => l.Text).ToList();

        Assert.Equal(lines.Where(l => Regex.IsMatch(l, @"kernel\[\d+\]: line \d*7$")), all);
        Assert.Equal(new FileInfo(path).Length, source.LastResumeOffset);
    }

    [Fact]
    public void An_inverted_pattern_keeps_what_does_not_match()
    {
        using var dir = new TempDir();
        var path = dir.File("syslog");
        File.WriteAllLines(path, ["a pppd", "b kernel", "c pppd", "d other"]);
        var all = new LogFileSource(path).ReadAll(new LogFilter { Pattern = new Regex("pppd"), Invert = true }).Select(l => l.Text);
        Assert.Equal(["b kernel", "d other"], all);
    }

    [Fact]
    public void A_pattern_that_could_span_lines_matches_within_one_line_only()
    {
        using var dir = new TempDir();
        var path = dir.File("syslog");
        File.WriteAllLines(path, ["ends with pppd", "starts the next", "pppd then next on one line"]);
        var all = new LogFileSource(path).ReadAll(Grep(@"pppd\s+\w+")).Select(l => l.Text);
        Assert.Equal(["pppd then next on one line"], all);
    }

    [Fact]
    public void A_huge_line_is_cut_with_a_marker_both_forward_and_backward()
    {
        using var dir = new TempDir();
        var path = dir.File("syslog");
        var huge = "Nov 24 14:12:01 gw pppd[1]: " + new string('A', 3 * 1024 * 1024);
        File.WriteAllText(path, "Nov 24 14:12:00 gw pppd[1]: before\n" + huge + "\nNov 24 14:12:02 gw pppd[1]: after\n");
        var source = new LogFileSource(path);

        var forward = source.ReadAll(LogFilter.All).ToList();
        var backward = source.ReadNewest(3, LogFilter.All).Lines;

        foreach (var lines in new[] { forward, backward })
        {
            Assert.Equal(["before", "after"], new[] { lines[0].Message, lines[2].Message });
            Assert.True(lines[1].Truncated);
            Assert.True(lines[1].Text.Length < LogText.MaxLineLength + 64);
            Assert.Matches(@"\[line cut: \d+ more bytes\]$", lines[1].Text);
            Assert.StartsWith("Nov 24 14:12:01 gw pppd[1]: AAAA", lines[1].Text);
        }
        var cut = long.Parse(Regex.Match(forward[1].Text, @"cut: (\d+)").Groups[1].Value);
        Assert.Equal(huge.Length - LogText.MaxLineLength, cut);
    }

    [Fact]
    public void Hostile_bytes_in_a_file_come_out_safe()
    {
        using var dir = new TempDir();
        var path = dir.File("syslog");
        var bytes = Encoding.ASCII.GetBytes("Nov 24 14:12:01 gw pppd[1]: a\u001b]0;title\u0007b ").Concat(new byte[] { 0xff, 0xfe, 0x00, (byte)'\r', (byte)'\n' }).ToArray();
        File.WriteAllBytes(path, bytes);

        var line = Assert.Single(new LogFileSource(path).ReadAll(LogFilter.All));

        Assert.Equal("a^[]0;title^Gb \uFFFD\uFFFD^@", line.Message);
    }

    [Fact]
    public void An_unfinished_last_line_is_left_for_the_follower()
    {
        using var dir = new TempDir();
        var path = dir.File("syslog");
        File.WriteAllText(path, "one\ntwo\nthr");
        var backlog = new LogFileSource(path).ReadNewest(5, LogFilter.All, leaveUnfinishedLine: true);
        Assert.Equal(["one", "two"], backlog.Lines.Select(l => l.Text));
        Assert.Equal(8, backlog.ResumeOffset);
        var all = new LogFileSource(path).ReadNewest(5, LogFilter.All);
        Assert.Equal(["one", "two", "thr"], all.Lines.Select(l => l.Text));
    }

    private static void WriteGz(string path, IEnumerable<string> lines)
    {
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        using var w = new StreamWriter(gz);
        foreach (var l in lines) w.WriteLine(l);
    }
}

public class ScanRegexTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_engine_used_for_long_scans_finds_exactly_what_a_line_by_line_match_finds(bool canCompile)
    {
        // Many candidate lines ("pppd[") of varied length, a few real matches, across many blocks.
        var random = new Random(5);
        var lines = new List<string>();
        for (int i = 0; i < 60_000; i++)
        {
            var filler = new string('x', random.Next(0, 300));
            lines.Add(random.Next(40) switch
            {
                0 => $"2026-11-24T14:12:01+00:00 gw pppd[{i}]: LCP: timeout sending Config-Requests {filler}",
                1 => $"2026-11-24T14:12:01+00:00 gw pppd[{i}]: MS-CHAP authentication failed: E=691",
                < 20 => $"2026-11-24T14:12:01+00:00 gw pppd[{i}]: sent [LCP EchoReq id=0x{i % 256:x}] {filler}",
                _ => $"2026-11-24T14:12:01+00:00 gw CRON[{i}]: (root) CMD {filler}",
            });
        }
        using var dir = new TempDir();
        var path = dir.File("syslog");
        File.WriteAllLines(path, lines);
        const string re = @"pppd\[[0-9]+\]: (LCP|IPCP): timeout|MS-CHAP authentication failed";
        var pattern = LogFilter.CreatePattern(re, System.Text.RegularExpressions.RegexOptions.Multiline, forLongScan: true, canCompile);

        var found = new LogFileSource(path).ReadAll(new LogFilter { Pattern = pattern }).Select(l => l.Text).ToList();

        var naive = lines.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, re)).ToList();
        Assert.Equal(naive.Count, found.Count);
        Assert.Equal(naive, found);
    }
}
