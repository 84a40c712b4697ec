using System.Text.Json.Serialization;

namespace PppTui.Core.Logs;

/// <summary>A log source could not be read; <see cref="Exception.Message"/> says why and what to do.</summary>
public sealed class LogSourceException(string message, bool notFound = false) : Exception(message)
{
    /// <summary>True when the source does not exist (as opposed to existing but unreadable).</summary>
    public bool NotFound { get; } = notFound;
}

/// <summary>
/// The systemd journal through <c>journalctl -o json</c> (run through <see cref="ICommandRunner"/>):
/// newest lines by reading in reverse and stopping early, following with <c>-f</c> from the
/// cursor where the backlog ended, so no line falls between the two.
/// </summary>
public sealed class JournalSource
{
    private readonly ICommandRunner _runner;

    /// <param name="runner">Runs journalctl.</param>
    /// <param name="directory">A journal directory (<c>journalctl -D</c>), for a root other than "/"; null for the system journal.</param>
    /// <param name="identifiers">Syslog identifiers to ask for (<c>-t</c>); null or empty for every entry.</param>
    public JournalSource(ICommandRunner runner, string? directory = null, IReadOnlyCollection<string>? identifiers = null)
    {
        _runner = runner;
        Directory = directory;
        Identifiers = identifiers?.Order(StringComparer.Ordinal).ToList() ?? [];
    }

    public string? Directory { get; }
    public IReadOnlyList<string> Identifiers { get; }

    /// <summary>The journalctl command for a query: built here, asserted by tests, run by the runner.</summary>
    public CommandSpec BuildCommand(bool reverse = false, bool follow = false, string? afterCursor = null, int? lines = null)
    {
        var args = new List<string> { "--no-pager", "-o", "json" };
        if (Directory is not null) { args.Add("-D"); args.Add(Directory); }
        foreach (var id in Identifiers) { args.Add("-t"); args.Add(id); }
        if (reverse) args.Add("-r");
        if (follow) args.Add("-f");
        if (afterCursor is not null) args.Add("--after-cursor=" + afterCursor);
        if (lines is { } n) args.Add("-n" + n.ToString(CultureInfo.InvariantCulture));
        return new CommandSpec("journalctl", args);
    }

    /// <summary>
    /// The newest <paramref name="count"/> entries passing the filter (oldest first) and the
    /// cursor of the newest entry seen, from which <see cref="FollowAsync"/> continues.
    /// </summary>
    public async Task<(IReadOnlyList<LogLine> Lines, string? Cursor)> ReadNewestAsync(int count, LogFilter filter,
        LinkTracker? tracker = null, CancellationToken cancellationToken = default)
    {
        var newestFirst = new List<LogLine>();
        string? cursor = null;
        if (count > 0)
        {
            await foreach (var (line, entryCursor) in RunAsync(BuildCommand(reverse: true), cancellationToken).ConfigureAwait(false))
            {
                cursor ??= entryCursor;
                var assigned = tracker?.Assign(line) ?? line;
                if (filter.Matches(assigned)) newestFirst.Add(assigned);
                if (newestFirst.Count >= count) break;
            }
        }
        else
        {
            await foreach (var (_, entryCursor) in RunAsync(BuildCommand(lines: 1), cancellationToken).ConfigureAwait(false))
                cursor ??= entryCursor;
        }
        newestFirst.Reverse();
        return (newestFirst, cursor);
    }

    /// <summary>Every entry passing the filter, oldest first; <paramref name="lastCursor"/> receives each entry's cursor.</summary>
    public async IAsyncEnumerable<LogLine> ReadAllAsync(LogFilter filter, LinkTracker? tracker = null, Action<string?>? lastCursor = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (line, cursor) in RunAsync(BuildCommand(), cancellationToken).ConfigureAwait(false))
        {
            lastCursor?.Invoke(cursor);
            var assigned = tracker?.Assign(line) ?? line;
            if (filter.Matches(assigned)) yield return assigned;
        }
    }

    /// <summary>New entries as they are written, after <paramref name="afterCursor"/> (or from now when null).</summary>
    public async IAsyncEnumerable<LogLine> FollowAsync(string? afterCursor, LogFilter filter, LinkTracker? tracker = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var spec = BuildCommand(follow: true, afterCursor: afterCursor, lines: afterCursor is null ? 0 : null);
        await foreach (var (line, _) in RunAsync(spec, cancellationToken).ConfigureAwait(false))
        {
            var assigned = tracker?.Assign(line) ?? line;
            if (filter.Matches(assigned)) yield return assigned;
        }
    }

    private async IAsyncEnumerable<(LogLine Line, string? Cursor)> RunAsync(CommandSpec spec,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Our own token: stopping early (enough lines) must kill journalctl, not wait for it.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = _runner.StreamAsync(spec, stop.Token).GetAsyncEnumerator(stop.Token);
        var errors = new List<string>();
        int? exitCode = null;
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await events.MoveNextAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopped on purpose: enough lines, or the caller cancelled.
                    yield break;
                }
                if (!more) break;
                switch (events.Current)
                {
                    case CommandOutputLine { IsError: false } output:
                        var parsed = ParseEntry(output.Text, out var cursor);
                        if (parsed is not null) yield return (parsed, cursor);
                        break;
                    case CommandOutputLine { IsError: true } error:
                        if (errors.Count < 20) errors.Add(error.Text);
                        break;
                    case CommandExited exited:
                        exitCode = exited.ExitCode;
                        break;
                }
            }
        }
        finally
        {
            stop.Cancel();
            try
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        if (Explain(exitCode, errors) is { } problem) throw problem;
    }

    /// <summary>Turns journalctl's failure into a reason and a fix, or null when it did not fail.</summary>
    internal static LogSourceException? Explain(int? exitCode, IReadOnlyList<string> errors)
    {
        var text = string.Join(" ", errors);
        if (exitCode == 127)
            return new LogSourceException(Msg.T("journalctl is not installed, so the systemd journal cannot be read; use --source PATH for a syslog file."), notFound: true);
        if (text.Contains("insufficient permissions", StringComparison.OrdinalIgnoreCase))
            return new LogSourceException(Msg.T("The journal exists but this user may not read it: run as root, or join the systemd-journal (or adm) group: `sudo usermod -aG systemd-journal $USER`, then log in again."));
        if (text.Contains("No journal files were found", StringComparison.OrdinalIgnoreCase))
            return new LogSourceException(Msg.T("The journal has no files: nothing has been logged yet, or journald is not running (`systemctl status systemd-journald`)."), notFound: true);
        if (exitCode is { } code && code != 0)
            return new LogSourceException(Msg.F("journalctl failed (exit status {0})", code) + (text.Length > 0 ? ": " + text : "."));
        return null;
    }

    /// <summary>Parses one line of <c>journalctl -o json</c>; null for anything that is not an entry.</summary>
    public static LogLine? ParseEntry(string json, out string? cursor)
    {
        cursor = null;
        if (json.Length == 0 || json[0] != '{') return null;
        JournalEntry? entry;
        try
        {
            entry = JsonSerializer.Deserialize(json, JournalJsonContext.Default.JournalEntry);
        }
        catch (JsonException)
        {
            return null;
        }
        if (entry is null) return null;
        cursor = Text(entry.Cursor);
        var message = LogText.HideSimPin(LogText.Clean(Text(entry.Message) ?? "", 0, out var truncated));
        var program = Text(entry.Identifier) ?? Text(entry.Comm) ?? "";
        int? pid = int.TryParse(Text(entry.SyslogPid) ?? Text(entry.Pid), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
        var host = Text(entry.Hostname);
        DateTimeOffset? time = long.TryParse(Text(entry.RealtimeMicroseconds), NumberStyles.None, CultureInfo.InvariantCulture, out var us)
            ? DateTimeOffset.FromUnixTimeMilliseconds(us / 1000).AddTicks(us % 1000 * 10).ToLocalTime()
            : null;
        var diagnosis = Diagnoses.DiagnosisCatalog.MatchLine(message);
        var severity = int.TryParse(Text(entry.Priority), NumberStyles.None, CultureInfo.InvariantCulture, out var prio) && prio is >= 0 and <= 7
            ? (LogSeverity)prio
            : SyslogLineParser.InferSeverity(program, message, diagnosis);
        var prefix = (time?.ToString("MMM dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "") + " " + (host ?? "localhost") + " " +
                     program + (pid is { } x ? "[" + x.ToString(CultureInfo.InvariantCulture) + "]" : "") + ": ";
        var safePrefix = LogText.Clean(prefix);
        return new LogLine(time, host, LogText.Clean(program), pid, severity, message, "journal", safePrefix + message)
        {
            Diagnosis = diagnosis,
            Truncated = truncated,
        };
    }

    // journalctl writes a field as a string, as an array of byte values when it is not valid
    // UTF-8, as null when too large, and as an array when the entry holds the field twice.
    private static string? Text(JsonElement? element)
    {
        if (element is not { } e) return null;
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return e.GetString();
            case JsonValueKind.Number:
                return e.GetRawText();
            case JsonValueKind.Array:
                if (e.GetArrayLength() == 0) return "";
                if (e[0].ValueKind == JsonValueKind.Number)
                {
                    var bytes = new byte[e.GetArrayLength()];
                    int i = 0;
                    foreach (var b in e.EnumerateArray()) bytes[i++] = b.TryGetByte(out var v) ? v : (byte)'?';
                    return LogText.Utf8.GetString(bytes);
                }
                return Text(e[0]);
            default:
                return null;
        }
    }
}

internal sealed class JournalEntry
{
    [JsonPropertyName("MESSAGE")] public JsonElement? Message { get; set; }
    [JsonPropertyName("PRIORITY")] public JsonElement? Priority { get; set; }
    [JsonPropertyName("SYSLOG_IDENTIFIER")] public JsonElement? Identifier { get; set; }
    [JsonPropertyName("_COMM")] public JsonElement? Comm { get; set; }
    [JsonPropertyName("SYSLOG_PID")] public JsonElement? SyslogPid { get; set; }
    [JsonPropertyName("_PID")] public JsonElement? Pid { get; set; }
    [JsonPropertyName("_HOSTNAME")] public JsonElement? Hostname { get; set; }
    [JsonPropertyName("__REALTIME_TIMESTAMP")] public JsonElement? RealtimeMicroseconds { get; set; }
    [JsonPropertyName("__CURSOR")] public JsonElement? Cursor { get; set; }
}

[JsonSerializable(typeof(JournalEntry))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
