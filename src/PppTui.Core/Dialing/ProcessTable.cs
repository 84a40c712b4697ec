namespace PppTui.Core.Dialing;

/// <summary>One process as /proc shows it.</summary>
public sealed record ProcessInfo(int Pid, IReadOnlyList<string> CommandLine, char State, long? StartTicks, int? ParentPid = null)
{
    /// <summary>The program's file name (argv[0] without its folder).</summary>
    public string Program => CommandLine.Count > 0 ? Path.GetFileName(CommandLine[0]) : "";

    public bool IsZombie => State is 'Z' or 'X';
}

/// <summary>Reads processes from &lt;root&gt;/proc, so tests can use a fake tree.</summary>
public sealed class ProcessTable
{
    // USER_HZ, the unit of /proc/PID/stat's start time, is 100 on every Linux architecture.
    private const double TicksPerSecond = 100;

    private readonly SystemPaths _paths;

    public ProcessTable(SystemPaths paths)
    {
        _paths = paths;
    }

    public IEnumerable<ProcessInfo> All()
    {
        if (!Directory.Exists(_paths.Proc)) yield break;
        IEnumerable<string> dirs;
        try
        {
            dirs = Directory.EnumerateDirectories(_paths.Proc).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var dir in dirs)
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Get(pid) is { } info) yield return info;
        }
    }

    /// <summary>The process, or null when it does not exist (or vanished while being read).</summary>
    public ProcessInfo? Get(int pid)
    {
        var dir = Path.Join(_paths.Proc, pid.ToString(CultureInfo.InvariantCulture));
        try
        {
            var cmdlinePath = Path.Join(dir, "cmdline");
            if (!File.Exists(cmdlinePath)) return null;
            var raw = File.ReadAllText(cmdlinePath);
            var args = raw.Split('\0');
            // cmdline ends with a NUL, so the split leaves one empty tail.
            var commandLine = args.Length > 0 && args[^1].Length == 0 ? args[..^1] : args;
            var (state, start, parent) = ReadStat(Path.Join(dir, "stat"));
            return new ProcessInfo(pid, commandLine, state, start, parent);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True when the process exists and is not a zombie.</summary>
    public bool IsAlive(int pid) => Get(pid) is { IsZombie: false };

    /// <summary>The live processes whose parent is <paramref name="pid"/>.</summary>
    public IEnumerable<ProcessInfo> ChildrenOf(int pid)
    {
        // The kernel's lists of a process's children, one per thread, where it keeps them
        // (CONFIG_PROC_CHILDREN): a few processes read instead of every one, which matters when a
        // dial looks for pppd's ip-up every 20 ms on a busy single-CPU box.
        var listed = new List<int>();
        try
        {
            var tasks = Path.Join(_paths.Proc, pid.ToString(CultureInfo.InvariantCulture), "task");
            foreach (var task in Directory.Exists(tasks) ? Directory.EnumerateDirectories(tasks) : [])
            {
                var children = Path.Join(task, "children");
                if (!File.Exists(children)) return Scanned(pid);
                foreach (var word in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var child)) listed.Add(child);
            }
            if (!Directory.Exists(tasks)) return Scanned(pid);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Scanned(pid);
        }
        return listed.Select(Get).OfType<ProcessInfo>().Where(p => p.ParentPid == pid && !p.IsZombie).ToList();
    }

    private IEnumerable<ProcessInfo> Scanned(int pid) => All().Where(p => p.ParentPid == pid && !p.IsZombie);

    /// <summary>
    /// The network namespace of a process (the target of /proc/PID/ns/net, e.g. "net:[4026531840]"),
    /// or null when it cannot be read (no such process, not allowed, or a /proc without it).
    /// Pass "self" for this process.
    /// </summary>
    public string? NetworkNamespace(string pid)
    {
        try
        {
            return new FileInfo(Path.Join(_paths.Proc, pid, "ns", "net")).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>When the process started, from its start ticks and the boot time in /proc/stat.</summary>
    public DateTimeOffset? StartTime(ProcessInfo process)
    {
        if (process.StartTicks is not { } ticks) return null;
        try
        {
            var stat = Path.Join(_paths.Proc, "stat");
            if (!File.Exists(stat)) return null;
            var btime = File.ReadLines(stat).FirstOrDefault(l => l.StartsWith("btime ", StringComparison.Ordinal));
            if (btime is null || !long.TryParse(btime[6..].Trim(), CultureInfo.InvariantCulture, out var boot)) return null;
            return DateTimeOffset.FromUnixTimeSeconds(boot).AddSeconds(ticks / TicksPerSecond);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static (char State, long? StartTicks, int? ParentPid) ReadStat(string path)
    {
        if (!File.Exists(path)) return ('?', null, null);
        var stat = File.ReadAllText(path);
        // The command name sits in parentheses and may itself contain spaces or ')'.
        var close = stat.LastIndexOf(')');
        if (close < 0 || close + 2 >= stat.Length) return ('?', null, null);
        var fields = stat[(close + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var state = fields.Length > 0 && fields[0].Length > 0 ? fields[0][0] : '?';
        // After the name: state is field 3 of stat(5), ppid field 4, starttime field 22, i.e. indexes 0, 1 and 19 here.
        int? parent = fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pp) ? pp : null;
        long? start = fields.Length > 19 && long.TryParse(fields[19], CultureInfo.InvariantCulture, out var s) ? s : null;
        return (state, start, parent);
    }
}
