using System.Runtime.InteropServices;
using DialingFakes = PppTui.Core.Tests.Dialing;

namespace PppTui.Core.Tests.Hardening;

/// <summary>
/// Sizes far past real use: 10,000 profiles, a 1 MiB log line, a 100 MiB peers file (and
/// /dev/zero behind a symlink), 1,000 running links. Time and memory stay bounded (compared
/// between a small and an eight times larger case, never against a clock), and where a limit is
/// hit the message names the file and the limit.
/// </summary>
[Collection(MeasuredAlone.Name)]
public class LimitsTests(ITestOutputHelper output)
{
    [Fact]
    public void Ten_thousand_profiles_list_in_time_and_memory_that_grow_linearly()
    {
        var small = MeasureList(1_250);
        var large = MeasureList(10_000);
        output.WriteLine($"list of 1,250 profiles: {small.Cpu.TotalMilliseconds:0} ms CPU, {small.Allocated / 1024 / 1024} MiB allocated, {small.Retained / 1024} KiB kept");
        output.WriteLine($"list of 10,000 profiles: {large.Cpu.TotalMilliseconds:0} ms CPU, {large.Allocated / 1024 / 1024} MiB allocated, {large.Retained / 1024} KiB kept ({large.Retained / 10_000} bytes a profile)");
        Assert.True(large.Cpu < small.Cpu * 20, "listing profiles is not linear in time");
        Assert.True(large.Allocated < small.Allocated * 12, "listing profiles is not linear in memory");
        Assert.True(large.Retained < 10_000 * 16 * 1024L, "a listed profile keeps more than 16 KiB");
    }

    private static (TimeSpan Cpu, long Allocated, long Retained) MeasureList(int count)
    {
        using var root = new SandboxRoot();
        Directory.CreateDirectory(root.Paths.ProfilesDir);
        for (var i = 0; i < count; i++)
        {
            var profile = KindRegistry.NewProfile($"vpn{i:D5}", KindRegistry.All[i % 4].Kind);
            profile.Description = "office link " + i;
            profile.Ppp.User = "user" + i;
            if (profile.Pptp is { } pptp) pptp.Server = "192.0.2." + (i % 250);
            File.WriteAllText(root.Paths.ProfileFile(profile.Name), ProfileToml.Write(profile));
        }
        var service = new ProfileService(root.Paths, Serilog.Core.Logger.None);
        if (count < 2000) service.List(); // warm up the parser once, on the small case
        var retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = ThreadCpu.Now();
        var catalog = service.List();
        var cpu = ThreadCpu.Now() - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - retainedBefore;
        Assert.Equal(count, catalog.Profiles.Count);
        Assert.Empty(catalog.Problems);
        GC.KeepAlive(catalog);
        return (cpu, allocated, retained);
    }

    [Fact]
    public void A_1_MiB_log_line_is_cut_to_64_KiB_with_a_marker_and_the_lines_around_it_stay_whole()
    {
        using var root = new SandboxRoot();
        var path = Path.Join(root.Root, "syslog");
        var prefix = "Nov 24 14:12:01 host pppd[1234]: ";
        var controls = string.Concat(Enumerable.Repeat("\u0085\u0001\u202e", 350_000));
        File.WriteAllText(path,
            prefix + "Using interface ppp0\n" +
            prefix + new string('x', 1 << 20) + "\n" +
            prefix + "Connect: ppp0 <--> /dev/pts/1\n" +
            prefix + controls + "\n" +
            prefix + "LCP: timeout sending Config-Requests\n");

        var source = new LogFileSource(path);
        var all = source.ReadAll(LogFilter.All).ToList();
        var newest = source.ReadNewest(10, LogFilter.All).Lines;
        foreach (var lines in new[] { all, newest })
        {
            Assert.Equal(5, lines.Count);
            Assert.Equal("Using interface ppp0", lines[0].Message);
            Assert.Equal("Connect: ppp0 <--> /dev/pts/1", lines[2].Message);
            Assert.Equal("lcp-timeout", lines[4].Diagnosis?.Code);
            foreach (var cut in new[] { lines[1], lines[3] })
            {
                Assert.True(cut.Truncated);
                Assert.Matches(@" \[line cut: \d+ more bytes\]$", cut.Text);
                var shown = cut.Text[..cut.Text.LastIndexOf(" [line cut:", StringComparison.Ordinal)];
                Assert.True(shown.Length <= LogText.MaxLineLength, $"a cut line still shows {shown.Length} characters");
                Assert.True(shown.Length > LogText.MaxLineLength - 16, $"a cut line shows only {shown.Length} characters");
                Assert.DoesNotContain('\u0085', cut.Text);
                Assert.DoesNotContain('\u202e', cut.Text);
            }
        }
        output.WriteLine($"1 MiB line shown as {all[1].Text.Length} characters: ...{all[1].Text[^40..]}");
        output.WriteLine($"1 MiB of control characters shown as {all[3].Text.Length} characters: ...{all[3].Text[^40..]}");
    }

    [Fact]
    public void A_64_MiB_log_line_is_read_in_bounded_memory()
    {
        using var root = new SandboxRoot();
        var path = Path.Join(root.Root, "syslog");
        using (var file = File.Create(path))
        {
            file.Write("Nov 24 14:12:01 host pppd[1]: "u8);
            file.SetLength(64L << 20); // sparse: 64 MiB of NUL bytes without using the disk
            file.Seek(0, SeekOrigin.End);
            file.Write("\nNov 24 14:12:02 host pppd[1]: Modem hangup\n"u8);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        var lines = new LogFileSource(path).ReadAll(LogFilter.All).ToList();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"64 MiB line: {allocated / 1024 / 1024} MiB allocated while reading, shown as {lines[0].Text.Length} characters");
        Assert.Equal(2, lines.Count);
        Assert.True(lines[0].Truncated);
        Assert.Equal("Modem hangup", lines[1].Message);
        Assert.True(allocated < 32L << 20, $"reading a 64 MiB line allocated {allocated / 1024 / 1024} MiB");
    }

    [Fact]
    public void A_100_MiB_peers_file_is_refused_with_the_file_named_without_reading_it()
    {
        using var root = new SandboxRoot();
        var big = root.Paths.PeerFile("big");
        using (var file = File.Create(big))
        {
            file.Write("noauth\n"u8);
            file.SetLength(100L << 20);
        }
        var service = new ProfileService(root.Paths, Serilog.Core.Logger.None);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var import = Assert.Throws<PppTuiException>(() => service.Import(["big"]));
        var effective = Assert.Throws<PppTuiException>(() => service.Effective("big"));
        var profile = KindRegistry.NewProfile("big", ProfileKind.Custom);
        var preview = Assert.Throws<PppTuiException>(() => service.Preview(profile));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        foreach (var refusal in new[] { import, effective, preview })
        {
            Assert.Contains(big, refusal.Message, StringComparison.Ordinal);
            Assert.Contains("100 MiB", refusal.Message, StringComparison.Ordinal);
            Assert.Contains("16 MiB", refusal.Message, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(refusal.Fix));
        }
        output.WriteLine($"100 MiB peers file refused three times: {allocated / 1024} KiB allocated; \"{import.Message}\"");
        Assert.True(allocated < 4L << 20, $"refusing a 100 MiB file allocated {allocated / 1024 / 1024} MiB");
        Assert.False(service.Store.Exists("big"));
    }

    [Fact]
    public void A_peers_file_that_is_really_dev_zero_is_refused_after_16_MiB()
    {
        if (!File.Exists("/dev/zero")) throw new InvalidOperationException("this test needs /dev/zero");
        using var root = new SandboxRoot();
        File.CreateSymbolicLink(root.Paths.PeerFile("zero"), "/dev/zero");
        var service = new ProfileService(root.Paths, Serilog.Core.Logger.None);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var refusal = Assert.Throws<PppTuiException>(() => service.Import(["zero"]));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"/dev/zero refused after reading: {allocated / 1024 / 1024} MiB allocated; \"{refusal.Message}\"");
        Assert.Contains(root.Paths.PeerFile("zero"), refusal.Message, StringComparison.Ordinal);
        Assert.Contains("more than 16 MiB", refusal.Message, StringComparison.Ordinal);
        Assert.True(allocated < 96L << 20, $"refusing /dev/zero allocated {allocated / 1024 / 1024} MiB");
    }

    [Fact]
    public async Task A_thousand_running_links_are_found_and_read_in_time_that_grows_linearly()
    {
        var small = await MeasureLinks(125);
        var large = await MeasureLinks(1_000);
        output.WriteLine($"125 links: scan and status {small.Cpu.TotalMilliseconds:0} ms CPU, {small.Allocated / 1024} KiB allocated");
        output.WriteLine($"1,000 links: scan and status {large.Cpu.TotalMilliseconds:0} ms CPU, {large.Allocated / 1024} KiB allocated");
        Assert.True(large.Cpu < small.Cpu * 20, "link discovery and status are not linear in time");
        Assert.True(large.Allocated < small.Allocated * 12, "link discovery and status are not linear in memory");
    }

    private static async Task<(TimeSpan Cpu, long Allocated)> MeasureLinks(int count)
    {
        using var system = new DialingFakes.FakeSystem();
        for (var i = 0; i < count; i++)
        {
            var name = $"link{i}";
            system.Peer(name, "noauth\nmtu 1400\nusepeerdns\n")
                .Pppd(10_000 + i, "call", name, "updetach", "linkname", name)
                .LinkPidFile(name, 10_000 + i, $"ppp{i}")
                .InterfacePidFile($"ppp{i}", 10_000 + i)
                .Interface($"ppp{i}", mtu: 1400, rx: i, tx: i);
        }
        system.File_("/etc/resolv.conf", "nameserver 192.0.2.53\n");
        var runner = new DialingFakes.FakeCommandRunner
        {
            Run = DialingFakes.FakeCommandRunner.Ip(DialingFakes.IpJson.Routes(),
                iface => DialingFakes.IpJson.PppAddress(iface, "198.51.100.10", "198.51.100.1")),
        };
        var reader = new LinkStatusReader(system.Paths, runner, new PeerOptionsFileReader(system.Paths));
        var discovery = new LinkDiscovery(system.Paths);
        if (count < 500) await reader.ReadAllAsync(discovery.Scan()); // warm up once, on the small case

        // The fake runner answers synchronously, so the whole refresh runs on this thread.
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = ThreadCpu.Now();
        var snapshot = discovery.Scan();
        var sample = await reader.ReadAllAsync(snapshot);
        var cpu = ThreadCpu.Now() - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Equal(count, snapshot.Links.Count);
        Assert.Equal(count, sample.Links.Count(l => l.State == LinkState.Up));
        Assert.All(sample.Links, l => Assert.Equal(1400, l.ConfiguredMtu));
        return (cpu, allocated);
    }
}

/// <summary>The calling thread's own CPU time (clock_gettime CLOCK_THREAD_CPUTIME_ID), so that
/// other processes on a busy machine do not count.</summary>
internal static class ThreadCpu
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    public static TimeSpan Now()
    {
        const int ClockThreadCpuTimeId = 3;
        if (ClockGetTime(ClockThreadCpuTimeId, out var time) != 0) throw new InvalidOperationException("clock_gettime failed");
        return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
    }
}
