namespace PppTui.Benchmarks;

/// <summary>Options shared by the verbs that run a program on a tmux screen.</summary>
public sealed class ScreenOptions
{
    public int Cols { get; private set; } = 100;
    public int Rows { get; private set; } = 30;
    public string Term { get; private set; } = "xterm-256color";
    public List<string> Markers { get; } = [];
    public List<string> Keys { get; } = [];
    public Dictionary<string, string> Environment { get; } = [];
    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(30);
    public int SettleMs { get; private set; } = 2000;
    public string? ScreenFile { get; private set; }
    /// <summary>soak: where to write the RSS samples, one "SECONDS KIB" line a second (the bench draws its curve from them).</summary>
    public string? SamplesFile { get; private set; }
    public double Seconds { get; private set; } = 60;
    public int Rate { get; private set; } = 1000;
    public string? LogFile { get; private set; }
    public string[] Command { get; private set; } = [];

    public static ScreenOptions Parse(string[] args)
    {
        var o = new ScreenOptions();
        int i = 0;
        string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
        int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
        for (; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--cols": o.Cols = Int(); break;
                case "--rows": o.Rows = Int(); break;
                case "--term": o.Term = Next(); break;
                case "--marker": o.Markers.Add(Next()); break;
                case "--keys": o.Keys.Add(Next()); break;
                case "--env":
                    var pair = Next();
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    o.Environment[pair[..eq]] = pair[(eq + 1)..];
                    break;
                case "--timeout-s": o.Timeout = TimeSpan.FromSeconds(Int()); break;
                case "--settle-ms": o.SettleMs = Int(); break;
                case "--screen": o.ScreenFile = Next(); break;
                case "--samples": o.SamplesFile = Next(); break;
                case "--seconds": o.Seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--rate": o.Rate = Int(); break;
                case "--log": o.LogFile = Next(); break;
                case "--":
                    o.Command = args[(i + 1)..];
                    i = args.Length;
                    break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (o.Command.Length == 0) throw new ArgumentException("no command after --");
        if (o.Markers.Count == 0) throw new ArgumentException("at least one --marker is needed");
        return o;
    }
}

/// <summary>
/// Start to first full frame: from releasing the program until the screen shows every marker
/// (for example a profile name, a pane title and the status bar), then memory after a settle time.
/// </summary>
public static class FirstFrame
{
    public static int Run(string[] args)
    {
        var o = ScreenOptions.Parse(args);
        using var screen = TmuxScreen.Start(o.Cols, o.Rows, o.Term, o.Command, o.Environment);
        screen.Release();
        var done = screen.WaitFor(o.Markers, o.Timeout, out var last);
        if (done is null)
        {
            Console.Error.WriteLine($"the screen never showed all of: {string.Join(" | ", o.Markers.Select(m => $"'{m}'"))}; the last screen:");
            Console.Error.WriteLine(last);
            return 1;
        }
        var pid = screen.Pid();
        var rssAtFrame = ProcStatus.KiB(pid, "VmRSS");
        Thread.Sleep(o.SettleMs);
        var rss = ProcStatus.TreeKiB(pid);
        var hwm = ProcStatus.KiB(pid, "VmHWM");
        var cpu = ProcStatus.CpuSeconds(pid);
        if (o.ScreenFile is not null) File.WriteAllText(o.ScreenFile, screen.Capture() + "\n");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first_frame_ms={TmuxScreen.Milliseconds(screen.ReleasedAt, done.Value):0.0} first_output_ms={TmuxScreen.Milliseconds(screen.ReleasedAt, screen.FirstOutputAt):0.0} " +
            $"rss_at_frame_kib={rssAtFrame} tree_rss_kib={rss} hwm_kib={hwm} cpu_s={cpu:0.00} captures={screen.Captures}"));
        return 0;
    }
}

/// <summary>
/// A soak: the program follows a log that grows by <c>--rate</c> lines a second for
/// <c>--seconds</c>; resident memory is sampled every second (growth over the whole run and over
/// its second half, when any ring buffer is long full, tell a leak from filling up).
/// </summary>
public static class Soak
{
    private static readonly string[] Noise =
    [
        "CRON[{0}]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)",
        "sshd[{0}]: Accepted publickey for admin from 192.0.2.7 port {0} ssh2: ED25519 SHA256:7q0Hk3bYgN0b2mXh1fZ4rVdQe6pK9sLw",
        "kernel: [{0}.001] IN=eth0 OUT= MAC=52:54:00:12:34:56 SRC=198.51.100.9 DST=203.0.113.5 LEN=60 TOS=0x00 PROTO=TCP SPT={0} DPT=22",
        "systemd[1]: Started session-{0}.scope - Session {0} of User admin.",
    ];

    private static readonly string[] Ppp =
    [
        "pppd[4242]: sent [LCP EchoReq id=0x{1:x2} magic=0x5b1e2f3a] seq {0}",
        "pppd[4242]: rcvd [LCP EchoRep id=0x{1:x2} magic=0x7c2a1b4d] seq {0}",
        "pptp[4243]: anon log[decaps_gre:pptp_gre.c:414]: buffering packet {0} (expecting {0}, lost or reordered)",
        "pppd[4242]: MS-CHAP authentication failed: E=691 Authentication failure seq {0}",
    ];

    public static int Run(string[] args)
    {
        var o = ScreenOptions.Parse(args);
        if (o.LogFile is null) throw new ArgumentException("--log FILE is needed");
        using var screen = TmuxScreen.Start(o.Cols, o.Rows, o.Term, o.Command, o.Environment);
        screen.Release();
        var done = screen.WaitFor(o.Markers, o.Timeout, out var last);
        if (done is null)
        {
            Console.Error.WriteLine("the screen never came up; the last screen:\n" + last);
            return 1;
        }
        var firstFrame = TmuxScreen.Milliseconds(screen.ReleasedAt, done.Value);
        foreach (var key in o.Keys) screen.SendKeys(key);
        var pid = screen.Pid();
        Thread.Sleep(o.SettleMs);
        var rssStart = ProcStatus.KiB(pid, "VmRSS");
        var cpuStart = ProcStatus.CpuSeconds(pid);

        long written = 0;
        long rssMid = -1, rssMax = rssStart;
        var samples = new List<long> { rssStart };
        var sampleLines = new StringBuilder("0 " + rssStart.ToString(CultureInfo.InvariantCulture) + "\n");
        var clock = Stopwatch.StartNew();
        var nextSample = 1.0;
        var soakSeconds = 0.0;
        var text = new StringBuilder(64 * 1024);
        using (var log = new FileStream(o.LogFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        {
            while (clock.Elapsed.TotalSeconds < o.Seconds)
            {
                var due = (long)(clock.Elapsed.TotalSeconds * o.Rate);
                if (due > written)
                {
                    text.Clear();
                    var now = DateTimeOffset.Now.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);
                    for (; written < due; written++)
                    {
                        // Half the lines are PPP lines, which the log pane keeps; the rest is daemon noise it filters out.
                        var template = written % 2 == 0 ? Ppp[written / 2 % Ppp.Length] : Noise[written / 2 % Noise.Length];
                        text.Append(now).Append(" gw ").AppendFormat(CultureInfo.InvariantCulture, template, written, written & 0xff).Append('\n');
                    }
                    log.Write(Encoding.UTF8.GetBytes(text.ToString()));
                    log.Flush();
                }
                if (clock.Elapsed.TotalSeconds >= nextSample)
                {
                    var rss = ProcStatus.KiB(pid, "VmRSS");
                    if (rss < 0)
                    {
                        Console.Error.WriteLine($"the program ended during the soak; the last screen:\n{screen.Capture()}");
                        return 1;
                    }
                    samples.Add(rss);
                    sampleLines.Append(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:0.0} {rss}\n");
                    // Written as it goes, so an hour-long run that is stopped early still leaves its curve.
                    if (o.SamplesFile is not null && samples.Count % 60 == 0) File.WriteAllText(o.SamplesFile, sampleLines.ToString());
                    rssMax = Math.Max(rssMax, rss);
                    if (rssMid < 0 && nextSample >= o.Seconds / 2) rssMid = rss;
                    nextSample += 1;
                }
                Thread.Sleep(10);
            }
            soakSeconds = clock.Elapsed.TotalSeconds;
            var end = DateTimeOffset.Now.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);
            log.Write(Encoding.UTF8.GetBytes($"{end} gw pppd[4242]: soak-end {written}\n"));
        }
        Thread.Sleep(o.SettleMs);
        var rssEnd = ProcStatus.KiB(pid, "VmRSS");
        var hwm = ProcStatus.KiB(pid, "VmHWM");
        var cpu = ProcStatus.CpuSeconds(pid) - cpuStart;
        var final = screen.Capture();
        if (o.ScreenFile is not null) File.WriteAllText(o.ScreenFile, final + "\n");
        if (o.SamplesFile is not null) File.WriteAllText(o.SamplesFile, sampleLines.ToString());
        var shown = final.Contains($"soak-end {written}", StringComparison.Ordinal) ? "yes" : "no";
        if (rssMid < 0) rssMid = samples[samples.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seconds={soakSeconds:0.0} lines={written} rate={o.Rate} first_frame_ms={firstFrame:0.0} rss_start_kib={rssStart} rss_mid_kib={rssMid} " +
            $"rss_end_kib={rssEnd} rss_max_kib={rssMax} hwm_kib={hwm} cpu_s={cpu:0.00} shown={shown}"));
        return 0;
    }
}
