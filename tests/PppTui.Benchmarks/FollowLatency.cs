using System.Collections.Concurrent;

namespace PppTui.Benchmarks;

/// <summary>
/// Follow latency: the time from appending a line to the followed file until the follower
/// reports it. Stopwatch ticks are CLOCK_MONOTONIC, so they compare across processes.
/// </summary>
public static class FollowLatency
{
    public static int RunProcess(string file, int probes, string[] command)
    {
        File.WriteAllText(file, "2026-11-24T14:12:00.000000+00:00 gw pppd[1]: start\n");
        var psi = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in command[1..]) psi.ArgumentList.Add(a.Replace("{file}", file));
        using var process = Process.Start(psi)!;
        var seen = new ConcurrentDictionary<int, long>();
        var ready = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null)
            {
                var now = Stopwatch.GetTimestamp();
                if (line.Contains("ready-probe", StringComparison.Ordinal)) ready.Set();
                var at = line.IndexOf("latency-probe ", StringComparison.Ordinal);
                if (at >= 0 && int.TryParse(line.AsSpan(at + 14).ToString().Split(' ')[0], out var id)) seen.TryAdd(id, now);
            }
        }) { IsBackground = true };
        reader.Start();
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();

        for (int i = 0; i < 100 && !ready.IsSet; i++)
        {
            Append(file, "ready-probe");
            ready.Wait(200);
        }
        if (!ready.IsSet)
        {
            Console.Error.WriteLine("follower never printed the ready line");
            process.Kill(true);
            return 1;
        }
        var latencies = Probe(file, probes, id => seen.TryGetValue(id, out var t) ? t : null);
        var peak = PeakRssKiB(process.Id);
        process.Kill(true);
        process.WaitForExit();
        Report(latencies, peak);
        return 0;
    }

    public static int RunCore(string file, int probes)
    {
        File.WriteAllText(file, "start\n");
        var seen = new ConcurrentDictionary<int, long>();
        using var stop = new CancellationTokenSource();
        var follower = new FileFollower(new LogFileSource(file), LogFilter.All);
        var pump = Task.Run(async () =>
        {
            await foreach (var line in follower.FollowAsync(new FileInfo(file).Length, null, stop.Token))
            {
                var now = Stopwatch.GetTimestamp();
                var at = line.Text.IndexOf("latency-probe ", StringComparison.Ordinal);
                if (at >= 0 && int.TryParse(line.Text.AsSpan(at + 14).ToString().Split(' ')[0], out var id)) seen.TryAdd(id, now);
            }
        });
        Thread.Sleep(300);
        var latencies = Probe(file, probes, id => seen.TryGetValue(id, out var t) ? t : null);
        stop.Cancel();
        try
        {
            pump.Wait();
        }
        catch (AggregateException)
        {
        }
        Report(latencies, PeakRssKiB(Environment.ProcessId));
        return 0;
    }

    private static List<double> Probe(string file, int probes, Func<int, long?> arrival)
    {
        var random = new Random(7);
        var latencies = new List<double>();
        for (int i = 1; i <= probes; i++)
        {
            var sent = Stopwatch.GetTimestamp();
            Append(file, $"latency-probe {i} {sent}");
            long? got = null;
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
            while ((got = arrival(i)) is null && Stopwatch.GetTimestamp() < deadline) Thread.SpinWait(200);
            latencies.Add(got is { } t ? (t - sent) * 1000.0 / Stopwatch.Frequency : double.PositiveInfinity);
            Thread.Sleep(random.Next(5, 30));
        }
        return latencies;
    }

    private static void Append(string file, string message)
    {
        using var stream = new FileStream(file, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        var bytes = System.Text.Encoding.UTF8.GetBytes($"2026-11-24T14:12:01.000000+00:00 gw pppd[4242]: {message}\n");
        stream.Write(bytes);
    }

    private static long PeakRssKiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
        }
        return -1;
    }

    private static void Report(List<double> latencies, long peakKiB)
    {
        var sorted = latencies.Order().ToList();
        double P(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        var lost = sorted.Count(double.IsPositiveInfinity);
        // One machine-readable line for bench.sh.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"probes={sorted.Count} lost={lost} median_ms={P(0.5):0.00} p95_ms={P(0.95):0.00} max_ms={sorted[^1]:0.00} peak_rss_kib={peakKiB}"));
    }
}
