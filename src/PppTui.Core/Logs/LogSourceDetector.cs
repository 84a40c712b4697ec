namespace PppTui.Core.Logs;

/// <summary>What kind of log a source is.</summary>
public enum LogSourceKind
{
    Journal,
    File,
}

/// <summary>A chosen log source.</summary>
/// <param name="Kind">Journal or text file.</param>
/// <param name="Description">For messages: "the systemd journal", "/var/log/syslog".</param>
/// <param name="FilePath">The file, for <see cref="LogSourceKind.File"/>.</param>
/// <param name="JournalDirectory">For a journal under a root other than "/": the directory for <c>journalctl -D</c>.</param>
/// <param name="Format">Line layout of a file.</param>
/// <param name="Why">Why this source was chosen (shown with -v / in the TUI's status line).</param>
public sealed record LogSourcePlan(LogSourceKind Kind, string Description, string? FilePath, string? JournalDirectory,
    LogLineFormat Format, string Why);

/// <summary>The outcome of choosing a source: a plan, or a problem saying why nothing can be read.</summary>
public sealed record LogSourceDecision(LogSourcePlan? Plan, string? Problem, bool NotFound = false)
{
    public static LogSourceDecision Use(LogSourcePlan plan) => new(plan, null);
    public static LogSourceDecision Fail(string problem, bool notFound = false) => new(null, problem, notFound);
}

/// <summary>Who is asking: decides which logs are readable and what to tell the user.</summary>
public sealed record LogReaderIdentity(bool IsRoot, IReadOnlySet<string> Groups, string UserName)
{
    public static LogReaderIdentity Current() => new(UnixIdentity.IsRoot, UnixIdentity.GroupNames(), UnixIdentity.UserName);

    /// <summary>Root and these groups may read the whole system journal.</summary>
    public bool CanReadSystemJournal => IsRoot || Groups.Contains("systemd-journal") || Groups.Contains("adm") || Groups.Contains("wheel");
}

/// <summary>
/// Chooses the log source for <c>--source auto|journal|PATH</c>. Auto prefers the systemd
/// journal (when journalctl exists, a journal directory exists and this user may read it),
/// then /var/log/syslog or /var/log/messages (the more recently written). When nothing is
/// readable the problem names each reason: no journal, not root / not in the group, no file,
/// nothing logged yet.
/// </summary>
public sealed class LogSourceDetector
{
    private readonly SystemPaths _paths;
    private readonly LogReaderIdentity _identity;
    private readonly Func<string, bool> _programExists;
    private readonly Func<string, bool> _canRead;
    private readonly IReadOnlyList<string> _systemJournalDirectories;

    /// <param name="paths">The root everything lives under.</param>
    /// <param name="identity">Who reads; defaults to the current process.</param>
    /// <param name="programExists">Whether a program is on PATH; defaults to a PATH search.</param>
    /// <param name="canRead">Whether a file can be opened for reading; defaults to trying it.</param>
    /// <param name="systemJournalDirectories">Where the live system keeps its journal; defaults to /var/log/journal and /run/log/journal.</param>
    public LogSourceDetector(SystemPaths paths, LogReaderIdentity? identity = null, Func<string, bool>? programExists = null,
        Func<string, bool>? canRead = null, IReadOnlyList<string>? systemJournalDirectories = null)
    {
        _paths = paths;
        _identity = identity ?? LogReaderIdentity.Current();
        _programExists = programExists ?? OnPath;
        _canRead = canRead ?? CanRead;
        _systemJournalDirectories = systemJournalDirectories ?? ["/var/log/journal", "/run/log/journal"];
    }

    /// <summary>Decides for a request: "auto", "journal", or a path (absolute, or relative to the working directory).</summary>
    public LogSourceDecision Decide(string request, bool follow = false)
    {
        if (string.IsNullOrEmpty(request) || request == "auto") return Auto();
        if (request == "journal") return Journal(out var problem) is { } plan ? LogSourceDecision.Use(plan) : LogSourceDecision.Fail(problem!, notFound: true);
        return ForFile(Path.GetFullPath(request), LogLineFormat.Syslog, follow, explicitRequest: true);
    }

    /// <summary>A file source (syslog layout or bare pppd logfile), checked for readability.</summary>
    public LogSourceDecision ForFile(string path, LogLineFormat format, bool follow, bool explicitRequest)
    {
        if (Directory.Exists(path)) return LogSourceDecision.Fail(Msg.F("{0} is a directory, not a log file.", path), notFound: true);
        if (!File.Exists(path))
        {
            if (follow && Directory.Exists(Path.GetDirectoryName(path)))
                return LogSourceDecision.Use(new LogSourcePlan(LogSourceKind.File, path, path, null, format,
                    $"{path} does not exist yet (nothing logged yet); waiting for it to appear"));
            return LogSourceDecision.Fail(explicitRequest ? Msg.F("{0} does not exist.", path) : Msg.F("{0} does not exist: nothing has been logged there yet.", path), notFound: true);
        }
        if (!_canRead(path))
            return LogSourceDecision.Fail(Msg.F("{0} exists but {1} may not read it: {2}", path, _identity.UserName, AccessAdvice(path)));
        return LogSourceDecision.Use(new LogSourcePlan(LogSourceKind.File, path, path, null, format, $"reading {path}"));
    }

    private LogSourceDecision Auto()
    {
        var journal = Journal(out var journalProblem);
        if (journal is not null) return LogSourceDecision.Use(journal);

        var candidates = new[] { Path.Join(_paths.VarLog, "syslog"), Path.Join(_paths.VarLog, "messages") }
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .ToList();
        var fileProblems = new List<string>();
        foreach (var file in candidates)
        {
            if (_canRead(file))
                return LogSourceDecision.Use(new LogSourcePlan(LogSourceKind.File, file, file, null, LogLineFormat.Syslog,
                    $"reading {file} ({journalProblem})"));
            fileProblems.Add(Msg.F("{0} exists but {1} may not read it: {2}", file, _identity.UserName, AccessAdvice(file)));
        }
        if (candidates.Count == 0)
            fileProblems.Add(Msg.F("there is no {0} or {1} (no syslog daemon such as rsyslog writes one)", Path.Join(_paths.VarLog, "syslog"), Path.Join(_paths.VarLog, "messages")));
        return LogSourceDecision.Fail(Msg.F("No readable log source: {0}. Pass --source PATH to read another file.", journalProblem + "; " + string.Join("; ", fileProblems)));
    }

    private LogSourcePlan? Journal(out string? problem)
    {
        problem = null;
        if (!_programExists("journalctl"))
        {
            problem = "journalctl is not installed";
            return null;
        }
        if (_paths.IsSystemRoot)
        {
            var dirs = _systemJournalDirectories.Where(Directory.Exists).ToList();
            if (dirs.Count == 0)
            {
                problem = "there is no systemd journal (/var/log/journal and /run/log/journal are missing; journald is not running)";
                return null;
            }
            if (!dirs.Any(HasJournalFiles))
            {
                problem = $"the systemd journal has no files yet ({string.Join(", ", dirs)} hold no *.journal: journald is not running or has logged nothing)";
                return null;
            }
            if (!_identity.CanReadSystemJournal)
            {
                problem = $"the systemd journal is there but {_identity.UserName} is not root and not in the systemd-journal or adm group " +
                          $"(run with sudo, or `sudo usermod -aG systemd-journal {_identity.UserName}` and log in again)";
                return null;
            }
            return new LogSourcePlan(LogSourceKind.Journal, "the systemd journal", null, null, LogLineFormat.Syslog,
                "reading the systemd journal");
        }

        foreach (var dir in new[] { _paths.Under("/var/log/journal"), _paths.Under("/run/log/journal") })
        {
            if (!Directory.Exists(dir)) continue;
            // journalctl -D reads one directory: the one holding the files (journald puts them in a machine-id folder).
            var file = Directory.EnumerateFiles(dir, "*.journal", SearchOption.AllDirectories).FirstOrDefault();
            if (file is not null)
            {
                var holder = Path.GetDirectoryName(file)!;
                return new LogSourcePlan(LogSourceKind.Journal, "the journal in " + holder, null, holder, LogLineFormat.Syslog,
                    "reading the journal files in " + holder);
            }
        }
        problem = $"there is no journal under {_paths.Root} (var/log/journal or run/log/journal)";
        return null;
    }

    private static bool HasJournalFiles(string dir)
    {
        try
        {
            return Directory.EnumerateFiles(dir, "*.journal*", SearchOption.AllDirectories).Any();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true; // cannot look inside: let journalctl say what is wrong
        }
    }

    private string AccessAdvice(string path) =>
        _identity.IsRoot
            ? "check its permissions."
            : $"run with sudo, or join the group that owns it (usually adm: `sudo usermod -aG adm {_identity.UserName}`, then log in again).";

    private static bool CanRead(string path)
    {
        try
        {
            using var _ = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    private static bool OnPath(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Join(dir, program);
            if (File.Exists(candidate)) return true;
        }
        return false;
    }
}
