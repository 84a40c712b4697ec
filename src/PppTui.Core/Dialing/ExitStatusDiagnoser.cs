namespace PppTui.Core.Dialing;

/// <summary>
/// The smallest honest diagnoser: pppd's exit statuses in words, with the last error-looking
/// line as evidence. The log-pattern catalog supersedes it wherever it is available.
/// </summary>
public sealed class ExitStatusDiagnoser : ILinkDiagnoser
{
    private static readonly Dictionary<int, (string Code, string Cause, string Fix)> Statuses = new()
    {
        [0] = ("exit-ok", "pppd finished normally.", "Nothing to fix."),
        [1] = ("fatal-error", "pppd hit a fatal error (also: 'auth' is required but no secret matches).", "Read the lines before the exit for the error itself."),
        [2] = ("bad-options", "pppd rejected an option (a typo, an option from another pppd version, or a PPPoE interface that does not exist).", "Fix the option named in the log, in the peers file or /etc/ppp/options."),
        [3] = ("not-root", "pppd is not running as root and is not setuid-root.", "Run the connect as root (sudo)."),
        [4] = ("no-kernel-ppp", "This kernel has no PPP support (/dev/ppp cannot be opened).", "modprobe ppp_generic (and ppp_async, ppp_mppe, pppoe as needed); in a container, give it /dev/ppp."),
        [5] = ("terminated", "pppd was stopped by a signal (SIGINT, SIGTERM or SIGHUP).", "Nothing to fix if someone disconnected; otherwise look for who sent the signal."),
        [6] = ("lock-failed", "The serial port is locked by another program.", "Stop the other user of the port (ModemManager?) or remove a stale /var/lock/LCK..* file."),
        [7] = ("open-failed", "The serial port could not be opened.", "Check the device exists and no other program (ModemManager?) holds it."),
        [8] = ("connect-script-failed", "The connect script (usually chat) failed.", "Read the chat lines: wrong APN, dial string, or the modem answered NO CARRIER/BUSY."),
        [9] = ("pty-failed", "The pty command (for example pptp) could not be run.", "Check the program in the peers file's pty line is installed and the path is right."),
        [10] = ("negotiation-failed", "PPP negotiation failed before any network protocol came up.", "For PPTP check that GRE (IP protocol 47) passes; for modems the dial string/APN; for MPPE the require-mppe options."),
        [11] = ("peer-auth-failed", "The peer refused or failed to authenticate itself to us.", "Add 'noauth' to the peers file if you do not need the server to authenticate."),
        [12] = ("idle-timeout", "The link was idle for longer than 'idle' allows.", "Raise or remove the 'idle' option."),
        [13] = ("maxconnect", "The link reached its 'maxconnect' time limit.", "Raise or remove the 'maxconnect' option."),
        [14] = ("callback", "The link was ended for a callback.", "Nothing to fix: the server calls back."),
        [15] = ("peer-dead", "The peer stopped answering LCP echo requests.", "Check the path to the server; raise lcp-echo-failure if the line is just slow."),
        [16] = ("hangup", "The modem hung up, or the pty helper (pptp, pppoe) exited.", "Read the helper's lines just before: carrier lost, server closed the tunnel, or the control connection failed."),
        [17] = ("loopback", "The serial line is looped back: the modem echoes instead of being in data mode.", "Check the chat script really reaches CONNECT."),
        [18] = ("init-failed", "The init script failed.", "Run the init command by hand and fix it."),
        [19] = ("auth-failed", "We failed to authenticate to the peer (wrong user name or password, or no permission).", "Check the user and the secret in chap-secrets / pap-secrets."),
        [20] = ("maxoctets", "The link reached its 'maxoctets' limit.", "Raise or remove the 'maxoctets' option."),
        [21] = ("number-not-authorised", "The calling number is not authorised.", "Ask the provider to authorise this number."),
        [127] = ("pppd-missing", "pppd could not be started: it is not installed or not on PATH.", "Install it: apt-get install ppp."),
    };

    public LinkDiagnosis? MatchLine(string message, LinkDiagnosisContext context) => null;

    public LinkDiagnosis ForExitStatus(int exitStatus, LinkDiagnosisContext context)
    {
        if (Statuses.TryGetValue(exitStatus, out var s))
            return new LinkDiagnosis(s.Code, exitStatus == 0 ? LinkDiagnosisSeverity.Info : LinkDiagnosisSeverity.Failure,
                s.Cause, s.Fix, $"pppd exit status {exitStatus}", exitStatus);
        if (exitStatus > 128)
            return new LinkDiagnosis("killed", LinkDiagnosisSeverity.Failure,
                $"pppd was killed by signal {exitStatus - 128}{(exitStatus - 128 == 9 ? " (SIGKILL)" : "")} and could not clean up.",
                "Find out who killed it; stale pid files in /run are ignored by ppptui.", $"pppd exit status {exitStatus}", exitStatus);
        return new LinkDiagnosis("exit-" + exitStatus, LinkDiagnosisSeverity.Failure,
            $"pppd exited with status {exitStatus}.", "Read the log lines before the exit.", $"pppd exit status {exitStatus}", exitStatus);
    }

    public LinkDiagnosis? Explain(IReadOnlyList<string> messages, int? exitStatus, LinkDiagnosisContext context)
    {
        if (exitStatus is not { } status) return null;
        var diagnosis = ForExitStatus(status, context);
        var evidence = messages.LastOrDefault(LooksLikeAnError);
        return evidence is null ? diagnosis : diagnosis with { Evidence = evidence };
    }

    private static bool LooksLikeAnError(string line) =>
        !line.Contains("IPv6", StringComparison.Ordinal) && !line.Contains("sif6addr", StringComparison.Ordinal) &&
        (line.Contains("fail", StringComparison.OrdinalIgnoreCase) || line.Contains("timeout", StringComparison.OrdinalIgnoreCase)
         || line.Contains("refused", StringComparison.OrdinalIgnoreCase) || line.Contains("hangup", StringComparison.OrdinalIgnoreCase)
         || line.Contains("Couldn't", StringComparison.Ordinal) || line.Contains("Can't", StringComparison.Ordinal) || line.Contains("unrecognized", StringComparison.Ordinal)
         || line.Contains("No response", StringComparison.Ordinal) || line.Contains("terminated by peer", StringComparison.Ordinal));
}
