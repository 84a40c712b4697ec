namespace PppTui.Core.Dialing;

/// <summary>Diagnosis contexts built from what the dialer knows about a peer.</summary>
public static class DiagnosisContexts
{
    public static DiagnosisContext For(string name, PeerOptions options) =>
        new(name, PppdNames.Kept(options.User), PppdNames.Kept(options.RemoteName), null, options.PptpServer)
        {
            LcpEchoInterval = options.LcpEchoInterval,
            LcpEchoFailure = options.LcpEchoFailure,
            IsPptp = options.PptpServer is not null,
        };
}

/// <summary>
/// Turns pppd's log lines and exit status into a diagnosis. The dialer depends only on this
/// interface so its state machine can be tested with a fake; <see cref="CatalogDiagnoser"/> is
/// the real one.
/// </summary>
public interface ILinkDiagnoser
{
    /// <summary>The diagnosis one log line carries on its own, or null for an ordinary line.</summary>
    Diagnosis? MatchLine(string message, DiagnosisContext context);

    /// <summary>What an exit status means by itself (always an answer, even for unknown statuses).</summary>
    Diagnosis ForExitStatus(int exitStatus, DiagnosisContext context);

    /// <summary>The best single explanation of an attempt, or null while it has not failed and no line explains anything.</summary>
    Diagnosis? Explain(IReadOnlyList<string> messages, int? exitStatus, DiagnosisContext context);
}

/// <summary>The diagnosis catalog (every pppd, pptp, chat and pppoe pattern and exit status) for the dialer.</summary>
public sealed class CatalogDiagnoser : ILinkDiagnoser
{
    public Diagnosis? MatchLine(string message, DiagnosisContext context) => DiagnosisCatalog.MatchLine(message, context);

    public Diagnosis ForExitStatus(int exitStatus, DiagnosisContext context) => DiagnosisCatalog.ForExitStatus(exitStatus, context);

    public Diagnosis? Explain(IReadOnlyList<string> messages, int? exitStatus, DiagnosisContext context)
    {
        var diagnosis = DiagnosisCatalog.Explain(messages, exitStatus, context);
        // While pppd still runs (no exit status), "nothing explains a failure" is no diagnosis at all.
        return exitStatus is null && diagnosis.Severity == DiagnosisSeverity.Info ? null : diagnosis;
    }
}
