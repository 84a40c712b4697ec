namespace PppTui.Core.Dialing;

/// <summary>The last failure of a link, explained: where the lines came from, the lines, and the diagnosis.</summary>
public sealed record LinkExplanation(
    string Name,
    string Source,
    DateTimeOffset? When,
    IReadOnlyList<string> Lines,
    int? ExitStatus,
    Diagnosis? Diagnosis,
    string? Note);

/// <summary>
/// Explains the latest attempt of a profile from its logs: ppptui's record of its last dial
/// (pppd's own lines while attached, the exit status), then what pppd logged after it detached
/// (the peer's <c>logfile</c>, or the syslog lines of that pppd's pid). Without a record it
/// falls back to the last attempt in the logfile, or the latest pppd session in syslog.
/// </summary>
public sealed class LinkExplainer
{
    private const int MaxLogEntries = 5000;

    private readonly SystemPaths _paths;
    private readonly IPeerOptionsReader _options;
    private readonly ILinkDiagnoser _diagnoser;
    private readonly IPppLogReader _logs;
    private readonly DialAttemptStore _attempts;

    public LinkExplainer(SystemPaths paths, IPeerOptionsReader options, ILinkDiagnoser diagnoser, IPppLogReader logs)
    {
        _paths = paths;
        _options = options;
        _diagnoser = diagnoser;
        _logs = logs;
        _attempts = new DialAttemptStore(paths);
    }

    /// <summary>Null when no attempt of <paramref name="name"/> can be found in any source, and
    /// when there is no such link at all (no record, no peers file, no profile): the latest
    /// session in syslog is someone else's then.</summary>
    public LinkExplanation? Explain(string name)
    {
        var record = _attempts.Load(name);
        if (record is null && !File.Exists(_paths.PeerFile(name)) && !File.Exists(_paths.ProfileFile(name))) return null;
        var options = new PeerOptions(_options.Read(name));
        var context = DiagnosisContexts.For(name, options);
        var logFile = options.LogFile is { } lf ? _paths.Resolve(lf) : null;

        string source;
        List<string> lines;
        int? exit = null;
        DateTimeOffset? when = null;
        string? note = null;
        if (record is not null)
        {
            source = Msg.T("ppptui's record of its last dial");
            lines = [.. record.Lines];
            // Exit 0 of a dial that came up only means pppd detached: it says nothing about a later drop.
            exit = record.Outcome == LinkState.Down ? record.ExitStatus : null;
            when = record.EndedAt ?? record.StartedAt;
            if (logFile is not null && record.LogFileOffset is { } offset && File.Exists(logFile))
            {
                // pppd wrote everything to the logfile (nothing on stdout): it is the fuller account.
                var fromFile = FileFollower.ForPppdLogFile(logFile, offset).ReadNew().Select(l => l.Message).ToList();
                if (fromFile.Count > 0)
                {
                    lines = [.. fromFile];
                    source = Msg.F("{0} (since ppptui's last dial)", options.LogFile);
                }
            }
            else
            {
                var later = LaterSyslogLines(record);
                if (later.Count > 0)
                {
                    lines.AddRange(later);
                    source += Msg.F(" and {0}", _logs.Source);
                }
            }
        }
        else if (logFile is not null && File.Exists(logFile))
        {
            source = options.LogFile!;
            lines = LastAttempt(FileFollower.ForPppdLogFile(logFile, 0).ReadNew().Select(l => l.Message).ToList()).ToList();
        }
        else
        {
            var session = LatestSyslogSession();
            if (session.Count == 0) return null;
            source = _logs.Source;
            lines = session.Select(e => e.Message).ToList();
            when = session[^1].Time;
            note = Msg.F("ppptui has no record of dialing {0}; this is the latest pppd session in {1}, which may belong to another link.", name, _logs.Source);
        }
        if (lines.Count == 0 && exit is null) return null;
        var diagnosis = _diagnoser.Explain(lines, exit, context) ?? (exit is { } status ? _diagnoser.ForExitStatus(status, context) : null);
        return new LinkExplanation(name, source, when, lines, exit, diagnosis, note);
    }

    /// <summary>
    /// The lines of the last attempt in a logfile: pppd writes no timestamps there, so attempts
    /// are told apart by the line that ends each one ("Connection terminated."). What pppd logs
    /// while tearing down after it (Modem hangup, helper scripts finishing) still belongs to it.
    /// </summary>
    public static IReadOnlyList<string> LastAttempt(IReadOnlyList<string> lines)
    {
        var blocks = new List<List<string>> { new() };
        foreach (var line in lines)
        {
            blocks[^1].Add(line);
            if (EndsAttempt(line)) blocks.Add([]);
        }
        var last = blocks.Count - 1;
        var result = new List<string>(blocks[last]);
        while (last > 0 && result.All(IsTeardown))
        {
            last--;
            result.InsertRange(0, blocks[last]);
        }
        return result;
    }

    private static bool EndsAttempt(string line) => line.Trim() == "Connection terminated.";

    private static bool IsTeardown(string line)
    {
        var t = line.Trim();
        return t.Length == 0 || t == "Modem hangup" || t == "Exit." || t.StartsWith("Waiting for ", StringComparison.Ordinal)
               || (t.StartsWith("Script ", StringComparison.Ordinal) && t.Contains(" finished", StringComparison.Ordinal))
               || t.StartsWith("Connect time ", StringComparison.Ordinal) || t.StartsWith("Sent ", StringComparison.Ordinal)
               || t.StartsWith("Terminating on signal", StringComparison.Ordinal);
    }

    private List<string> LaterSyslogLines(DialAttempt record)
    {
        if (record.DaemonPid is not { } daemon) return [];
        var entries = _logs.ReadRecent(MaxLogEntries);
        var mine = entries.Where(e => e.Program == "pppd" && e.Pid == daemon && (e.Time is null || e.Time >= record.StartedAt)).ToList();
        if (mine.Count == 0) return [];
        var from = mine[0].Time;
        var to = mine[^1].Time;
        // Helpers (pptp, chat) log under their own pids; take theirs from the same span of time.
        return entries.Where(e => (e.Program == "pppd" && e.Pid == daemon) ||
                                  (e.Program != "pppd" && e.Time is { } t && from is not null && to is not null && t >= from && t <= to))
            .Where(e => !record.Lines.Contains(e.Message))
            .Select(e => e.Message).ToList();
    }

    private List<PppLogEntry> LatestSyslogSession()
    {
        var entries = _logs.ReadRecent(MaxLogEntries);
        var last = entries.LastOrDefault(e => e.Program == "pppd" && e.Pid is not null);
        if (last is null) return [];
        var pid = last.Pid;
        var session = entries.Where(e => e.Program == "pppd" && e.Pid == pid).ToList();
        var from = session[0].Time;
        var to = session[^1].Time;
        if (from is null || to is null) return session;
        return entries.Where(e => (e.Program == "pppd" && e.Pid == pid) ||
                                  (e.Program != "pppd" && e.Time is { } t && t >= from && t <= to)).ToList();
    }
}
