namespace PppTui.Core.Processes;

/// <summary>
/// The one place processes are started. The real implementation uses CliWrap; unit tests use
/// a fake that records the specs it was given.
/// </summary>
public interface ICommandRunner
{
    /// <summary>Runs to completion and buffers the output. A missing program gives exit code 127.</summary>
    Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Streams the command's events as they happen.</summary>
    IAsyncEnumerable<CommandEvent> StreamAsync(CommandSpec spec, CancellationToken cancellationToken = default);
}
