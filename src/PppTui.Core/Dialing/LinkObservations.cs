namespace PppTui.Core.Dialing;

/// <summary>
/// What the state machine is fed: pppd's own output, its exit, requests, and what the live
/// system shows (pid files, processes, interfaces). A closed set, consumed by pattern matching.
/// </summary>
public abstract record LinkObservation;

/// <summary>ppptui started pppd for this link (pid when known).</summary>
public sealed record DialStarted(int? Pid) : LinkObservation;

/// <summary>The pppd this dial started now has a pid (the runner reports it once the process exists).</summary>
public sealed record PppdPidKnown(int Pid) : LinkObservation;

/// <summary>One line from pppd or its helper (stdout while attached, a logfile, or the log stream).</summary>
public sealed record PppdOutput(string Text) : LinkObservation;

/// <summary>The pppd we started exited with this status (0 after <c>updetach</c> means it detached, link up).</summary>
public sealed record PppdExited(int ExitStatus) : LinkObservation;

/// <summary>Someone asked for the link to go down.</summary>
public sealed record DisconnectRequested(string Reason) : LinkObservation;

/// <summary>No new line for a short while: whatever was pending (an Up waiting for its DNS lines) is complete.</summary>
public sealed record QuietPeriod : LinkObservation;

/// <summary>A check outside the log (routes, DNS) found something worth telling.</summary>
public sealed record NoticeObserved(Diagnosis Diagnosis) : LinkObservation;

/// <summary>What pid files, /proc and /sys/class/net show for the link right now.</summary>
public sealed record LinkProbed(LinkProbe Probe) : LinkObservation;

/// <summary>
/// A snapshot of the live system for one link. <c>StaleEvidence</c>: when pppd is gone but left
/// its pid files behind, which ones (it did not clean up: SIGKILL or a crash).
/// </summary>
public sealed record LinkProbe(
    bool ProcessAlive,
    int? Pid,
    string? Interface,
    bool InterfaceUp,
    string? LocalAddress,
    string? PeerAddress,
    int? Mtu,
    string? StaleEvidence = null);
