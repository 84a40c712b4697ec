using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PppTui.Core.Files;

namespace PppTui.Core.Dialing;

/// <summary>One log message from pppd or a helper it runs (chat, pptp, pppoe).</summary>
public sealed record PppLogEntry(DateTimeOffset? Time, string Program, int? Pid, string Message);

/// <summary>
/// Where past pppd messages can be read from (a syslog file, the journal, ...), for explaining
/// the last failure of a link.
/// </summary>
public interface IPppLogReader
{
    /// <summary>Names the source in messages, e.g. "/var/log/syslog".</summary>
    string Source { get; }

    /// <summary>The last <paramref name="maxEntries"/> messages of pppd and its helpers, oldest first.</summary>
    IReadOnlyList<PppLogEntry> ReadRecent(int maxEntries);
}

/// <summary>
/// Reads pppd's messages from a classic syslog file (rsyslog: /var/log/syslog or
/// /var/log/messages), in both the traditional and the ISO 8601 timestamp formats.
/// </summary>
public sealed partial class SyslogFileLogReader : IPppLogReader
{
    private const int TailBytes = 4 * 1024 * 1024;

    private static readonly HashSet<string> Programs = new(StringComparer.Ordinal)
    {
        "pppd", "chat", "pptp", "pppoe", "pppoe-discovery", "pppoe-server", "pptpd",
    };

    private readonly string[] _candidates;
    private readonly TimeProvider _time;

    public SyslogFileLogReader(SystemPaths paths, TimeProvider? time = null)
        : this([Path.Join(paths.VarLog, "syslog"), Path.Join(paths.VarLog, "messages"), Path.Join(paths.VarLog, "daemon.log")], time)
    {
    }

    public SyslogFileLogReader(IEnumerable<string> files, TimeProvider? time = null)
    {
        _candidates = files.ToArray();
        _time = time ?? TimeProvider.System;
    }

    public string Source => _candidates.FirstOrDefault(File.Exists) ?? _candidates.FirstOrDefault() ?? "syslog";

    [GeneratedRegex(@"^(?<time>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\S+) \S+ (?<prog>[^\s\[:]+)(?:\[(?<pid>\d+)\])?: (?<msg>.*)$")]
    private static partial Regex SyslogLine();

    public IReadOnlyList<PppLogEntry> ReadRecent(int maxEntries)
    {
        var file = _candidates.FirstOrDefault(File.Exists);
        if (file is null) return [];
        string text;
        try
        {
            text = ReadTail(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
        var entries = new List<PppLogEntry>();
        foreach (var line in text.Split('\n'))
        {
            if (Parse(line, _time.GetUtcNow()) is { } entry && Programs.Contains(entry.Program)) entries.Add(entry);
        }
        return entries.Count > maxEntries ? entries[^maxEntries..] : entries;
    }

    /// <summary>Parses one syslog line; null when it is not in a syslog format.</summary>
    public static PppLogEntry? Parse(string line, DateTimeOffset now)
    {
        var m = SyslogLine().Match(line.TrimEnd('\r'));
        if (!m.Success) return null;
        int? pid = m.Groups["pid"].Success ? int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture) : null;
        return new PppLogEntry(ParseTime(m.Groups["time"].Value, now), m.Groups["prog"].Value, pid, m.Groups["msg"].Value);
    }

    private static DateTimeOffset? ParseTime(string text, DateTimeOffset now)
    {
        if (char.IsDigit(text[0]))
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso) ? iso : null;
        // The traditional format has no year: take this year, or last year for a date in the future.
        var normalized = text.Replace("  ", " ", StringComparison.Ordinal);
        if (!DateTime.TryParseExact($"{now.Year} {normalized}", "yyyy MMM d HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeLocal, out var local)) return null;
        var time = new DateTimeOffset(local);
        return time > now.AddDays(1) ? time.AddYears(-1) : time;
    }

    private static string ReadTail(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (stream.Length > TailBytes) stream.Seek(-TailBytes, SeekOrigin.End);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        if (stream.Length > TailBytes)
        {
            var firstNewline = text.IndexOf('\n');
            text = firstNewline >= 0 ? text[(firstNewline + 1)..] : "";
        }
        return text;
    }
}
