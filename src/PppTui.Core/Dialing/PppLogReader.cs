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
/// /var/log/messages) with the log side's reader and parser: the newest lines by a backward
/// scan, both timestamp formats, the year of a traditional timestamp taken from the file's
/// modification time.
/// </summary>
public sealed class SyslogFileLogReader : IPppLogReader
{
    private static readonly LogFilter PppOnly = new() { Programs = LogFilter.PppPrograms };

    // A failed dial's lines are recent: a huge, quiet syslog is not read to its start for them.
    private const long ScanLimit = 4 * 1024 * 1024;

    private readonly string[] _candidates;

    public SyslogFileLogReader(SystemPaths paths)
        : this([Path.Join(paths.VarLog, "syslog"), Path.Join(paths.VarLog, "messages"), Path.Join(paths.VarLog, "daemon.log")])
    {
    }

    public SyslogFileLogReader(IEnumerable<string> files)
    {
        _candidates = files.ToArray();
    }

    public string Source => _candidates.FirstOrDefault(File.Exists) ?? _candidates.FirstOrDefault() ?? "syslog";

    public IReadOnlyList<PppLogEntry> ReadRecent(int maxEntries)
    {
        var file = _candidates.FirstOrDefault(File.Exists);
        if (file is null) return [];
        try
        {
            return new LogFileSource(file).ReadNewest(maxEntries, PppOnly, includeRotated: false, maxScanChars: ScanLimit).Lines
                .Select(l => new PppLogEntry(l.Timestamp, l.Program, l.Pid, l.Message)).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
