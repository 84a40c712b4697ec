namespace PppTui.Core.Diagnoses;

/// <summary>How bad a diagnosed condition is: information, a warning the link survives, or a failure.</summary>
public enum DiagnosisSeverity
{
    Info,
    Warning,
    Failure,
}

/// <summary>
/// A plain-language explanation of a pppd/pptp/chat log line or exit status: what happened
/// (<paramref name="Cause"/>) and what to do about it (<paramref name="Fix"/>).
/// </summary>
/// <param name="Code">A stable identifier (for example <c>auth-rejected</c>) that scripts and tests branch on.</param>
/// <param name="Severity">How bad it is.</param>
/// <param name="Cause">One or two sentences saying what went wrong, in words.</param>
/// <param name="Fix">What to change or check.</param>
/// <param name="Evidence">The log line or exit status the diagnosis rests on, when there is one.</param>
/// <param name="ExitStatus">The pppd exit status this goes with, when known.</param>
public sealed record Diagnosis(
    string Code,
    DiagnosisSeverity Severity,
    string Cause,
    string Fix,
    string? Evidence,
    int? ExitStatus);

/// <summary>
/// What the caller knows about the attempt, so causes and fixes can name the profile, user and
/// files instead of speaking in general terms. Every field is optional.
/// </summary>
/// <param name="ProfileName">The profile / peers file name (pppd <c>call NAME</c>).</param>
/// <param name="User">The name we authenticate as (pppd <c>user</c> or <c>name</c>).</param>
/// <param name="RemoteName">The server name in the secrets file (pppd <c>remotename</c>).</param>
/// <param name="SecretsPath">The secrets file that holds the password, for example /etc/ppp/chap-secrets.</param>
/// <param name="Server">The VPN server or access concentrator, for tunnel diagnoses.</param>
public sealed record DiagnosisContext(
    string? ProfileName = null,
    string? User = null,
    string? RemoteName = null,
    string? SecretsPath = null,
    string? Server = null)
{
    /// <summary>Seconds between LCP echo requests in effect (<c>lcp-echo-interval</c>), when known.</summary>
    public int? LcpEchoInterval { get; init; }

    /// <summary>Unanswered echoes before pppd declares the peer dead (<c>lcp-echo-failure</c>), when known.</summary>
    public int? LcpEchoFailure { get; init; }

    /// <summary>The link is a PPTP call (<see cref="Server"/> is then the PPTP server), whose control connection pptp shares per server.</summary>
    public bool IsPptp { get; init; }
}
