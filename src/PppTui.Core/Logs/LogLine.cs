namespace PppTui.Core.Logs;

/// <summary>Syslog severities (RFC 5424 numbering: lower is more severe).</summary>
public enum LogSeverity
{
    Emergency = 0,
    Alert = 1,
    Critical = 2,
    Error = 3,
    Warning = 4,
    Notice = 5,
    Info = 6,
    Debug = 7,
}

/// <summary>What a line in a log view is.</summary>
public enum LogLineKind
{
    /// <summary>A line read from a log.</summary>
    Normal,

    /// <summary>A plain-words diagnosis (cause and fix) of the line before it, added for the reader; views mark it.</summary>
    Diagnosis,
}

/// <summary>
/// One log line from any source, already made safe to print: no raw control characters, no
/// invalid UTF-8 (shown as U+FFFD), at most <see cref="LogText.MaxLineLength"/> characters.
/// </summary>
/// <param name="Timestamp">When it was logged; null for bare pppd logfile lines, which carry no time.</param>
/// <param name="Host">The host name from the syslog prefix or journal.</param>
/// <param name="Program">The syslog identifier (pppd, pptp, chat, ...); empty when the line has none.</param>
/// <param name="Pid">The process id in <c>program[pid]</c>, when present.</param>
/// <param name="Severity">From the journal's PRIORITY; for text files, inferred (see <see cref="SyslogLineParser"/>).</param>
/// <param name="Message">The message without its syslog prefix (what diagnoses match).</param>
/// <param name="Source">Where it came from: "journal", a file path, or "ppptui" for our own log.</param>
/// <param name="Text">The whole line as shown (prefix and message); text filters match this.</param>
public sealed record LogLine(
    DateTimeOffset? Timestamp,
    string? Host,
    string Program,
    int? Pid,
    LogSeverity Severity,
    string Message,
    string Source,
    string Text)
{
    /// <summary>The diagnosis this line carries (PPPD-NOTES.md), or null.</summary>
    public Diagnoses.Diagnosis? Diagnosis { get; init; }

    /// <summary>The link (profile) this line belongs to, when known (see <see cref="LinkTracker"/>).</summary>
    public string? Link { get; init; }

    /// <summary>True when the line was longer than <see cref="LogText.MaxLineLength"/> and was cut.</summary>
    public bool Truncated { get; init; }

    /// <summary>A line read from a log, or a diagnosis added after one.</summary>
    public LogLineKind Kind { get; init; }

    /// <summary>Who logged it, as a view labels it: <c>pppd[1234]</c>, the program, or else the source.</summary>
    public string Label => Pid is { } pid ? $"{Program}[{pid}]" : Program.Length > 0 ? Program : Source;

    /// <summary>True for lines that carry a warning or failure diagnosis (the ones a view marks).</summary>
    public bool IsMarked => Diagnosis is { Severity: not DiagnosisSeverity.Info };
}
