using System.Net;
using System.Net.Sockets;

namespace PppTui.Core.Status;

/// <summary>Where IPv6 negotiation (IPV6CP) of a link stands, as the kernel and the options show it.</summary>
public enum Ipv6cpState
{
    /// <summary>Neither the options ask for IPv6 (<c>+ipv6</c>) nor does the interface carry an IPv6 address.</summary>
    Off,
    /// <summary>IPV6CP opened: pppd put the link-local addresses on the interface.</summary>
    Up,
    /// <summary>The options ask for IPv6 but the interface has no link-local address (the peer refused or did not answer, or IPv6 is off here).</summary>
    NotUp,
}

/// <summary>
/// IPv6 on one ppp link: IPV6CP's state, the link-local addresses of both ends, the other IPv6
/// addresses (global or unique local, from router advertisements or a script) and the IPv6 routes
/// through the interface. Status (text and JSON) and the IP pane render this one record.
/// </summary>
public sealed record LinkIpv6
{
    public required Ipv6cpState State { get; init; }
    /// <summary>This end's link-local address (fe80::...), without the prefix length.</summary>
    public string? LinkLocal { get; init; }
    /// <summary>The peer's link-local address: the address's peer end, or the host route pppd adds to it.</summary>
    public string? PeerLinkLocal { get; init; }
    /// <summary>The interface's other IPv6 addresses with their prefix length, e.g. "2001:db8:1::5/64".</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];
    /// <summary>IPv6 routes of the main table through the interface, as <c>ip -6 route</c> prints them.</summary>
    public IReadOnlyList<string> Routes { get; init; } = [];
    /// <summary>The state in words, with the addresses or the reason it is not up.</summary>
    public required string Summary { get; init; }

    /// <summary>
    /// IPv6 of the interface <paramref name="iface"/> from its addresses (<c>ip -j addr show dev</c>) and
    /// its IPv6 routes (<c>ip -j -6 route show table main dev</c>); <paramref name="asked"/> says whether
    /// the options turn IPV6CP on, <paramref name="lines"/> are pppd's lines when known (they tell a
    /// refusal from silence).
    /// </summary>
    public static LinkIpv6 Of(string iface, InterfaceAddresses? addresses, IReadOnlyList<RouteEntry> routes6, bool asked,
        IReadOnlyList<string>? lines = null)
    {
        var inet6 = (addresses?.Addresses ?? []).Where(a => a.Family == "inet6").ToList();
        var linkLocal = inet6.FirstOrDefault(a => IsLinkLocal(a.Local));
        var own = routes6.Where(r => r.Device is null || r.Device == iface).ToList();
        // pppd sets the peer's end either as the address's peer (rtnetlink) or as a /128 host route (ioctl);
        // the kernel adds a host route to this end's own address too, which is not the peer.
        var peer = linkLocal?.Peer ?? own.Select(r => r.Destination)
            .FirstOrDefault(d => IsLinkLocal(d) && !d.Contains('/') && d != linkLocal?.Local);
        var others = inet6.Where(a => !IsLinkLocal(a.Local) && !IsMulticastOrLoopback(a.Local))
            .Select(a => $"{a.Local}/{a.PrefixLength}").ToList();
        var routes = own.Select(r => r.ToString()).ToList();
        if (linkLocal is not null)
            return new LinkIpv6
            {
                State = Ipv6cpState.Up,
                LinkLocal = linkLocal.Local,
                PeerLinkLocal = peer,
                Addresses = others,
                Routes = routes,
                Summary = peer is null
                    ? Msg.F("IPV6CP up: link-local {0}", linkLocal.Local)
                    : Msg.F("IPV6CP up: link-local {0}, peer {1}", linkLocal.Local, peer),
            };
        if (!asked && others.Count == 0)
            return new LinkIpv6 { State = Ipv6cpState.Off, Routes = routes, Summary = Msg.T("off: the options do not ask for it (+ipv6)") };
        return new LinkIpv6
        {
            State = Ipv6cpState.NotUp,
            Addresses = others,
            Routes = routes,
            Summary = Msg.F("+ipv6 is set, but IPV6CP is not up: {0}", WhyNotUp(iface, lines ?? [])),
        };
    }

    private static string WhyNotUp(string iface, IReadOnlyList<string> lines)
    {
        if (lines.Any(l => l.Contains("Protocol-Reject for 'IPv6 Control Protocol'", StringComparison.Ordinal)))
            return Msg.T("the peer refused IPv6 (it sent a Protocol-Reject for IPV6CP); the server needs +ipv6 too");
        if (lines.Any(l => l.Contains("IPV6CP: timeout sending Config-Requests", StringComparison.Ordinal)))
            return Msg.T("the peer never answered IPV6CP; the server needs +ipv6 too");
        if (lines.Any(l => l.Contains("IPv6 socket creation failed", StringComparison.Ordinal) || l.Contains("sif6addr", StringComparison.Ordinal)))
            return Msg.T("IPv6 is off in this kernel (load the ipv6 module, or check net.ipv6.conf.all.disable_ipv6)");
        return Msg.F("{0} has no link-local address; the peer refused IPV6CP or has IPv6 off (pppd's log says which: ppptui logs)", iface);
    }

    private static bool IsLinkLocal(string address) =>
        IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.IsIPv6LinkLocal;

    private static bool IsMulticastOrLoopback(string address) =>
        IPAddress.TryParse(address, out var ip) && (ip.IsIPv6Multicast || IPAddress.IsLoopback(ip));
}
