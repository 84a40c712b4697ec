namespace PppTui.Core.Dialing;

/// <summary>A pppd that is running now, however it was started (ppptui, pon, by hand, systemd).</summary>
/// <remarks>
/// <see cref="Name"/> is the profile (peers file) name when pppd was started with <c>call NAME</c>
/// (or <c>file /etc/ppp/peers/NAME</c>); otherwise its linkname, its interface, or "pppd-PID".
/// </remarks>
public sealed record RunningLink(
    string Name,
    int Pid,
    string? Interface,
    string? Profile,
    string? LinkName,
    IReadOnlyList<string> CommandLine,
    IReadOnlyList<string> PidFiles)
{
    public string CommandText => string.Join(' ', CommandLine);
}

/// <summary>Pid files left by a pppd that is gone: it did not clean up (SIGKILL or a crash).</summary>
public sealed record StaleLink(string Name, int Pid, string? Interface, IReadOnlyList<string> PidFiles);

/// <summary>Everything discovery found in one scan.</summary>
public sealed record DiscoverySnapshot(IReadOnlyList<RunningLink> Links, IReadOnlyList<StaleLink> Stale)
{
    /// <summary>The running pppd processes of link or profile <paramref name="name"/>.</summary>
    public IReadOnlyList<RunningLink> Find(string name) =>
        Links.Where(l => l.Name == name || l.Profile == name || l.LinkName == name).ToList();

    public IReadOnlyList<StaleLink> FindStale(string name) => Stale.Where(s => s.Name == name).ToList();
}

/// <summary>
/// Finds running links from /run/ppp-LINKNAME.pid, /run/IFNAME.pid and the processes running
/// pppd (during persist redials and holdoff pppd has no pid file at all, so /proc is the only
/// witness). Every pid is checked against /proc: a pid file alone proves nothing.
/// </summary>
public sealed class LinkDiscovery
{
    private readonly SystemPaths _paths;
    private readonly ProcessTable _processes;

    public LinkDiscovery(SystemPaths paths)
    {
        _paths = paths;
        _processes = new ProcessTable(paths);
    }

    public ProcessTable Processes => _processes;

    public DiscoverySnapshot Scan()
    {
        // A pppd in another network namespace (a container's, or a server's in its own namespace)
        // has its interface, addresses and routes there, not here: it is not a link of this view.
        var ownNamespace = _processes.NetworkNamespace("self");
        var allPppds = _processes.All().Where(p => p.Program == "pppd" && !p.IsZombie).ToList();
        var pppds = allPppds
            .Where(p => ownNamespace is null || _processes.NetworkNamespace(p.Pid.ToString(CultureInfo.InvariantCulture)) is not { } ns || ns == ownNamespace)
            .ToDictionary(p => p.Pid);
        var alive = allPppds.Select(p => p.Pid).ToHashSet();
        var pidFiles = ReadPidFiles();

        var links = new List<RunningLink>();
        foreach (var process in pppds.Values.OrderBy(p => p.Pid))
        {
            var mine = pidFiles.Where(f => f.Pid == process.Pid).ToList();
            var linkFile = mine.FirstOrDefault(f => f.LinkName is not null);
            var ifaceFile = mine.FirstOrDefault(f => f.LinkName is null);
            var args = process.CommandLine;
            var profile = ArgumentOf(args, "call") ?? PeersFileName(ArgumentOf(args, "file"));
            var linkName = linkFile?.LinkName ?? ArgumentOf(args, "linkname");
            var iface = linkFile?.Interface ?? ifaceFile?.InterfaceName ?? ArgumentOf(args, "ifname");
            var name = profile ?? linkName ?? iface ?? $"pppd-{process.Pid.ToString(CultureInfo.InvariantCulture)}";
            links.Add(new RunningLink(name, process.Pid, iface, profile, linkName, args, mine.Select(f => f.Path).ToList()));
        }

        var stale = new List<StaleLink>();
        foreach (var group in pidFiles.Where(f => !alive.Contains(f.Pid) && f.LooksLikePppd).GroupBy(f => f.Pid))
        {
            var files = group.ToList();
            var link = files.FirstOrDefault(f => f.LinkName is not null);
            var iface = link?.Interface ?? files.FirstOrDefault(f => f.LinkName is null)?.InterfaceName;
            stale.Add(new StaleLink(link?.LinkName ?? iface ?? group.Key.ToString(CultureInfo.InvariantCulture), group.Key, iface,
                files.Select(f => f.Path).ToList()));
        }
        return new DiscoverySnapshot(links, stale);
    }

    private List<PidFile> ReadPidFiles()
    {
        var result = new List<PidFile>();
        if (!Directory.Exists(_paths.RunDir)) return result;
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(_paths.RunDir, "*.pid").ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return result;
        }
        foreach (var path in files)
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (lines.Length == 0 || !int.TryParse(lines[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            var file = Path.GetFileNameWithoutExtension(path);
            if (file.StartsWith("ppp-", StringComparison.Ordinal) && file.Length > 4)
            {
                var iface = lines.Length > 1 && lines[1].Trim().Length > 0 ? lines[1].Trim() : null;
                result.Add(new PidFile(path, pid, file[4..], iface, null));
            }
            else
            {
                result.Add(new PidFile(path, pid, null, null, file));
            }
        }
        return result;
    }

    private static string? ArgumentOf(IReadOnlyList<string> args, string option)
    {
        for (var i = 1; i + 1 < args.Count; i++)
            if (args[i] == option) return args[i + 1];
        return null;
    }

    private static string? PeersFileName(string? file)
    {
        if (file is null) return null;
        var dir = Path.GetDirectoryName(file)?.Replace('\\', '/');
        return dir is not null && dir.EndsWith("/etc/ppp/peers", StringComparison.Ordinal) ? Path.GetFileName(file) : null;
    }

    private sealed record PidFile(string Path, int Pid, string? LinkName, string? Interface, string? InterfaceName)
    {
        /// <summary>ppp-NAME.pid is always pppd's; IFNAME.pid only when it names a ppp interface.</summary>
        public bool LooksLikePppd => LinkName is not null ||
            (InterfaceName is { } n && n.StartsWith("ppp", StringComparison.Ordinal) && n.Length > 3 && n[3..].All(char.IsAsciiDigit));
    }
}
