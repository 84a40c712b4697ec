using BenchmarkDotNet.Running;
using PppTui.Benchmarks;

// Entry points used by tests/bench/bench.sh:
//   generate-syslog PATH SIZE             write a realistic syslog of SIZE (1G, 64M, ...)
//   follow-latency FILE N -- CMD ARGS...  append N probe lines to FILE while CMD follows it; {file} in ARGS is replaced
//   follow-latency-core FILE N            the same against the core FileFollower in this process
//   generate-profiles ROOT COUNT          a sandbox root with COUNT profiles, their peers files and secrets
//   first-frame [OPTIONS] -- CMD ARGS...  start CMD on a tmux screen; time until every --marker shows, then RSS
//   soak [OPTIONS] -- CMD ARGS...         CMD on a tmux screen while --log grows by --rate lines/s for --seconds
//   micro [BenchmarkDotNet args]          the BenchmarkDotNet micro-benchmarks
return args.FirstOrDefault() switch
{
    "generate-syslog" when args.Length == 3 => Generate(args[1], args[2]),
    "follow-latency" when args.Length >= 5 && args[3] == "--" => FollowLatency.RunProcess(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[4..]),
    "follow-latency-core" when args.Length == 3 => FollowLatency.RunCore(args[1], int.Parse(args[2], CultureInfo.InvariantCulture)),
    "generate-profiles" when args.Length == 3 => GenerateProfiles(args[1], int.Parse(args[2], CultureInfo.InvariantCulture)),
    "first-frame" => FirstFrame.Run(args[1..]),
    "soak" => Soak.Run(args[1..]),
    "micro" => Micro(args[1..]),
    "scan" when args.Length >= 3 => Scan(args[1], args[2], args.Skip(3).ToArray()),
    _ => Usage(),
};

static int Generate(string path, string size)
{
    var stopwatch = Stopwatch.StartNew();
    var lines = SyslogGenerator.Generate(path, SyslogGenerator.ParseSize(size));
    Console.WriteLine($"wrote {new FileInfo(path).Length} bytes, {lines} lines to {path} in {stopwatch.Elapsed.TotalSeconds:0.0} s");
    return 0;
}

static int GenerateProfiles(string root, int count)
{
    var stopwatch = Stopwatch.StartNew();
    ProfileSet.Generate(root, count);
    Console.WriteLine($"wrote {count} profiles under {root} in {stopwatch.Elapsed.TotalSeconds:0.0} s");
    return 0;
}

static int Micro(string[] rest)
{
    // Each benchmark runs in its own generated project; on a busy 2-core machine its build can
    // take longer than BenchmarkDotNet's default two minutes.
    var config = BenchmarkDotNet.Configs.ManualConfig.Create(BenchmarkDotNet.Configs.DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(15));
    // The smoke run (BENCH_QUICK=1) only checks that every benchmark still runs, on the Debug
    // build the tests just made; its figures are not measurements.
    if (Environment.GetEnvironmentVariable("BENCH_QUICK") == "1")
        config = config.WithOptions(BenchmarkDotNet.Configs.ConfigOptions.DisableOptimizationsValidator);
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(SyslogGenerator).Assembly).Run(rest, config);
    // A benchmark that could not be built or run is a failure of this command, not an empty table.
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}

// In-process timing of one full-file regex scan (no process start-up), to see where time goes.
static int Scan(string path, string pattern, string[] options)
{
    var regexOptions = System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.Multiline;
    foreach (var o in options)
        regexOptions |= o switch
        {
            "compiled" => System.Text.RegularExpressions.RegexOptions.Compiled,
            "nonbacktracking" => System.Text.RegularExpressions.RegexOptions.NonBacktracking,
            _ => 0,
        };
    if (options.Contains("parse-only"))
    {
        var lines = File.ReadLines(path).Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, pattern)).ToList();
        var parser = new PppTui.Core.Logs.SyslogLineParser("x");
        for (int run = 0; run < 3; run++)
        {
            var sw = Stopwatch.StartNew();
            foreach (var l in lines) parser.Parse(l.AsSpan());
            var parseMs = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            foreach (var l in lines) PppTui.Core.Diagnoses.DiagnosisCatalog.MatchLine(l);
            var diagMs = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            foreach (var l in lines) DateTimeOffset.TryParse(l.AsSpan(0, 32), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeLocal, out _);
            Console.WriteLine($"{lines.Count} lines: parse {parseMs:0.0} ms, diagnosis {diagMs:0.0} ms, iso time {sw.Elapsed.TotalMilliseconds:0.0} ms");
        }
        return 0;
    }
    var filter = new PppTui.Core.Logs.LogFilter { Pattern = options.Contains("timeout") ? new System.Text.RegularExpressions.Regex(pattern, regexOptions, TimeSpan.FromSeconds(2)) : new System.Text.RegularExpressions.Regex(pattern, regexOptions) };
    for (int run = 0; run < 3; run++)
    {
        var stopwatch = Stopwatch.StartNew();
        var count = new PppTui.Core.Logs.LogFileSource(path).ReadAll(filter).Count();
        Console.WriteLine($"{count} lines in {stopwatch.Elapsed.TotalMilliseconds:0} ms ({string.Join(",", options)}), allocated {GC.GetTotalAllocatedBytes() / 1048576.0:0.0} MiB so far");
    }
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: generate-syslog PATH SIZE | generate-profiles ROOT COUNT | follow-latency FILE N -- CMD ARGS... | follow-latency-core FILE N | first-frame [OPTIONS] -- CMD ARGS... | soak [OPTIONS] -- CMD ARGS... | micro [BDN args]");
    return 2;
}
