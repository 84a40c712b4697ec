namespace PppTui.Core.Logs;

/// <summary>
/// Assigns log lines to links (profiles) by process id, so a view can show one link's lines.
/// </summary>
/// <remarks>
/// Kept simple on purpose. A line belongs to link L when its pid is known to be L's:
/// (1) pids given by whoever started or found the link (the dialing side, or pid files and
/// /proc for the CLI), including helper children such as pptp; (2) pids learned from pppd's
/// own lines: when <c>pppd[PID]</c> logs <c>Using interface ppp0</c> or <c>Connect: ppp0 &lt;--&gt; ...</c>
/// and ppp0 is known to be L's interface, PID becomes L's. A new
/// <c>pppd 2.4.9 started by ...</c> line from a pid forgets what was learned about it (pids are reused).
/// Lines of a source that belongs to one link (a profile's own pppd logfile) carry the link already.
/// Earlier sessions whose pid is no longer known stay unassigned rather than guessed.
/// Thread-safe.
/// </remarks>
public sealed class LinkTracker
{
    private readonly object _gate = new();
    private readonly Dictionary<int, string> _pids = new();
    private readonly Dictionary<string, string> _interfaces = new(StringComparer.Ordinal);
    private readonly Func<int, string?>? _lookup;
    private readonly Func<string, int, bool>? _isLinkProcess;

    /// <param name="knownPids">pid → link name, as the dialing side knows them.</param>
    /// <param name="lookup">Asked for pids not known yet (for example a live view over the dialer's link table).</param>
    /// <param name="isLinkProcess">Asked by <see cref="Owns"/> whether a pid not known here is (or was) one of a
    /// link's processes, for a caller that keeps each link's pids as a set (the screen's link table).</param>
    public LinkTracker(IReadOnlyDictionary<int, string>? knownPids = null, Func<int, string?>? lookup = null,
        Func<string, int, bool>? isLinkProcess = null)
    {
        if (knownPids is not null)
            foreach (var (pid, link) in knownPids) _pids[pid] = link;
        _lookup = lookup;
        _isLinkProcess = isLinkProcess;
    }

    /// <summary>Whether a process belongs to a link, as far as is known now.</summary>
    public bool Owns(string link, int pid) =>
        string.Equals(LinkOf(pid), link, StringComparison.Ordinal) || _isLinkProcess?.Invoke(link, pid) == true;

    /// <summary>Declares that a process belongs to a link.</summary>
    public void AddPid(int pid, string link)
    {
        lock (_gate) _pids[pid] = link;
    }

    /// <summary>Declares that a network interface (ppp0) is a link's, so pppd lines naming it teach the pid.</summary>
    public void AddInterface(string interfaceName, string link)
    {
        lock (_gate) _interfaces[interfaceName] = link;
    }

    /// <summary>The link of a pid, if known.</summary>
    public string? LinkOf(int pid)
    {
        lock (_gate)
        {
            if (_pids.TryGetValue(pid, out var link)) return link;
        }
        return _lookup?.Invoke(pid);
    }

    /// <summary>Learns from the line and returns it with <see cref="LogLine.Link"/> set when known.</summary>
    public LogLine Assign(LogLine line)
    {
        if (line.Link is not null || line.Pid is not { } pid) return line;
        if (line.Program == "pppd") Learn(pid, line.Message);
        var link = LinkOf(pid);
        return link is null ? line : line with { Link = link };
    }

    private void Learn(int pid, string message)
    {
        lock (_gate)
        {
            if (message.StartsWith("pppd ", StringComparison.Ordinal) && message.Contains(" started by ", StringComparison.Ordinal))
            {
                _pids.Remove(pid);
                return;
            }
            string? iface = null;
            if (message.StartsWith("Using interface ", StringComparison.Ordinal)) iface = message["Using interface ".Length..].Trim();
            else if (message.StartsWith("Connect: ", StringComparison.Ordinal))
            {
                var rest = message.AsSpan("Connect: ".Length);
                var space = rest.IndexOf(' ');
                if (space > 0) iface = rest[..space].ToString();
            }
            if (iface is not null && _interfaces.TryGetValue(iface, out var link)) _pids[pid] = link;
        }
    }
}
