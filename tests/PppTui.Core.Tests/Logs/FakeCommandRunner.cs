namespace PppTui.Core.Tests.Logs;

/// <summary>Records the commands it is given and plays back scripted output, for journal tests.</summary>
public sealed class FakeCommandRunner : ICommandRunner
{
    private readonly Func<CommandSpec, IReadOnlyList<CommandEvent>> _script;

    public FakeCommandRunner(Func<CommandSpec, IReadOnlyList<CommandEvent>> script) => _script = script;

    public List<CommandSpec> Commands { get; } = [];

    /// <summary>How many events the consumer actually pulled (to prove an early stop).</summary>
    public int EventsPulled { get; private set; }

    public bool LastStreamWasCancelled { get; private set; }

    public Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default)
    {
        Commands.Add(spec);
        var events = _script(spec);
        var output = string.Join("\n", events.OfType<CommandOutputLine>().Where(e => !e.IsError).Select(e => e.Text));
        var error = string.Join("\n", events.OfType<CommandOutputLine>().Where(e => e.IsError).Select(e => e.Text));
        var exit = events.OfType<CommandExited>().LastOrDefault()?.ExitCode ?? 0;
        return Task.FromResult(new CommandResult(exit, output, error, TimeSpan.Zero));
    }

    public async IAsyncEnumerable<CommandEvent> StreamAsync(CommandSpec spec, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Commands.Add(spec);
        LastStreamWasCancelled = false;
        using var registration = cancellationToken.Register(() => LastStreamWasCancelled = true);
        foreach (var e in _script(spec))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            EventsPulled++;
            yield return e;
        }
    }
}
