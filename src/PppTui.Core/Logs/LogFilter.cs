namespace PppTui.Core.Logs;

/// <summary>
/// Which lines to show. Every part is optional and they combine with AND. Immutable: the log
/// model swaps in a new filter and rebuilds its view.
/// </summary>
public sealed record LogFilter
{
    /// <summary>Everything.</summary>
    public static readonly LogFilter All = new();

    /// <summary>
    /// The programs of a PPP link: pppd and the helpers it runs or that serve it (chat, pptp,
    /// rp-pppoe's pppoe, pppoe-discovery and pppoe-server, pptpd). The dialer reads these.
    /// </summary>
    public static readonly IReadOnlySet<string> PppPrograms =
        new HashSet<string>(StringComparer.Ordinal) { "pppd", "chat", "pptp", "pptpd", "pppoe", "pppoe-discovery", "pppoe-server", "xl2tpd" };

    /// <summary>What `ppptui logs` and the log pane show by default: <see cref="PppPrograms"/> and our own log.</summary>
    public static readonly IReadOnlySet<string> DefaultPrograms =
        new HashSet<string>(PppPrograms, StringComparer.Ordinal) { "ppptui" };

    /// <summary>A regex matched against <see cref="LogLine.Text"/> (the whole line, like grep).</summary>
    public Regex? Pattern { get; init; }

    /// <summary>Show the lines the <see cref="Pattern"/> does NOT match (grep -v).</summary>
    public bool Invert { get; init; }

    /// <summary>Only these syslog identifiers (pppd, pptp, chat, ...).</summary>
    public IReadOnlySet<string>? Programs { get; init; }

    /// <summary>Only lines at least this severe (Warning shows warnings, errors and worse).</summary>
    public LogSeverity? MinimumSeverity { get; init; }

    /// <summary>
    /// Only lines of this link (profile name): lines a <see cref="LinkTracker"/> assigned to it
    /// when they were read, or, with <see cref="Links"/>, lines whose pid the tracker knows as
    /// the link's by now (a link's pids become known over time: the dialing pppd, the daemon it
    /// forks, its helpers).
    /// </summary>
    public string? Link { get; init; }

    /// <summary>Asked at match time which link a line's pid belongs to (see <see cref="Link"/>).</summary>
    public LinkTracker? Links { get; init; }

    /// <summary>Words that must all appear in the message or the label (case-insensitive).</summary>
    public IReadOnlyList<string> Words { get; init; } = [];

    /// <summary>Words that must not appear in the message or the label (case-insensitive).</summary>
    public IReadOnlyList<string> ExcludedWords { get; init; } = [];

    /// <summary>Only lines carrying a warning or failure diagnosis.</summary>
    public bool MarkedOnly { get; init; }

    /// <summary>True when the filter lets every line through.</summary>
    public bool IsEmpty => Pattern is null && Programs is null && MinimumSeverity is null && Link is null && !MarkedOnly
                           && Words.Count == 0 && ExcludedWords.Count == 0;

    /// <summary>
    /// The words of a filter box: space-separated words that must all appear, and <c>-word</c>
    /// for words that must not (a lone "-" is a word like any other).
    /// </summary>
    public static LogFilter FromWords(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new LogFilter
        {
            Words = words.Where(w => !w.StartsWith('-') || w.Length == 1).ToArray(),
            ExcludedWords = words.Where(w => w.StartsWith('-') && w.Length > 1).Select(w => w[1..]).ToArray(),
        };
    }

    /// <summary>Builds the regex for a user's pattern: culture-invariant, with a match timeout against catastrophic patterns.</summary>
    /// <param name="pattern">.NET regex syntax.</param>
    /// <param name="ignoreCase">Match without regard to case.</param>
    /// <param name="forLongScan">A whole file will be scanned: worth a few ms of start-up for faster
    /// matching. With a JIT the regex is compiled to IL; under Native AOT (no code generation) the
    /// non-backtracking engine is used when the pattern allows it (no backreferences or lookarounds),
    /// which beats the backtracking interpreter on alternations.</param>
    /// <exception cref="ArgumentException">The pattern is not a valid regex (the message says where).</exception>
    public static Regex CompilePattern(string pattern, bool ignoreCase = false, bool forLongScan = false)
    {
        var options = RegexOptions.CultureInvariant | RegexOptions.Multiline | (ignoreCase ? RegexOptions.IgnoreCase : 0);
        return CreatePattern(pattern, options, forLongScan, System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled);
    }

    internal static Regex CreatePattern(string pattern, RegexOptions options, bool forLongScan, bool canCompile)
    {
        // The timeout guards the backtracking engines against catastrophic patterns.
        var timeout = TimeSpan.FromSeconds(2);
        if (!forLongScan) return new Regex(pattern, options, timeout);
        if (canCompile) return new Regex(pattern, options | RegexOptions.Compiled, timeout);
        try
        {
            // Linear time by construction, so no timeout: with one, .NET 10's non-backtracking
            // engine was seen to miss a match near its timeout-check boundaries in a block scan.
            return new Regex(pattern, options | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, options, timeout);
        }
    }

    /// <summary>Whether the line passes every part of the filter except the text pattern.</summary>
    public bool MatchesFields(LogLine line) =>
        (Programs is null || Programs.Contains(line.Program))
        && (MinimumSeverity is not { } min || line.Severity <= min)
        && (Link is null || OfLink(line, Link))
        && (!MarkedOnly || line.IsMarked)
        && WordsMatch(line);

    private bool OfLink(LogLine line, string link) =>
        string.Equals(line.Link, link, StringComparison.Ordinal)
        || (Links is not null && line.Pid is { } pid && Links.Owns(link, pid));

    private bool WordsMatch(LogLine line)
    {
        if (Words.Count == 0 && ExcludedWords.Count == 0) return true;
        var label = line.Label;
        foreach (var word in Words)
            if (!Contains(line.Message, label, word)) return false;
        foreach (var word in ExcludedWords)
            if (Contains(line.Message, label, word)) return false;
        return true;
    }

    private static bool Contains(string message, string label, string word) =>
        message.Contains(word, StringComparison.OrdinalIgnoreCase) || label.Contains(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the line passes the whole filter.</summary>
    public bool Matches(LogLine line) =>
        MatchesFields(line) && (Pattern is null || Pattern.IsMatch(line.Text) != Invert);
}
