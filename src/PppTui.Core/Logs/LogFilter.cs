using System.Text.RegularExpressions;

namespace PppTui.Core.Logs;

/// <summary>
/// Which lines to show. Every part is optional and they combine with AND. Immutable: the log
/// model swaps in a new filter and rebuilds its view.
/// </summary>
public sealed record LogFilter
{
    /// <summary>Everything.</summary>
    public static readonly LogFilter All = new();

    /// <summary>The programs of a PPP link: what `ppptui logs` shows by default.</summary>
    public static readonly IReadOnlySet<string> PppPrograms =
        new HashSet<string>(StringComparer.Ordinal) { "pppd", "pptp", "chat", "pppoe", "pptpd", "ppptui" };

    /// <summary>A regex matched against <see cref="LogLine.Text"/> (the whole line, like grep).</summary>
    public Regex? Pattern { get; init; }

    /// <summary>Show the lines the <see cref="Pattern"/> does NOT match (grep -v).</summary>
    public bool Invert { get; init; }

    /// <summary>Only these syslog identifiers (pppd, pptp, chat, ...).</summary>
    public IReadOnlySet<string>? Programs { get; init; }

    /// <summary>Only lines at least this severe (Warning shows warnings, errors and worse).</summary>
    public LogSeverity? MinimumSeverity { get; init; }

    /// <summary>Only lines of this link (profile name), as assigned by a <see cref="LinkTracker"/>.</summary>
    public string? Link { get; init; }

    /// <summary>Only lines carrying a warning or failure diagnosis.</summary>
    public bool MarkedOnly { get; init; }

    /// <summary>True when the filter lets every line through.</summary>
    public bool IsEmpty => Pattern is null && Programs is null && MinimumSeverity is null && Link is null && !MarkedOnly;

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
        && (Link is null || string.Equals(line.Link, Link, StringComparison.Ordinal))
        && (!MarkedOnly || line.IsMarked);

    /// <summary>Whether the line passes the whole filter.</summary>
    public bool Matches(LogLine line) =>
        MatchesFields(line) && (Pattern is null || Pattern.IsMatch(line.Text) != Invert);
}
