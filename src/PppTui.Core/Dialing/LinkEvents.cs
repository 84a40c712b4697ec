namespace PppTui.Core.Dialing;

/// <summary>Where a link is in its life, as the connect button and the status views show it.</summary>
public enum LinkState
{
    /// <summary>Not running (the event says why).</summary>
    Down,
    /// <summary>pppd has started and is reading its options, loading plugins.</summary>
    Starting,
    /// <summary>Dialing, opening the tunnel or session, and LCP negotiation.</summary>
    Connecting,
    Authenticating,
    /// <summary>IPCP (and CCP/MPPE) negotiation: authentication is done, no address yet.</summary>
    NegotiatingIp,
    Up,
    Disconnecting,
    /// <summary>The link dropped and pppd (persist) waits its holdoff and dials again.</summary>
    Redialing,
}

public static class LinkStateText
{
    /// <summary>How a state reads in a status line, in the current language (JSON carries the state's name instead).</summary>
    public static string Describe(this LinkState state) => state switch
    {
        LinkState.Down => Msg.T("down"),
        LinkState.Starting => Msg.T("starting"),
        LinkState.Connecting => Msg.T("connecting (LCP)"),
        LinkState.Authenticating => Msg.T("authenticating"),
        LinkState.NegotiatingIp => Msg.T("negotiating IP"),
        LinkState.Up => Msg.T("up"),
        LinkState.Disconnecting => Msg.T("disconnecting"),
        LinkState.Redialing => Msg.T("redialing (persist)"),
        _ => state.ToString(),
    };
}

/// <summary>What is known about an up (or coming up) link.</summary>
public sealed record LinkDetails
{
    public string? Interface { get; init; }
    /// <summary>The device or channel pppd talks through (a tty, a pty, an Ethernet interface).</summary>
    public string? Device { get; init; }
    public string? LocalAddress { get; init; }
    public string? PeerAddress { get; init; }
    public IReadOnlyList<string> Dns { get; init; } = [];
    public int? Mtu { get; init; }
    public int? Pid { get; init; }
    /// <summary>For example "MPPE 128-bit stateless", when pppd logged it.</summary>
    public string? Compression { get; init; }
}

/// <summary>
/// The closed set of things a link reports. Views subscribe and pattern-match on these; they
/// never look at pppd's output themselves.
/// </summary>
public abstract record LinkEvent(string Link, DateTimeOffset At);

/// <summary>The link moved from one state to another; <paramref name="Reason"/> says why, in words.</summary>
public sealed record LinkStateChanged(string Link, DateTimeOffset At, LinkState Old, LinkState New, string Reason)
    : LinkEvent(Link, At);

/// <summary>The link is up, with its interface, addresses and DNS.</summary>
public sealed record LinkUp(string Link, DateTimeOffset At, LinkDetails Details) : LinkEvent(Link, At);

/// <summary>The link is down: why, pppd's exit status when known, and the diagnosis.</summary>
public sealed record LinkDown(string Link, DateTimeOffset At, string Reason, int? ExitStatus, Diagnosis? Diagnosis)
    : LinkEvent(Link, At);

/// <summary>A line pppd (or its chat/pptp/pppoe helper) logged for this link.</summary>
public sealed record LinkLogLine(string Link, DateTimeOffset At, string Text) : LinkEvent(Link, At);

/// <summary>A line or a check carried a diagnosis on its own (a warning the link survives, or a harmless note).</summary>
public sealed record LinkNotice(string Link, DateTimeOffset At, Diagnosis Diagnosis) : LinkEvent(Link, At);
