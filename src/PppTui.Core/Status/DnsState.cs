namespace PppTui.Core.Status;

/// <summary>Who writes /etc/resolv.conf, which decides whether pppd's <c>usepeerdns</c> has any effect.</summary>
public enum DnsManager
{
    /// <summary>A plain file: Debian's ip-up.d/0000usepeerdns merges the peer's servers into it.</summary>
    Plain,
    /// <summary>systemd-resolved: the peer's servers are ignored unless given to the link (resolvectl dns).</summary>
    SystemdResolved,
    /// <summary>resolvconf: only its own ppp hook (IFACE.pppd) brings the peer's servers in.</summary>
    Resolvconf,
}

/// <summary>DNS as the system has it: the manager, the servers in /etc/resolv.conf, and what the peer gave.</summary>
public sealed record DnsState(
    DnsManager Manager,
    IReadOnlyList<string> SystemServers,
    IReadOnlyList<string> PeerServers,
    string? ResolvConfLinkTarget)
{
    /// <summary>Reads /etc/resolv.conf (following a symlink under the root), /etc/ppp/resolv.conf and the resolver folders.</summary>
    public static DnsState Read(SystemPaths paths)
    {
        var resolvConf = paths.Under("/etc/resolv.conf");
        string? target = null;
        var contentPath = resolvConf;
        try
        {
            var info = new FileInfo(resolvConf);
            if (info.LinkTarget is { } link)
            {
                target = link;
                // Resolve the link under the root, never on the live system.
                contentPath = Path.IsPathRooted(link)
                    ? paths.Under(link)
                    : Path.GetFullPath(Path.Join(Path.GetDirectoryName(resolvConf)!, link));
            }
        }
        catch (IOException)
        {
        }
        var systemServers = Nameservers(contentPath);
        var peerServers = Nameservers(Path.Join(paths.EtcPpp, "resolv.conf"));

        var manager = DnsManager.Plain;
        if ((target?.Contains("systemd/resolve", StringComparison.Ordinal) ?? false) || systemServers.Contains("127.0.0.53"))
            manager = DnsManager.SystemdResolved;
        else if ((target?.Contains("resolvconf", StringComparison.Ordinal) ?? false)
                 || Directory.Exists(paths.Under("/run/resolvconf"))
                 || Directory.Exists(paths.Under("/etc/resolvconf/run")))
            manager = DnsManager.Resolvconf;
        return new DnsState(manager, systemServers, peerServers, target);
    }

    /// <summary>The nameserver lines of a resolv.conf-style file (empty when missing).</summary>
    public static IReadOnlyList<string> Nameservers(string path)
    {
        try
        {
            if (!File.Exists(path)) return [];
            return ParseNameservers(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public static IReadOnlyList<string> ParseNameservers(string text) =>
        text.Split('\n')
            .Select(l => l.Split('#', ';')[0].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length >= 2 && w[0] == "nameserver")
            .Select(w => w[1])
            .ToList();

    /// <summary>The servers resolvconf holds for IFACE (its IFACE.pppd record, or any record named after the interface).</summary>
    public static IReadOnlyList<string> ResolvconfServersFor(SystemPaths paths, string iface)
    {
        foreach (var dir in new[] { paths.Under("/run/resolvconf/interface"), paths.Under("/etc/resolvconf/run/interface") })
        {
            if (!Directory.Exists(dir)) continue;
            var servers = Directory.EnumerateFiles(dir)
                .Where(f => Path.GetFileName(f) == iface || Path.GetFileName(f).StartsWith(iface + ".", StringComparison.Ordinal))
                .SelectMany(Nameservers).Distinct().ToList();
            if (servers.Count > 0) return servers;
        }
        return [];
    }

    /// <summary>Parses <c>resolvectl dns IFACE</c>: "Link 5 (ppp0): 198.51.100.53 198.51.100.54".</summary>
    public static IReadOnlyList<string> ParseResolvectlDns(string output)
    {
        var servers = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            var colon = line.IndexOf("):", StringComparison.Ordinal);
            if (!line.TrimStart().StartsWith("Link", StringComparison.Ordinal) || colon < 0) continue;
            servers.AddRange(line[(colon + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => s.Split('#')[0]));
        }
        return servers;
    }
}
