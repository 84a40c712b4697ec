namespace PppTui.Core.Dialing;

/// <summary>What one pppd (or helper) line says about the progress of a link.</summary>
public enum PppdLineKind
{
    Other,
    /// <summary>pppd started or loaded a plugin.</summary>
    Starting,
    /// <summary>The channel is being opened or LCP runs: dialing, tunnel, session, interface created.</summary>
    Connecting,
    /// <summary>An authentication exchange is visible (debug lines).</summary>
    Authenticating,
    /// <summary>Authentication succeeded, MPPE agreed, or IPCP packets flow.</summary>
    NegotiatingIp,
    LocalAddress,
    RemoteAddress,
    Dns,
    /// <summary>The current attempt ended (pppd may still dial again with persist).</summary>
    AttemptEnded,
    /// <summary>pppd was told to stop (signal).</summary>
    Terminating,
    /// <summary>SIGHUP: hang up; with persist pppd dials again.</summary>
    Hangup,
}

/// <summary>One classified line, with the value it carries (an interface, an address, a device).</summary>
public sealed record PppdLine(PppdLineKind Kind, string Text, string? Value = null, string? Value2 = null);

/// <summary>
/// Reads progress from pppd's messages (the success markers of pppd 2.4.9 and its helpers).
/// Failures are the diagnoser's business; this only says how far the link got.
/// </summary>
public static partial class PppdProgress
{
    [GeneratedRegex(@"^Using interface (\S+)")]
    private static partial Regex UsingInterface();

    [GeneratedRegex(@"^Connect: (\S+) <--> (\S+)")]
    private static partial Regex ConnectLine();

    [GeneratedRegex(@"^local\s+IP address (\S+)")]
    private static partial Regex LocalIp();

    [GeneratedRegex(@"^remote\s+IP address (\S+)")]
    private static partial Regex RemoteIp();

    [GeneratedRegex(@"^(primary|secondary)\s+DNS address (\S+)")]
    private static partial Regex DnsLine();

    [GeneratedRegex(@"^(?:CHAP|PAP|EAP|MS-CHAP\S*) authentication succeeded")]
    private static partial Regex AuthSucceeded();

    [GeneratedRegex(@"^MPPE (\d+)-bit (stateless|stateful) compression enabled")]
    private static partial Regex MppeEnabled();

    [GeneratedRegex(@"^(?:sent|rcvd) \[(?:CHAP|PAP|EAP) ")]
    private static partial Regex AuthPacket();

    [GeneratedRegex(@"^(?:sent|rcvd) \[(?:IPCP|CCP) ")]
    private static partial Regex IpcpPacket();

    [GeneratedRegex(@"^Terminating on signal (\d+)")]
    private static partial Regex TerminatingOnSignal();

    [GeneratedRegex(@"^(?:Plugin \S+ loaded\.|pppd [\d.]+ started by )")]
    private static partial Regex StartingLine();

    [GeneratedRegex(@"^(?:Serial connection established\.|PPP session is \d+|Connected to \S+ via interface \S+|Starting link|.*Outgoing call established|send \(|expect \(|CONNECT\b)")]
    private static partial Regex ConnectingLine();

    [GeneratedRegex(@"^(?:Connection terminated\.|Modem hangup|Link terminated\.|Connect script failed|Serial link appears to be disconnected\.|(?:LCP|IPCP) terminated by peer)")]
    private static partial Regex AttemptEndedLine();

    public static PppdLine Classify(string line)
    {
        var text = line.TrimEnd('\r', '\n');
        var t = text.TrimStart();
        Match m;
        if ((m = LocalIp().Match(t)).Success) return new(PppdLineKind.LocalAddress, text, m.Groups[1].Value);
        if ((m = RemoteIp().Match(t)).Success) return new(PppdLineKind.RemoteAddress, text, m.Groups[1].Value);
        if ((m = DnsLine().Match(t)).Success) return new(PppdLineKind.Dns, text, m.Groups[2].Value, m.Groups[1].Value);
        if ((m = UsingInterface().Match(t)).Success) return new(PppdLineKind.Connecting, text, m.Groups[1].Value);
        if ((m = ConnectLine().Match(t)).Success) return new(PppdLineKind.Connecting, text, m.Groups[1].Value, m.Groups[2].Value);
        if (AuthSucceeded().IsMatch(t)) return new(PppdLineKind.NegotiatingIp, text);
        if ((m = MppeEnabled().Match(t)).Success) return new(PppdLineKind.NegotiatingIp, text, $"MPPE {m.Groups[1].Value}-bit {m.Groups[2].Value}");
        if (IpcpPacket().IsMatch(t)) return new(PppdLineKind.NegotiatingIp, text);
        if (AuthPacket().IsMatch(t)) return new(PppdLineKind.Authenticating, text);
        if ((m = TerminatingOnSignal().Match(t)).Success) return new(PppdLineKind.Terminating, text, m.Groups[1].Value);
        if (t.StartsWith("Hangup (SIGHUP)", StringComparison.Ordinal)) return new(PppdLineKind.Hangup, text);
        if (AttemptEndedLine().IsMatch(t)) return new(PppdLineKind.AttemptEnded, text);
        if (StartingLine().IsMatch(t)) return new(PppdLineKind.Starting, text);
        if (ConnectingLine().IsMatch(t)) return new(PppdLineKind.Connecting, text);
        return new(PppdLineKind.Other, text);
    }
}
