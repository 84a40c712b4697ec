namespace PppTui.Core.Status;

/// <summary>
/// The kernel's interfaces, addresses and main-table routes (IPv4 and IPv6) as rtnetlink told them: a dump
/// at the start, then every change. It answers what <c>ip -j addr</c> and <c>ip -j route show
/// table main</c> answered, in the same shapes, without a process. Thread-safe; pure otherwise
/// (the socket is <see cref="KernelWatch"/>), so it is tested by applying parsed messages.
/// </summary>
public sealed class KernelTables
{
    private const int MainTable = 254;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<int, RtLink> _links = new();
    private readonly Dictionary<string, RtAddress> _addresses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RtRoute> _routes = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>Counts the changes applied: a reader that saw the same number saw the same tables.</summary>
    public long Version
    {
        get { lock (_gate) return _version; }
    }

    /// <summary>Applies what one message says; true when it changed an interface, address or main-table route.</summary>
    public bool Apply(RtMessage message)
    {
        lock (_gate)
        {
            bool changed = ApplyLocked(message);
            if (changed) _version++;
            return changed;
        }
    }

    private bool ApplyLocked(RtMessage message)
    {
        switch (message.Kind)
        {
            case RtMessageKind.NewLink when message.Link is { } link:
                // A change notice may leave out the name; keep the one known.
                if (link.Name is null && _links.TryGetValue(link.Index, out var known)) link = link with { Name = known.Name };
                _links[link.Index] = link;
                // The kernel flushes an interface's IPv4 routes when it goes down without a notice for each.
                if ((link.Flags & 0x1) == 0) RemoveRoutesOf(link.Index, "inet");
                return true;
            case RtMessageKind.DelLink when message.Link is { } link:
                foreach (var key in _addresses.Where(a => a.Value.Index == link.Index).Select(a => a.Key).ToList()) _addresses.Remove(key);
                RemoveRoutesOf(link.Index, null);
                return _links.Remove(link.Index);
            case RtMessageKind.NewAddress when message.Address is { } address:
                _addresses[KeyOf(address)] = address;
                return true;
            case RtMessageKind.DelAddress when message.Address is { } address:
                return _addresses.Remove(KeyOf(address));
            case RtMessageKind.NewRoute when message.Route is { } route:
                if (!InMain(route)) return false;
                _routes[KeyOf(route)] = route;
                return true;
            case RtMessageKind.DelRoute when message.Route is { } route:
                return InMain(route) && _routes.Remove(KeyOf(route));
            default:
                return false;
        }
    }

    private void RemoveRoutesOf(int index, string? family)
    {
        foreach (var key in _routes.Where(r => r.Value.OutputInterface == index && (family is null || r.Value.Family == family))
                     .Select(r => r.Key).ToList())
            _routes.Remove(key);
    }

    /// <summary>Forgets everything (before a fresh dump, after the socket lost messages).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _links.Clear();
            _addresses.Clear();
            _routes.Clear();
            _version++;
        }
    }

    /// <summary>Every interface with its addresses in the kernel's order, as <see cref="IpOutput.ParseAddresses"/> gives them.</summary>
    public IReadOnlyList<InterfaceAddresses> Interfaces()
    {
        lock (_gate)
        {
            return _links.Values.Where(l => l.Name is not null).Select(l => new InterfaceAddresses(l.Name!, FlagNames(l.Flags), l.Mtu,
                _addresses.Values.Where(a => a.Index == l.Index && (a.Local ?? a.Address) is not null)
                    .OrderBy(a => a.Family == "inet" ? 0 : 1)
                    .Select(a => new InterfaceAddress(a.Family, (a.Local ?? a.Address)!,
                        a.Local is not null && a.Address is not null && a.Address != a.Local ? a.Address : null, a.PrefixLength))
                    .ToList())
            {
                State = l.OperState is { } s ? OperStateName(s) : null,
            }).ToList();
        }
    }

    /// <summary>The interface of that name, or null.</summary>
    public InterfaceAddresses? Interface(string name) => Interfaces().FirstOrDefault(i => i.Name == name);

    /// <summary>The IPv4 routes of the main table, as <see cref="IpOutput.ParseRoutes"/> gives them.</summary>
    public IReadOnlyList<RouteEntry> Routes() => RoutesOf("inet", 32);

    /// <summary>The IPv6 routes of the main table, as <see cref="IpOutput.ParseRoutes"/> gives those of <c>ip -j -6 route</c>.</summary>
    public IReadOnlyList<RouteEntry> Ipv6Routes() => RoutesOf("inet6", 128);

    private List<RouteEntry> RoutesOf(string family, int hostLength)
    {
        lock (_gate)
        {
            return _routes.Values.Where(r => r.Family == family)
                .OrderBy(r => r.DestinationLength == 0 ? 0 : 1).ThenBy(r => r.Priority ?? 0)
                .Select(r => new RouteEntry(
                    r.DestinationLength == 0 ? "default" : r.DestinationLength == hostLength ? r.Destination ?? "?" : $"{r.Destination}/{r.DestinationLength}",
                    r.Gateway,
                    r.OutputInterface is { } oif && _links.TryGetValue(oif, out var link) ? link.Name : null,
                    ProtocolName(r.Protocol),
                    ScopeName(r.Scope),
                    r.Priority,
                    r.PreferredSource))
                .ToList();
        }
    }

    private static bool InMain(RtRoute route) => route.Table == MainTable && route.Type is 1 or 6 or 7 or 8;

    private static string KeyOf(RtAddress a) => $"{a.Index}|{a.Family}|{a.Local ?? a.Address}|{a.PrefixLength}";

    // The kernel's identity of an IPv4 route: destination, length, tos, priority (and table); the
    // device and gateway are part of it for routes that differ only there.
    private static string KeyOf(RtRoute r) => $"{r.Family}|{r.Destination}|{r.DestinationLength}|{r.Priority}|{r.OutputInterface}|{r.Gateway}";

    // The order and words of iproute2's print_link_flags.
    private static readonly (uint Bit, string Name)[] Flags =
    [
        (0x8, "LOOPBACK"), (0x2, "BROADCAST"), (0x10, "POINTOPOINT"), (0x1000, "MULTICAST"), (0x80, "NOARP"),
        (0x200, "ALLMULTI"), (0x100, "PROMISC"), (0x400, "MASTER"), (0x800, "SLAVE"), (0x1, "UP"), (0x10000, "LOWER_UP"),
        (0x20000, "DORMANT"),
    ];

    private static List<string> FlagNames(uint flags)
    {
        var names = new List<string>();
        // IFF_UP without IFF_RUNNING: iproute2 says NO-CARRIER first.
        if ((flags & 0x1) != 0 && (flags & 0x40) == 0) names.Add("NO-CARRIER");
        foreach (var (bit, name) in Flags)
            if ((flags & bit) != 0) names.Add(name);
        return names;
    }

    private static string OperStateName(byte state) => state switch
    {
        1 => "NOTPRESENT",
        2 => "DOWN",
        3 => "LOWERLAYERDOWN",
        4 => "TESTING",
        5 => "DORMANT",
        6 => "UP",
        _ => "UNKNOWN",
    };

    // iproute2 leaves out "proto boot" (3) and names the common ones (rt_protos).
    private static string? ProtocolName(byte protocol) => protocol switch
    {
        0 or 3 => null,
        1 => "redirect",
        2 => "kernel",
        4 => "static",
        16 => "dhcp",
        9 => "ra",
        _ => protocol.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string? ScopeName(byte scope) => scope switch
    {
        0 => null,
        200 => "site",
        253 => "link",
        254 => "host",
        255 => "nowhere",
        _ => scope.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
