using System.Text.Json.Serialization;

namespace PppTui.Core.Status;

/// <summary>One address of an interface; on a point-to-point link <see cref="Peer"/> is the other end.</summary>
public sealed record InterfaceAddress(string Family, string Local, string? Peer, int PrefixLength);

/// <summary>An interface as <c>ip -j addr</c> shows it.</summary>
public sealed record InterfaceAddresses(string Name, IReadOnlyList<string> Flags, int? Mtu, IReadOnlyList<InterfaceAddress> Addresses)
{
    public InterfaceAddress? FirstIPv4 => Addresses.FirstOrDefault(a => a.Family == "inet");

    /// <summary>The kernel's operational state as <c>ip -br addr</c> shows it (UP, DOWN, UNKNOWN); null when not given.</summary>
    public string? State { get; init; }

    /// <summary>Whether this is a ppp interface (point-to-point and named pppN), which status lists before the others.</summary>
    public bool IsPpp => Name.StartsWith("ppp", StringComparison.Ordinal);
}

/// <summary>One route of the main table.</summary>
public sealed record RouteEntry(string Destination, string? Gateway, string? Device, string? Protocol, string? Scope,
    int? Metric, string? PreferredSource)
{
    public bool IsDefault => Destination is "default" or "0.0.0.0/0" or "::/0";

    public override string ToString()
    {
        var parts = new List<string> { Destination };
        if (Gateway is not null) parts.Add("via " + Gateway);
        if (Device is not null) parts.Add("dev " + Device);
        if (Protocol is not null) parts.Add("proto " + Protocol);
        if (Scope is not null) parts.Add("scope " + Scope);
        if (PreferredSource is not null) parts.Add("src " + PreferredSource);
        if (Metric is not null) parts.Add("metric " + Metric);
        return string.Join(' ', parts);
    }
}

/// <summary>The <c>ip</c> and <c>resolvectl</c> commands status reads through (build vs run).</summary>
public static class IpCommands
{
    public static CommandSpec AddressesOf(string iface) =>
        new("ip", ["-j", "addr", "show", "dev", iface]) { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Every interface and its addresses: what the IP pane shows when no ppp link is up.</summary>
    public static CommandSpec AllAddresses() =>
        new("ip", ["-j", "addr", "show"]) { Timeout = TimeSpan.FromSeconds(5) };

    public static CommandSpec MainRoutes() =>
        new("ip", ["-j", "route", "show", "table", "main"]) { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>The IPv6 routes of the main table through one interface (read only for a link that has IPv6 addresses).</summary>
    public static CommandSpec Ipv6RoutesOf(string iface) =>
        new("ip", ["-j", "-6", "route", "show", "table", "main", "dev", iface]) { Timeout = TimeSpan.FromSeconds(5) };

    public static CommandSpec LinkDns(string iface) =>
        new("resolvectl", ["dns", iface]) { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Gives systemd-resolved the peer's DNS servers for this link (what Debian's usepeerdns hook never does).</summary>
    public static CommandSpec ApplyLinkDns(string iface, IReadOnlyList<string> servers) =>
        new("resolvectl", ["dns", iface, .. servers]) { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>A routing domain for the link in systemd-resolved ("~." sends every lookup there).</summary>
    public static CommandSpec ApplyLinkDomain(string iface, string domain) =>
        new("resolvectl", ["domain", iface, domain]) { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Registers the peer's DNS servers with resolvconf under IFACE.pppd (the name its own ppp hook uses).</summary>
    public static CommandSpec ApplyResolvconfDns(string iface, IReadOnlyList<string> servers) =>
        new("resolvconf", ["-a", iface + ".pppd"])
        {
            StandardInput = string.Concat(servers.Select(s => $"nameserver {s}\n")),
            Timeout = TimeSpan.FromSeconds(5),
        };
}

/// <summary>Parses the JSON of <c>ip -j</c> (iproute2). Pure; bad input gives an empty list.</summary>
public static class IpOutput
{
    public static IReadOnlyList<InterfaceAddresses> ParseAddresses(string json)
    {
        var links = Deserialize(json, IpJsonContext.Default.IpLinkJsonArray);
        return links.Where(l => l.IfName is not null).Select(l => new InterfaceAddresses(
            l.IfName!,
            l.Flags ?? [],
            l.Mtu,
            (l.AddrInfo ?? []).Where(a => a.Family is not null && a.Local is not null)
                .Select(a => new InterfaceAddress(a.Family!, a.Local!, a.Address, a.PrefixLen ?? 0)).ToList())
        {
            State = l.OperState,
        }).ToList();
    }

    public static IReadOnlyList<RouteEntry> ParseRoutes(string json)
    {
        var routes = Deserialize(json, IpJsonContext.Default.IpRouteJsonArray);
        return routes.Where(r => r.Dst is not null)
            .Select(r => new RouteEntry(r.Dst!, r.Gateway, r.Dev, r.Protocol, r.Scope, r.Metric, r.PrefSrc)).ToList();
    }

    /// <summary>The route the kernel uses for traffic without a more specific route: the default with the lowest metric.</summary>
    public static RouteEntry? EffectiveDefault(IEnumerable<RouteEntry> routes) =>
        routes.Where(r => r.IsDefault).OrderBy(r => r.Metric ?? 0).FirstOrDefault();

    private static T[] Deserialize<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T[]> type)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

internal sealed class IpLinkJson
{
    [JsonPropertyName("ifname")] public string? IfName { get; set; }
    [JsonPropertyName("flags")] public string[]? Flags { get; set; }
    [JsonPropertyName("mtu")] public int? Mtu { get; set; }
    [JsonPropertyName("operstate")] public string? OperState { get; set; }
    [JsonPropertyName("addr_info")] public IpAddrInfoJson[]? AddrInfo { get; set; }
}

internal sealed class IpAddrInfoJson
{
    [JsonPropertyName("family")] public string? Family { get; set; }
    [JsonPropertyName("local")] public string? Local { get; set; }
    [JsonPropertyName("address")] public string? Address { get; set; }
    [JsonPropertyName("prefixlen")] public int? PrefixLen { get; set; }
}

internal sealed class IpRouteJson
{
    [JsonPropertyName("dst")] public string? Dst { get; set; }
    [JsonPropertyName("gateway")] public string? Gateway { get; set; }
    [JsonPropertyName("dev")] public string? Dev { get; set; }
    [JsonPropertyName("protocol")] public string? Protocol { get; set; }
    [JsonPropertyName("scope")] public string? Scope { get; set; }
    [JsonPropertyName("metric")] public int? Metric { get; set; }
    [JsonPropertyName("prefsrc")] public string? PrefSrc { get; set; }
}

[JsonSerializable(typeof(IpLinkJson[]))]
[JsonSerializable(typeof(IpRouteJson[]))]
internal sealed partial class IpJsonContext : JsonSerializerContext;
