using System.CommandLine;
using PppTui.Core.Files;
using PppTui.Core.Logging;
using PppTui.Core.Processes;

namespace PppTui.Cli;

/// <summary>
/// Builds the command tree. Each verb group lives in its own file and only turns arguments
/// into one call of a core service; the core does the work.
/// </summary>
public sealed class CliApp
{
    private readonly CliIO _io;
    private readonly ICommandRunner _runner;

    public CliApp(CliIO io, ICommandRunner? runner = null)
    {
        _io = io;
        _runner = runner ?? new CliWrapCommandRunner();
    }

    public CliGlobals Globals { get; } = new();

    public CliContext ContextFor(ParseResult parse) =>
        new(new SystemPaths(parse.GetValue(Globals.Root) ?? "/"), _io, parse.GetValue(Globals.Json), _runner);

    public RootCommand BuildRoot(Func<ParseResult, int>? runTui = null)
    {
        var root = new RootCommand("ppptui: a terminal connection manager for pppd (PPTP, PPPoE, modems)");
        root.Options.Add(Globals.Root);
        root.Options.Add(Globals.Json);
        foreach (var verb in ProfileVerbs.Create(this)) root.Subcommands.Add(verb);
        foreach (var verb in LinkVerbs.Create(this)) root.Subcommands.Add(verb);
        foreach (var verb in LogVerbs.Create(this)) root.Subcommands.Add(verb);
        if (runTui is not null) root.SetAction(runTui);
        return root;
    }

    /// <summary>
    /// When set (the ppptui executable sets it), each run writes ppptui's own log under its --root
    /// (see <see cref="AppLog"/>); in-process tests leave it off unless they look at the log.
    /// </summary>
    public bool WriteAppLog { get; init; }

    public int Run(string[] args, Func<ParseResult, int>? runTui = null)
    {
        var parse = BuildRoot(runTui).Parse(args);
        if (WriteAppLog) AppLog.Configure(new SystemPaths(parse.GetValue(Globals.Root) ?? "/"));
        var config = new InvocationConfiguration { Output = _io.Out, Error = _io.Error };
        return parse.Invoke(config);
    }
}
