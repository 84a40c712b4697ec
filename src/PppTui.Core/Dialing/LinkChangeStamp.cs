namespace PppTui.Core.Dialing;

/// <summary>
/// A cheap summary of the links as the system shows them: each pppd, its pid files, and the
/// flags and MTU of its interface. Reading it costs a directory scan and a few small files under
/// /run, /proc and /sys, no process; when it changes, a link moved and is worth a full status read
/// (addresses, routes and DNS, which need <c>ip</c>). That is how a watcher reacts within a
/// fraction of a second without running <c>ip</c> ten times a second.
/// </summary>
public static class LinkChangeStamp
{
    public static string Of(SystemPaths paths, DiscoverySnapshot snapshot, DateTimeOffset now)
    {
        var parts = snapshot.Links.Select(l =>
        {
            var flags = l.Interface is { } i ? InterfaceCounters.Read(paths, i, now) : null;
            return $"{l.Name}|{l.Pid}|{l.Interface}|{flags?.Exists}|{flags?.Flags}|{flags?.Mtu}|{string.Join(',', l.PidFiles)}";
        }).Concat(snapshot.Stale.Select(s => $"stale|{s.Name}|{s.Pid}"));
        return string.Join('\n', parts.Order(StringComparer.Ordinal));
    }
}
