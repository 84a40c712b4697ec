namespace PppTui.Tests.Shared;

/// <summary>
/// Records every command it is asked to run and answers from a script: the last rule whose
/// program and argument prefix match gives the result (so a test can override a default);
/// anything else gets <see cref="Answer"/> (exit 0 with no output unless the test says otherwise).
/// </summary>
public sealed class FakeServiceRunner : ICommandRunner
{
    private readonly List<(Func<CommandSpec, bool> Match, Func<CommandResult> Result)> _rules = [];

    public List<CommandSpec> Commands { get; } = [];

    /// <summary>The answer to a command no rule matches.</summary>
    public Func<CommandSpec, CommandResult> Answer { get; set; } = _ => new CommandResult(0, "", "", TimeSpan.Zero);

    /// <summary>Answers commands whose program ends with <paramref name="program"/> and whose arguments start with <paramref name="prefix"/>.</summary>
    public FakeServiceRunner On(string program, string[] prefix, int exitCode, string stdout = "", string stderr = "") =>
        On(program, prefix, () => new CommandResult(exitCode, stdout, stderr, TimeSpan.Zero));

    public FakeServiceRunner On(string program, string[] prefix, Func<CommandResult> result)
    {
        _rules.Add((spec => (spec.Program == program || spec.Program.EndsWith("/" + program, StringComparison.Ordinal))
                            && spec.Arguments.Take(prefix.Length).SequenceEqual(prefix), result));
        return this;
    }

    public IEnumerable<string> CommandLines => Commands.Select(c => c.ToString());

    public Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default)
    {
        Commands.Add(spec);
        for (var i = _rules.Count - 1; i >= 0; i--)
            if (_rules[i].Match(spec)) return Task.FromResult(_rules[i].Result());
        return Task.FromResult(Answer(spec));
    }

    public async IAsyncEnumerable<CommandEvent> StreamAsync(CommandSpec spec, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(spec, cancellationToken);
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)) yield return new CommandOutputLine(line, false);
        foreach (var line in result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries)) yield return new CommandOutputLine(line, true);
        yield return new CommandExited(result.ExitCode);
    }
}
