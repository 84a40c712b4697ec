namespace PppTui.Core.Dialing;

/// <summary>How bad a diagnosed condition is.</summary>
public enum LinkDiagnosisSeverity
{
    Info,
    Warning,
    Failure,
}

/// <summary>
/// A failure or trap explained in words: the cause, the fix, and the evidence (a log line, an
/// exit status, or what the live system shows). <c>Code</c> is a stable identifier scripts and
/// tests branch on (for example <c>auth-failed</c>).
/// </summary>
public sealed record LinkDiagnosis(
    string Code,
    LinkDiagnosisSeverity Severity,
    string Cause,
    string Fix,
    string? Evidence,
    int? ExitStatus);

/// <summary>What the dialer knows about the attempt, so a diagnosis can name the profile, user and server.</summary>
public sealed record LinkDiagnosisContext(
    string? ProfileName = null,
    string? User = null,
    string? RemoteName = null,
    string? SecretsPath = null,
    string? Server = null)
{
    public static LinkDiagnosisContext For(string name, PeerOptions options) =>
        new(name, options.User, options.RemoteName, null, options.PptpServer);
}

/// <summary>
/// Turns pppd's log lines and exit status into a diagnosis. The full catalog of pppd, pptp and
/// chat patterns implements this; the dialer depends only on the interface.
/// </summary>
public interface ILinkDiagnoser
{
    /// <summary>The diagnosis one log line carries on its own, or null for an ordinary line.</summary>
    LinkDiagnosis? MatchLine(string message, LinkDiagnosisContext context);

    /// <summary>What an exit status means by itself (always an answer, even for unknown statuses).</summary>
    LinkDiagnosis ForExitStatus(int exitStatus, LinkDiagnosisContext context);

    /// <summary>The best single explanation of an attempt: its lines in order and, when known, how pppd exited.</summary>
    LinkDiagnosis? Explain(IReadOnlyList<string> messages, int? exitStatus, LinkDiagnosisContext context);
}
