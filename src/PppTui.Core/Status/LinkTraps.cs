namespace PppTui.Core.Status;

/// <summary>What the after-Up checks look at for one link.</summary>
public sealed record LinkTrapInput(
    string Name,
    string Interface,
    PeerOptions Options,
    IReadOnlyList<RouteEntry>? Routes,
    DnsState Dns,
    IReadOnlyList<string> PeerDns,
    bool? PeerDnsApplied,
    IReadOnlyList<string> LogLines);

/// <summary>
/// The silent traps: the link is up, pppd reports success, and still traffic or names do not
/// go where the user expects. Each becomes a diagnosis with its evidence and the fix.
/// </summary>
public static partial class LinkTraps
{
    /// <summary>pppd's MPPE header (MPPE_PAD): agreed MPPE lowers the interface MTU by this much.</summary>
    public const int MppeOverhead = 4;

    [GeneratedRegex(@"not replacing (?:existing )?default route (?:to|via) (\S+)(?: \[([\d.]+)\])?")]
    private static partial Regex NotReplacingDefaultRoute();

    public static IReadOnlyList<Diagnosis> AfterUp(LinkTrapInput input)
    {
        var found = new List<Diagnosis>();
        if (DefaultRouteNotTaken(input) is { } route) found.Add(route);
        if (PeerDnsIgnored(input) is { } dns) found.Add(dns);
        return found;
    }

    private static Diagnosis? DefaultRouteNotTaken(LinkTrapInput input)
    {
        // Without the route table (ip failed) there is nothing to judge by.
        if (!input.Options.DefaultRoute || input.Routes is null) return null;
        var effective = IpOutput.EffectiveDefault(input.Routes);
        if (effective?.Device == input.Interface) return null;
        var logLine = input.LogLines.LastOrDefault(l => NotReplacingDefaultRoute().IsMatch(l));
        var other = effective is null ? "no default route at all" : $"the default route still goes {Describe(effective)}";
        var evidence = logLine ?? (effective is null ? "ip route: no default route" : $"ip route: default {Describe(effective)}");
        if (input.Options.ReplaceDefaultRoute)
            return new Diagnosis("default-route-not-replaced", DiagnosisSeverity.Warning,
                $"{input.Name} asks for replacedefaultroute, but {other}: traffic does not go through {input.Interface}.",
                $"Check for a default route with a lower metric or in another table (ip route show table all), or route the networks you need through {input.Interface} in an /etc/ppp/ip-up.d script.",
                evidence, null);
        return new Diagnosis("default-route-not-added", DiagnosisSeverity.Warning,
            $"{input.Name} asks for defaultroute, but {other}: pppd does not replace an existing default route, so traffic bypasses {input.Interface} (connected, yet nothing goes through the link).",
            $"Add 'replacedefaultroute' to /etc/ppp/peers/{input.Name} (pppd replaces the route and restores it when the link goes down), or keep the old default and route only the networks you need through {input.Interface} (ip route add NET dev {input.Interface}, in an /etc/ppp/ip-up.d script).",
            evidence, null);
    }

    private static Diagnosis? PeerDnsIgnored(LinkTrapInput input)
    {
        if (!input.Options.UsePeerDns || input.PeerDns.Count == 0 || input.PeerDnsApplied != false) return null;
        var servers = string.Join(' ', input.PeerDns);
        var evidence = $"peer DNS {servers} (/etc/ppp/resolv.conf); /etc/resolv.conf has {(input.Dns.SystemServers.Count == 0 ? "no nameserver" : string.Join(' ', input.Dns.SystemServers))}";
        return input.Dns.Manager switch
        {
            DnsManager.SystemdResolved => new Diagnosis("peer-dns-ignored-resolved", DiagnosisSeverity.Warning,
                $"usepeerdns got {servers} from the peer, but systemd-resolved manages DNS and never reads /etc/ppp/resolv.conf: names still resolve through the old servers.",
                $"Apply the peer's servers to the link: resolvectl dns {input.Interface} {servers} (and resolvectl domain {input.Interface} '~.' to send every lookup there), or add an /etc/ppp/ip-up.d hook that does it.",
                evidence, null),
            DnsManager.Resolvconf => new Diagnosis("peer-dns-ignored-resolvconf", DiagnosisSeverity.Warning,
                $"usepeerdns got {servers} from the peer, but resolvconf manages /etc/resolv.conf and has no record for {input.Interface}: Debian's usepeerdns hook does nothing when resolvconf is installed.",
                $"Register them: printf 'nameserver %s\\n' {servers} | resolvconf -a {input.Interface}.pppd (resolvconf's own /etc/ppp/ip-up.d/000resolvconf hook does this when installed).",
                evidence, null),
            _ => new Diagnosis("peer-dns-not-merged", DiagnosisSeverity.Warning,
                $"usepeerdns got {servers} from the peer, but /etc/resolv.conf does not list them: the hook that merges /etc/ppp/resolv.conf (Debian's /etc/ppp/ip-up.d/0000usepeerdns) did not run.",
                "Check that /etc/ppp/ip-up.d/0000usepeerdns exists and is executable, or add the servers to /etc/resolv.conf in your own ip-up script.",
                evidence, null),
        };
    }

    /// <summary>
    /// Why the interface MTU differs from what the profile asks for, or null when it does not.
    /// pppd sets min(peer MRU, our mru, mtu) and, when MPPE is agreed, 4 bytes less.
    /// </summary>
    public static string? MtuNote(PeerOptions options, int? actual, bool mppeAgreed)
    {
        var asked = new[] { options.Mtu, options.Mru }.Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty().Min();
        if (asked == 0 || actual is not { } mtu || mtu == asked) return null;
        var mppe = mppeAgreed || options.RequiresMppe;
        if (mppe && mtu == asked - MppeOverhead)
            return $"{asked} configured, {mtu} after MPPE (MPPE takes {MppeOverhead} bytes)";
        if (mppe && mtu < asked - MppeOverhead)
            return $"{asked} configured, {mtu} in use: the peer's MRU is smaller, and MPPE takes {MppeOverhead} bytes";
        if (mtu < asked)
            return $"{asked} configured, {mtu} in use: the peer asked for a smaller MRU";
        return $"{asked} configured, {mtu} in use: changed after pppd set it";
    }

    private static string Describe(RouteEntry route) =>
        route.Gateway is not null ? $"via {route.Gateway} dev {route.Device}" : $"dev {route.Device}";
}
