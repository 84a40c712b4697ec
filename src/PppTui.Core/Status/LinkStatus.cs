using System.Text.Json.Serialization;

namespace PppTui.Core.Status;

/// <summary>
/// Everything status shows for one link: state, interface, addresses, MTU (and why it differs
/// from the profile), traffic, uptime, routes, the default route's owner, DNS in effect, pid,
/// and the traps found after Up. The CLI prints it as text or JSON; the TUI binds to it.
/// </summary>
public sealed record LinkStatus
{
    public required string Name { get; init; }
    public required LinkState State { get; init; }
    /// <summary>Why the link is in this state, in words (mostly for Down).</summary>
    public string? Reason { get; init; }
    public int? Pid { get; init; }
    public string? Interface { get; init; }
    public string? LocalAddress { get; init; }
    public string? PeerAddress { get; init; }
    public int? Mtu { get; init; }
    /// <summary>The mtu the profile asks for (pppd's <c>mtu</c> option), when set.</summary>
    public int? ConfiguredMtu { get; init; }
    /// <summary>Why <see cref="Mtu"/> differs from <see cref="ConfiguredMtu"/>, e.g. "MPPE takes 4 bytes".</summary>
    public string? MtuNote { get; init; }
    public long? RxBytes { get; init; }
    public long? TxBytes { get; init; }
    /// <summary>Bytes per second since the previous sample; null on a first sample.</summary>
    public double? RxRate { get; init; }
    public double? TxRate { get; init; }
    public DateTimeOffset? UpSince { get; init; }
    public long? UptimeSeconds { get; init; }
    /// <summary>Routes of the main table that go through this link's interface.</summary>
    public IReadOnlyList<string> Routes { get; init; } = [];
    /// <summary>The interface that carries the effective default route (may be another one).</summary>
    public string? DefaultRouteDevice { get; init; }
    public bool OwnsDefaultRoute { get; init; }
    public DnsManager DnsManager { get; init; }
    /// <summary>The DNS servers name lookups use now.</summary>
    public IReadOnlyList<string> Dns { get; init; } = [];
    /// <summary>The servers the peer offered (usepeerdns: /etc/ppp/resolv.conf).</summary>
    public IReadOnlyList<string> PeerDns { get; init; } = [];
    /// <summary>Whether the peer's servers are in effect; null when the peer offered none.</summary>
    public bool? PeerDnsApplied { get; init; }
    /// <summary>Why <see cref="Dns"/> are the servers in effect (the peer's, merged by whom; or the system's and why).</summary>
    public string? DnsNote { get; init; }
    /// <summary>IPv6 on the link (IPV6CP, link-local and other addresses, IPv6 routes); null until the link is up.</summary>
    public LinkIpv6? Ipv6 { get; init; }
    /// <summary>The LCP echo (keepalive) settings in effect, in words.</summary>
    public string? Keepalive { get; init; }
    /// <summary>The round-trip times of the LCP echoes, where pppd 2.5 logs them (<c>lcp-rtt-file</c>); null elsewhere.</summary>
    public LcpRoundTrip? KeepaliveRoundTrip { get; init; }
    public string? Command { get; init; }
    /// <summary>Diagnoses that hold although the link may be up (default route not taken, DNS ignored, ...).</summary>
    public IReadOnlyList<Diagnosis> Notices { get; init; } = [];
    /// <summary>For a Down link: the diagnosis of why.</summary>
    public Diagnosis? Diagnosis { get; init; }
}

/// <summary>Source-generated JSON for status output (trim- and AOT-safe).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(LinkStatus))]
[JsonSerializable(typeof(List<LinkStatus>))]
[JsonSerializable(typeof(Diagnosis))]
[JsonSerializable(typeof(DisconnectOutcome))]
[JsonSerializable(typeof(LinkExplanation))]
[JsonSerializable(typeof(LinkIpv6))]
[JsonSerializable(typeof(LcpRoundTrip))]
public sealed partial class LinkStatusJsonContext : JsonSerializerContext;
