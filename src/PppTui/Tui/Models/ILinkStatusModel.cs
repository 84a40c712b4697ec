namespace PppTui.Tui.Models;

/// <summary>One row of the links pane: Core's <see cref="LinkView"/> cut to what the pane shows, with the lines it prints under an up link.</summary>
/// <param name="Profile">The profile (peers name) the link belongs to.</param>
/// <param name="Interface">e.g. "ppp0"; null until pppd got an interface.</param>
/// <param name="Addresses">Local addresses in CIDR form.</param>
/// <param name="RxRate">Bytes per second received, averaged by the source.</param>
/// <param name="Detail">A short line: the diagnosis of a failure, or what a connecting link waits for.</param>
public sealed record LinkRow(string Profile, string? Interface, LinkPhase State,
    IReadOnlyList<string> Addresses, string? PeerAddress, int? Mtu,
    long RxBytes, long TxBytes, double RxRate, double TxRate, TimeSpan? Uptime, string? Detail = null)
{
    /// <summary>Lines about an up link: the DNS servers in effect and why, the keepalive settings.</summary>
    public IReadOnlyList<string> Facts { get; init; } = [];
}

/// <summary>Every link the system has now, and connect/disconnect.</summary>
public interface ILinkStatusModel
{
    IReadOnlyList<LinkRow> Links { get; }

    /// <summary>The box's own interfaces and addresses as last read (what <c>ip -br addr</c> shows), ppp first.</summary>
    IReadOnlyList<InterfaceAddresses> Interfaces { get; }

    /// <summary>False until the system has been looked at once (that starts after the first frame).</summary>
    bool Polled { get; }

    event EventHandler? Changed;
    Task<ActionResult> ConnectAsync(string profileName, CancellationToken cancellationToken);

    /// <summary>Running links to the PPTP server <paramref name="profileName"/> dials (pptp shares one control connection per server).</summary>
    IReadOnlyList<string> SharingPptpServer(string profileName) => [];
    Task<ActionResult> DisconnectAsync(string profileName, CancellationToken cancellationToken);

    /// <summary>Measures the largest packet that passes the up link end to end (see <c>ppptui probe</c>).</summary>
    Task<PathMtuResult> ProbeAsync(string profileName, CancellationToken cancellationToken);

    /// <summary>Writes a probed MTU into the profile (mtu and mru) and its peers file.</summary>
    Task<ActionResult> WriteMtuAsync(string profileName, int mtu, CancellationToken cancellationToken);
}
