namespace PppTui.Tests.Cli;

/// <summary>Records the commands the CLI runs and answers each with exit 0 and no output.</summary>
public sealed class FakeServiceRunner : ICommandRunner
{
    public List<CommandSpec> Commands { get; } = [];

    public Func<CommandSpec, CommandResult> Answer { get; set; } = _ => new CommandResult(0, "", "", TimeSpan.Zero);

    public Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default)
    {
        Commands.Add(spec);
        return Task.FromResult(Answer(spec));
    }

    public async IAsyncEnumerable<CommandEvent> StreamAsync(CommandSpec spec, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(spec, cancellationToken);
        yield return new CommandExited(result.ExitCode);
    }
}

/// <summary>Runs ppptui in-process against a sandbox root with a chosen process runner.</summary>
public static class ServiceCli
{
    public static CliOutcome Run(CliRunner sandbox, ICommandRunner? runner, string? stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var io = new CliIO(output, error, new StringReader(stdin ?? ""), InputIsTerminal: false);
        var code = new CliApp(io, runner).Run(["--root", sandbox.Root, .. args]);
        return new CliOutcome(code, output.ToString(), error.ToString());
    }
}
