namespace PppTui.Core.Processes;

/// <summary>
/// What to run: a program and its arguments as a list (never a concatenated string, never a
/// shell). Builders return these; <see cref="ICommandRunner"/> runs them; tests assert them.
/// </summary>
public sealed record CommandSpec(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>Text written to the child's stdin (how secrets reach a child: never argv).</summary>
    public string? StandardInput { get; init; }

    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    public TimeSpan? Timeout { get; init; }

    public override string ToString() =>
        Arguments.Count == 0 ? Program : Program + " " + string.Join(' ', Arguments.Select(QuoteForDisplay));

    private static string QuoteForDisplay(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./:=@%+,".Contains(c))
            ? arg
            : "'" + arg.Replace("'", "'\\''") + "'";
}

/// <summary>The outcome of a finished command.</summary>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>A closed set of events from a running command, consumed by pattern matching.</summary>
public abstract record CommandEvent;

public sealed record CommandStarted(int ProcessId) : CommandEvent;

public sealed record CommandOutputLine(string Text, bool IsError) : CommandEvent;

public sealed record CommandExited(int ExitCode) : CommandEvent;
