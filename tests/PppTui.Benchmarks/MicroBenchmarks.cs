using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using PppTui.Core.Diagnoses;
using PppTui.Core.PppConfig;

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

/// <summary>The log model's ring buffer: appending and paging a filtered view.</summary>
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
        var model = new LogModel(5_000) { Filter = "pppd" };
        foreach (var line in _lines) model.Post(line);
        model.Pump();
        var sum = 0;
        for (int i = 0; i < model.Count; i++) sum += model[i].Pid ?? 0;
        return sum;
    }

    [Benchmark]
    public int Refilter5kLines()
    {
        var model = new LogModel(5_000);
        foreach (var line in _lines) model.Post(line);
        model.Pump();
        model.Filter = "7 -kernel";
        return model.Count;
    }
}

/// <summary>pppd's word reader and the option-file parser on corpus-style peers text of growing size.</summary>
[MemoryDiagnoser]
public class WordReader
{
    private string _text = "";

    [Params(16, 1024, 16384)]
    public int SizeKiB { get; set; }

    [GlobalSetup]
    public void Setup() => _text = PeersText.Make(SizeKiB * 1024);

    [Benchmark]
    public int ReadWords() => PppWordReader.Read(_text).Words.Count;

    [Benchmark]
    public int ParseOptionFile() => OptionFile.Parse(_text).Entries.Count;
}

/// <summary>
/// What the live preview does on one keystroke: validate the draft, render the plan against the
/// editor's snapshot of the disk (each file read once, then kept), and build the preview text and
/// diff of every changed file. The profile was imported from a hand-written PPTP peers file (3 KiB
/// is the size of the largest peers file in the corpus; 1 MiB shows how it scales) next to a
/// chap-secrets with 100 other records; the keystroke changes the MTU.
/// </summary>
[MemoryDiagnoser]
public class PreviewKeystroke
{
    private string _root = "";
    private ProfileRenderer _renderer = null!;
    private Profile _profile = null!;
    private readonly ProfileSecrets _secrets = new();
    private readonly Dictionary<string, string?> _snapshot = new(StringComparer.Ordinal);
    private Func<string, string?> _readSnapshot = null!;
    private int _mtu = 1400;

    [Params(3, 1024)]
    public int PeersKiB { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("ppptui-bench-preview-").FullName;
        var paths = new SystemPaths(_root);
        Directory.CreateDirectory(paths.PeersDir);
        File.WriteAllText(paths.PeerFile("office"), PeersText.PptpPeersFile(PeersKiB * 1024));
        var secrets = new System.Text.StringBuilder("# client\tserver\tsecret\tIP addresses\n");
        for (int i = 0; i < 100; i++) secrets.Append("user").Append(i).Append("\t*\t\"secret").Append(i).Append("\"\t*\n");
        secrets.Append("alice\toffice\t\"s3cret\"\t*\n");
        File.WriteAllText(paths.ChapSecrets, secrets.ToString());
        var service = new ProfileService(paths);
        service.Import(["office"]);
        _profile = service.Load("office");
        _renderer = service.Renderer;
        _readSnapshot = path =>
        {
            if (!_snapshot.TryGetValue(path, out var text)) _snapshot[path] = text = TextFile.ReadOrNull(path);
            return text;
        };
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, true);

    [Benchmark]
    public int OneKeystroke()
    {
        // Typing in the MTU field: each key changes the value (the file says 1400), so the peers file changes.
        _mtu = _mtu == 1401 ? 1402 : 1401;
        _profile.Ppp.Mtu = _mtu;
        var errors = ProfileValidator.Validate(_profile, _secrets);
        var plan = _renderer.Plan(_profile, _secrets, _readSnapshot);
        var size = errors.Count;
        foreach (var file in plan.Files)
        {
            size += file.PreviewText.Length;
            if (file.Changes) size += file.Diff().Length;
        }
        return size;
    }
}
