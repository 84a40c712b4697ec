using Serilog;
using Serilog.Core;
using Serilog.Events;
using LogEvent = Serilog.Events.LogEvent;

namespace PppTui.Core.Logging;

/// <summary>
/// Our own log: what ppptui did (files written, commands run), secrets redacted. Written as
/// syslog-style lines (<c>2026-11-24T14:12:01.123456+00:00 host ppptui[1234]: [INF] message</c>)
/// so the log reader shows it in the same stream as pppd's, as program "ppptui".
/// </summary>
public static class AppLog
{
    /// <summary>The file name inside the log folder.</summary>
    public const string FileName = "ppptui.log";

    private const string Template =
        "{Timestamp:yyyy-MM-ddTHH:mm:ss.ffffffzzz} {Host} ppptui[{Pid}]: [{Level:u3}] {Message:l}{NewLine}{Exception}";

    /// <summary>
    /// Where our log goes: <c>&lt;root&gt;/var/log/ppptui/ppptui.log</c> when running as root or when
    /// that folder is writable (a sandbox root); otherwise the user's state folder
    /// (<c>$XDG_STATE_HOME/ppptui/ppptui.log</c>, by default <c>~/.local/state/ppptui/ppptui.log</c>).
    /// </summary>
    public static string PathFor(SystemPaths paths, bool? isRoot = null, string? stateHome = null)
    {
        var system = Path.Join(paths.VarLog, "ppptui", FileName);
        var root = isRoot ?? UnixIdentity.IsRoot;
        if (root || CanWrite(Path.GetDirectoryName(system)!)) return system;
        return UserPath(stateHome);
    }

    /// <summary>Every place our log may be (system and user), whether or not it exists.</summary>
    public static IReadOnlyList<string> Candidates(SystemPaths paths, string? stateHome = null) =>
        [Path.Join(paths.VarLog, "ppptui", FileName), UserPath(stateHome)];

    /// <summary>
    /// Sets <see cref="Log.Logger"/> to a file logger at <see cref="PathFor"/> with redaction and
    /// returns the path. When no folder can be written, logging is switched off rather than failing.
    /// </summary>
    public static string? Configure(SystemPaths paths, bool? isRoot = null, string? stateHome = null, LogEventLevel minimumLevel = LogEventLevel.Information)
    {
        var path = PathFor(paths, isRoot, stateHome);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            Log.Logger = CreateLogger(path, minimumLevel);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Logger = Serilog.Core.Logger.None;
            return null;
        }
    }

    /// <summary>A logger writing to <paramref name="path"/> in our format, every event redacted.</summary>
    public static Serilog.Core.Logger CreateLogger(string path, LogEventLevel minimumLevel = LogEventLevel.Information) =>
        new LoggerConfiguration()
            .MinimumLevel.Is(minimumLevel)
            .Enrich.With(new RedactingEnricher())
            .Enrich.WithProperty("Host", Environment.MachineName)
            .Enrich.WithProperty("Pid", Environment.ProcessId)
            .WriteTo.File(path, outputTemplate: Template, shared: true, flushToDiskInterval: TimeSpan.FromSeconds(1),
                fileSizeLimitBytes: 10 * 1024 * 1024, rollOnFileSizeLimit: true, retainedFileCountLimit: 3)
            .CreateLogger();

    private static string UserPath(string? stateHome)
    {
        var state = stateHome ?? Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrEmpty(state))
            state = Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Join(state, "ppptui", FileName);
    }

    private static bool CanWrite(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Join(directory, FileName);
            using (new FileStream(probe, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete)) { }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

/// <summary>Masks secrets in every string property of a log event before any sink sees it.</summary>
internal sealed class RedactingEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            var redacted = Redact(name, value);
            if (!ReferenceEquals(redacted, value)) logEvent.AddOrUpdateProperty(new LogEventProperty(name, redacted));
        }
    }

    private static LogEventPropertyValue Redact(string name, LogEventPropertyValue value)
    {
        if (LooksSecret(name)) return new ScalarValue(Redactor.Mask);
        switch (value)
        {
            case ScalarValue { Value: string s }:
                var r = Redactor.Redact(s);
                return r == s ? value : new ScalarValue(r);
            case SequenceValue seq:
                var items = seq.Elements.Select(e => Redact("", e)).ToList();
                return items.Zip(seq.Elements).All(p => ReferenceEquals(p.First, p.Second)) ? value : new SequenceValue(items);
            case StructureValue st:
                var props = st.Properties.Select(p => new LogEventProperty(p.Name, Redact(p.Name, p.Value))).ToList();
                return new StructureValue(props, st.TypeTag);
            case DictionaryValue dict:
                return new DictionaryValue(dict.Elements.Select(kv =>
                    new KeyValuePair<ScalarValue, LogEventPropertyValue>(kv.Key, Redact(kv.Key.Value?.ToString() ?? "", kv.Value))));
            default:
                var text = value.ToString();
                var redactedText = Redactor.Redact(text);
                return redactedText == text ? value : new ScalarValue(redactedText);
        }
    }

    private static bool LooksSecret(string name) =>
        name.Contains("password", StringComparison.OrdinalIgnoreCase) || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || name.Contains("passwd", StringComparison.OrdinalIgnoreCase) || name.Equals("pwd", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Who we run as, for choosing log locations and explaining unreadable logs.</summary>
public static class UnixIdentity
{
    /// <summary>True when the effective user is root.</summary>
    public static bool IsRoot => Logs.UnixFileAccess.EffectiveUserId() == 0;

    /// <summary>The names of the groups this process is in (from /proc/self/status and /etc/group).</summary>
    public static IReadOnlySet<string> GroupNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var gids = new HashSet<string>();
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("Groups:", StringComparison.Ordinal)) continue;
                foreach (var gid in line[7..].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)) gids.Add(gid);
            }
            foreach (var line in File.ReadLines("/etc/group"))
            {
                var fields = line.Split(':');
                if (fields.Length >= 3 && gids.Contains(fields[2])) names.Add(fields[0]);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return names;
    }

    /// <summary>The user's name for messages.</summary>
    public static string UserName => Environment.UserName;

}
