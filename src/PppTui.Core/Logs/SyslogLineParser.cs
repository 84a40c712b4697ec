namespace PppTui.Core.Logs;

/// <summary>How the lines of a text log are laid out.</summary>
public enum LogLineFormat
{
    /// <summary>
    /// Syslog as rsyslog writes it: RFC 3164 (<c>Nov 24 14:12:01 host pppd[1234]: msg</c>) or an
    /// ISO 8601 timestamp (<c>2026-11-24T14:12:01.123456+00:00 host pppd[1234]: msg</c>, Debian's
    /// default); our own log uses the ISO form too. Lines without a recognisable prefix are kept
    /// whole as the message.
    /// </summary>
    Syslog,

    /// <summary>A pppd <c>logfile</c>: bare messages with no time, host or program.</summary>
    Bare,
}

/// <summary>
/// Turns one text line into a <see cref="LogLine"/> without regexes (it runs on every candidate
/// line of big files). Only lines of PPP programs (and lines with no program) are diagnosed. Text files carry no severity, so it is inferred: from pptp's
/// <c>anon warn[...]</c>/<c>fatal[...]</c>, our own log's <c>[WRN]</c>/<c>[ERR]</c>, or the line's
/// diagnosis (failure = error, warning = warning); otherwise info.
/// </summary>
public sealed class SyslogLineParser
{
    private readonly LogLineFormat _format;
    private readonly DateTimeOffset _reference;
    private readonly TimeZoneInfo _zone;
    private string? _lastHost;

    /// <param name="source">The <see cref="LogLine.Source"/> of every line parsed.</param>
    /// <param name="format">The file's layout.</param>
    /// <param name="reference">
    /// RFC 3164 timestamps have no year: the year is the reference's, or the one before when the
    /// date would otherwise lie more than two days after the reference (a file spanning New Year).
    /// Pass the file's modification time; defaults to now.
    /// </param>
    /// <param name="zone">The zone of RFC 3164 timestamps (the log host's local time).</param>
    /// <param name="bareProgram">The program of bare lines (pppd for a pppd logfile).</param>
    /// <param name="link">The link every line belongs to (a profile's own logfile), or null.</param>
    public SyslogLineParser(string source, LogLineFormat format = LogLineFormat.Syslog, DateTimeOffset? reference = null,
        TimeZoneInfo? zone = null, string bareProgram = "pppd", string? link = null)
    {
        Link = link;
        Source = source;
        _format = format;
        _reference = reference ?? DateTimeOffset.Now;
        _zone = zone ?? TimeZoneInfo.Local;
        BareProgram = bareProgram;
    }

    public string Source { get; }
    public string BareProgram { get; }

    /// <summary>The link every line belongs to, for a source that is one link's (a profile's pppd logfile).</summary>
    public string? Link { get; }

    /// <summary>False for bare logfiles, whose program is implied rather than written on each line.</summary>
    internal bool BareProgramIsNotImplied => _format != LogLineFormat.Bare;

    /// <summary>Parses one decoded line (without its newline).</summary>
    /// <param name="raw">The line as decoded from the file.</param>
    /// <param name="alreadyCut">Bytes the reader already dropped from an overlong line.</param>
    public LogLine Parse(ReadOnlySpan<char> raw, long alreadyCut = 0)
    {
        var text = LogText.Clean(raw, alreadyCut, out var truncated);
        return ParseClean(text, truncated);
    }

    /// <summary>Parses one line given as a string (made safe first, like any other).</summary>
    public LogLine Parse(string raw) => Parse(raw.AsSpan());

    private LogLine ParseClean(string text, bool truncated)
    {
        if (_format == LogLineFormat.Bare)
            return Finish(null, null, BareProgram, null, text, text, truncated);

        var span = text.AsSpan();
        DateTimeOffset? time = null;
        int rest;
        if (TryIsoTimestamp(span, out var iso, out var isoLength)) { time = iso; rest = isoLength; }
        else if (TryRfc3164Timestamp(span, out var classic)) { time = classic; rest = 15; }
        else return ParseTag(text, 0, null, null, truncated);

        if (rest >= span.Length || span[rest] != ' ') return Finish(time, null, "", null, text[rest..].Trim(), text, truncated);
        rest++;
        var hostEnd = span[rest..].IndexOf(' ');
        if (hostEnd <= 0) return Finish(time, null, "", null, text[rest..], text, truncated);
        var hostSpan = span.Slice(rest, hostEnd);
        // One host writes nearly every line of a file: reuse its string instead of one per line.
        var host = _lastHost is { } last && hostSpan.SequenceEqual(last) ? last : _lastHost = hostSpan.ToString();
        return ParseTag(text, rest + hostEnd + 1, time, host, truncated);
    }

    private LogLine ParseTag(string text, int start, DateTimeOffset? time, string? host, bool truncated)
    {
        var span = text.AsSpan(start);
        var colon = span.IndexOf(": ");
        if (colon < 0 && span.Length > 0 && span[^1] == ':') colon = span.Length - 1;
        if (colon <= 0 || span[..colon].Contains(' '))
            return Finish(time, host, "", null, text[start..], text, truncated);
        var tag = span[..colon];
        var message = colon + 2 <= span.Length ? text[(start + colon + 2)..] : "";
        int? pid = null;
        var program = tag;
        var open = tag.IndexOf('[');
        if (open > 0 && tag[^1] == ']')
        {
            if (int.TryParse(tag[(open + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var p)) pid = p;
            program = tag[..open];
        }
        return Finish(time, host, Intern(program), pid, message, text, truncated);
    }

    private LogLine Finish(DateTimeOffset? time, string? host, string program, int? pid, string message, string text, bool truncated)
    {
        message = LogText.HideSimPin(message);
        text = LogText.HideSimPin(text);
        // The diagnosis table is about PPP programs; other daemons' lines are not looked at.
        var diagnosis = program.Length == 0 || LogFilter.DefaultPrograms.Contains(program)
            ? DiagnosisCatalog.MatchLine(message)
            : null;
        var severity = InferSeverity(program, message, diagnosis);
        return new LogLine(time, host, program, pid, severity, message, Source, text)
        {
            Diagnosis = diagnosis,
            Truncated = truncated,
            Link = Link,
        };
    }

    internal static LogSeverity InferSeverity(string program, string message, Diagnoses.Diagnosis? diagnosis)
    {
        var span = message.AsSpan(0, Math.Min(message.Length, 48));
        if (program == "ppptui" && span.Length >= 5 && span[0] == '[' && span[4] == ']')
        {
            switch (span[1..4])
            {
                case "FTL": return LogSeverity.Critical;
                case "ERR": return LogSeverity.Error;
                case "WRN": return LogSeverity.Warning;
                case "DBG": case "VRB": return LogSeverity.Debug;
                default: return LogSeverity.Info;
            }
        }
        if (program == "pptp" || program == "pptpd")
        {
            if (span.Contains(" fatal[", StringComparison.Ordinal)) return LogSeverity.Error;
            if (span.Contains(" warn[", StringComparison.Ordinal)) return LogSeverity.Warning;
        }
        return diagnosis?.Severity switch
        {
            DiagnosisSeverity.Failure => LogSeverity.Error,
            DiagnosisSeverity.Warning => LogSeverity.Warning,
            _ => LogSeverity.Info,
        };
    }

    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    private bool TryRfc3164Timestamp(ReadOnlySpan<char> s, out DateTimeOffset time)
    {
        time = default;
        // "Nov 24 14:12:01" / "Nov  4 14:12:01"
        if (s.Length < 15 || s[3] != ' ' || s[6] != ' ' || s[9] != ':' || s[12] != ':') return false;
        var month = Array.IndexOf(Months, s[..3].ToString()) + 1;
        if (month == 0) return false;
        if (!TwoDigits(s[4] == ' ' ? s.Slice(5, 1) : s.Slice(4, 2), out var day)
            || !TwoDigits(s.Slice(7, 2), out var hour) || !TwoDigits(s.Slice(10, 2), out var minute)
            || !TwoDigits(s.Slice(13, 2), out var second)) return false;
        var year = _reference.Year;
        if (day < 1 || day > DateTime.DaysInMonth(year, month) && !(month == 2 && day == 29) || hour > 23 || minute > 59 || second > 60) return false;
        if (!TryLocal(year, month, day, hour, minute, second, out time)) return false;
        if (time > _reference.AddDays(2) && TryLocal(year - 1, month, day, hour, minute, second, out var lastYear)) time = lastYear;
        return true;
    }

    private bool TryLocal(int year, int month, int day, int hour, int minute, int second, out DateTimeOffset time)
    {
        time = default;
        if (day > DateTime.DaysInMonth(year, month)) return false;
        var local = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Unspecified);
        time = new DateTimeOffset(local, _zone.GetUtcOffset(local));
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9') return false;
            value = value * 10 + (c - '0');
        }
        return s.Length > 0;
    }

    private static bool TryIsoTimestamp(ReadOnlySpan<char> s, out DateTimeOffset time, out int length)
    {
        time = default;
        length = 0;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || !char.IsAsciiDigit(s[0])) return false;
        var end = s.IndexOf(' ');
        if (end < 0) end = s.Length;
        if (!DateTimeOffset.TryParse(s[..end], CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out time)) return false;
        length = end;
        return true;
    }

    // Program names repeat on every line: share one string per name instead of one per line.
    private static string Intern(ReadOnlySpan<char> program) => program switch
    {
        "pppd" => "pppd",
        "pptp" => "pptp",
        "chat" => "chat",
        "pppoe" => "pppoe",
        "pptpd" => "pptpd",
        "ppptui" => "ppptui",
        "kernel" => "kernel",
        "systemd" => "systemd",
        _ => program.ToString(),
    };
}
