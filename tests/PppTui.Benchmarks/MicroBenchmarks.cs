using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using PppTui.Core.Diagnoses;
using PppTui.Core.Logs;

namespace PppTui.Benchmarks;

/// <summary>Cost of the diagnosis check that runs on every line the log shows.</summary>
[MemoryDiagnoser]
public class DiagnosisPerLine
{
    [Params(
        "(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)",
        "sent [LCP ConfReq id=0x1 <asyncmap 0x0> <magic 0x5b1e2f3a> <pcomp> <accomp>]",
        "MS-CHAP authentication failed: E=691 Authentication failure")]
    public string Message { get; set; } = "";

    [Benchmark]
    public Diagnosis? MatchLine() => DiagnosisCatalog.MatchLine(Message);
}

/// <summary>Filtering and backlog over a 64 MiB generated syslog in the page cache.</summary>
[MemoryDiagnoser]
public class FileScan
{
    private const int SizeMiB = 64;
    private string _dir = "";
    private string _path = "";
    private LogFilter _regex = LogFilter.All;
    private LogFilter _programs = LogFilter.All;
    private LogFilter _pppd = LogFilter.All;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "ppptui-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(_dir);
        _path = Path.Combine(_dir, "syslog");
        SyslogGenerator.Generate(_path, SizeMiB << 20);
        File.ReadAllBytes(_path);
        _regex = new LogFilter { Pattern = LogFilter.CompilePattern(@"pppd\[[0-9]+\]: (LCP|IPCP): timeout|MS-CHAP authentication failed") };
        _programs = new LogFilter { Programs = LogFilter.PppPrograms };
        _pppd = new LogFilter { Pattern = LogFilter.CompilePattern(@"pppd\[") };
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, true);

    /// <summary>A regex over the whole file (divide by 64 for per MiB).</summary>
    [Benchmark]
    public int RegexFilter64MiB() => new LogFileSource(_path).ReadAll(_regex).Count();

    /// <summary>The default view: every pppd/pptp/chat line, parsed and diagnosed.</summary>
    [Benchmark]
    public int PppProgramsFilter64MiB() => new LogFileSource(_path).ReadAll(_programs).Count();

    /// <summary>The newest 1,000 pppd lines by backward scan.</summary>
    [Benchmark]
    public int Newest1000PppdLines() => new LogFileSource(_path).ReadNewest(1000, _pppd, includeRotated: false).Lines.Count;
}

/// <summary>The TUI's ring buffer: appending and paging a filtered view.</summary>
[MemoryDiagnoser]
public class RingBuffer
{
    private LogLine[] _lines = [];

    [GlobalSetup]
    public void Setup()
    {
        var parser = new SyslogLineParser("bench");
        _lines = Enumerable.Range(0, 10_000)
            .Select(i => parser.Parse($"Nov 24 14:12:01 gw {(i % 4 == 0 ? "pppd" : "kernel")}[{i}]: message {i}"))
            .ToArray();
    }

    [Benchmark]
    public int Append10kWithFilteredView()
    {
        var buffer = new LogBuffer(5_000);
        using var view = buffer.CreateView(new LogFilter { Programs = new HashSet<string> { "pppd" } });
        buffer.AppendRange(_lines);
        var sum = 0;
        for (int i = 0; i < view.Count; i++) sum += view[i].Pid ?? 0;
        return sum;
    }

    [Benchmark]
    public int Refilter5kLines()
    {
        var buffer = new LogBuffer(5_000);
        buffer.AppendRange(_lines);
        using var view = buffer.CreateView();
        view.Filter = new LogFilter { Pattern = new Regex("message [0-9]*7$") };
        return view.Count;
    }
}
