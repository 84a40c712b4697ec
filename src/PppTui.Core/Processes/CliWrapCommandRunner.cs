using CliWrap;
using CliWrap.Buffered;
using CliWrap.EventStream;
using Serilog;

namespace PppTui.Core.Processes;

/// <summary>Runs commands through CliWrap: arguments as a list, no shell, stdin for secrets.</summary>
public sealed class CliWrapCommandRunner : ICommandRunner
{
    private readonly ILogger _log;

    public CliWrapCommandRunner(ILogger? log = null)
    {
        _log = log ?? Serilog.Log.Logger;
    }

    public async Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        using var timeout = CreateTimeout(spec, cancellationToken);
        _log.Information("Running {Command}", spec.ToString());
        try
        {
            var result = await Build(spec).ExecuteBufferedAsync(Encoding.UTF8, timeout.Token).ConfigureAwait(false);
            _log.Information("{Program} exited with {ExitCode}", spec.Program, result.ExitCode);
            return new CommandResult(result.ExitCode, result.StandardOutput, result.StandardError, stopwatch.Elapsed);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new CommandResult(127, "", $"{spec.Program}: {ex.Message}", stopwatch.Elapsed);
        }
        catch (InvalidOperationException ex) when (ex.InnerException is System.ComponentModel.Win32Exception inner)
        {
            return new CommandResult(127, "", $"{spec.Program}: {inner.Message}", stopwatch.Elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CommandResult(124, "", $"{spec.Program}: timed out after {spec.Timeout}", stopwatch.Elapsed);
        }
    }

    public async IAsyncEnumerable<CommandEvent> StreamAsync(
        CommandSpec spec, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var timeout = CreateTimeout(spec, cancellationToken);
        _log.Information("Starting {Command}", spec.ToString());
        var events = Build(spec).ListenAsync(Encoding.UTF8, timeout.Token).GetAsyncEnumerator(timeout.Token);
        string? startFailure = null;
        try
        {
            while (true)
            {
                try
                {
                    if (!await events.MoveNextAsync().ConfigureAwait(false)) break;
                }
                catch (System.ComponentModel.Win32Exception ex)
                {
                    startFailure = ex.Message;
                    break;
                }
                CommandEvent? next = events.Current switch
                {
                    StartedCommandEvent s => new CommandStarted(s.ProcessId),
                    StandardOutputCommandEvent o => new CommandOutputLine(o.Text, false),
                    StandardErrorCommandEvent e => new CommandOutputLine(e.Text, true),
                    ExitedCommandEvent x => new CommandExited(x.ExitCode),
                    _ => null,
                };
                if (next is not null) yield return next;
            }
        }
        finally
        {
            await events.DisposeAsync().ConfigureAwait(false);
        }
        if (startFailure is not null)
        {
            // A program that cannot start reads like a shell's "command not found" (127).
            yield return new CommandOutputLine($"{spec.Program}: {startFailure}", true);
            yield return new CommandExited(127);
        }
    }

    private static CancellationTokenSource CreateTimeout(CommandSpec spec, CancellationToken token)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(token);
        if (spec.Timeout is { } t) cts.CancelAfter(t);
        return cts;
    }

    private static Command Build(CommandSpec spec)
    {
        var command = Cli.Wrap(spec.Program)
            .WithArguments(spec.Arguments)
            .WithValidation(CommandResultValidation.None);
        if (spec.StandardInput is not null)
            command = command.WithStandardInputPipe(PipeSource.FromString(spec.StandardInput));
        if (spec.Environment is not null)
            command = command.WithEnvironmentVariables(spec.Environment);
        return command;
    }
}
