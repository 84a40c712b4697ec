namespace PppTui.Core.Logs;

/// <summary>
/// Which log lines belong to a profile: its pppd <c>logfile</c> (from the options pppd really
/// uses) and the processes of its running link (pppd and its pty or connect helpers, whose pids
/// tag their syslog lines).
/// </summary>
public sealed record LinkLogScope(bool Exists, string? LogFile, LinkTracker? Tracker, string PidFile)
{
    public static LinkLogScope For(SystemPaths paths, string profile)
    {
        var pidFile = Path.Join(paths.RunDir, $"ppp-{profile}.pid");
        var exists = File.Exists(paths.PeerFile(profile)) || File.Exists(paths.ProfileFile(profile));
        if (!exists || LinkNames.Problem(profile) is not null) return new LinkLogScope(false, null, null, pidFile);

        var options = new PeerOptionsFileReader(paths).Read(profile);
        var logfile = options.TryGetValue("logfile", out var path) && path is not null ? paths.Resolve(path) : null;

        var pids = new Dictionary<int, string>();
        var interfaces = new List<string>();
        var snapshot = new LinkDiscovery(paths).Scan();
        // A pid file left by a pppd that is gone still names the pid its log lines carry.
        foreach (var stale in snapshot.FindStale(profile))
        {
            pids[stale.Pid] = profile;
            if (stale.Interface is { } iface) interfaces.Add(iface);
        }
        foreach (var link in snapshot.Find(profile))
        {
            pids[link.Pid] = profile;
            foreach (var child in Descendants(paths.Proc, link.Pid)) pids[child] = profile;
            if (link.Interface is { } iface) interfaces.Add(iface);
        }
        LinkTracker? tracker = null;
        if (pids.Count > 0 || interfaces.Count > 0)
        {
            tracker = new LinkTracker(pids);
            foreach (var iface in interfaces) tracker.AddInterface(iface, profile);
        }
        return new LinkLogScope(true, logfile, tracker, pidFile);
    }

    // pptp, chat and the pppoe helper log under their own pids: children of pppd (and of each other).
    private static IEnumerable<int> Descendants(string proc, int pid, int depth = 0)
    {
        if (depth > 4) yield break;
        string text;
        try
        {
            text = File.ReadAllText(Path.Join(proc, pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "task",
                pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "children"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, out var child)) continue;
            yield return child;
            foreach (var grandchild in Descendants(proc, child, depth + 1)) yield return grandchild;
        }
    }
}
