using System.CommandLine;
using PppTui.Core.Files;
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

    private readonly bool _ownLog;
    private int _logConfigured;

    /// <param name="ownLog">Write ppptui's own log (files written, commands run) under the chosen
    /// root; the executable turns it on, in-process tests leave the process-wide logger alone.</param>
    public CliApp(CliIO io, ICommandRunner? runner = null, bool ownLog = false)
    {
        _io = io;
        _runner = runner ?? new CliWrapCommandRunner();
        _ownLog = ownLog;
    }

    public CliGlobals Globals { get; } = new();

    public CliContext ContextFor(ParseResult parse)
    {
        var paths = new SystemPaths(parse.GetValue(Globals.Root) ?? "/");
        if (_ownLog && Interlocked.Exchange(ref _logConfigured, 1) == 0) Core.Logging.AppLog.Configure(paths);
        return new CliContext(paths, _io, parse.GetValue(Globals.Json), _runner);
    }

    public RootCommand BuildRoot(Func<ParseResult, int>? runTui = null)
    {
        var root = new RootCommand("ppptui: a terminal connection manager for pppd (PPTP, PPPoE, modems)");
        root.Options.Add(Globals.Root);
        root.Options.Add(Globals.Json);
        foreach (var verb in ProfileVerbs.Create(this)) root.Subcommands.Add(verb);
        foreach (var verb in LinkVerbs.Create(this)) root.Subcommands.Add(verb);
        foreach (var verb in LogVerbs.Create(this)) root.Subcommands.Add(verb);
        foreach (var verb in FleetVerbs.Create(this)) root.Subcommands.Add(verb);
        foreach (var verb in ServiceVerbs.Create(this)) root.Subcommands.Add(verb);
        foreach (var verb in DoctorVerbs.Create(this)) root.Subcommands.Add(verb);
        if (runTui is not null) root.SetAction(runTui);
        return root;
    }

    public int Run(string[] args, Func<ParseResult, int>? runTui = null)
    {
        var parse = BuildRoot(runTui).Parse(args);
        var config = new InvocationConfiguration { Output = _io.Out, Error = _io.Error };
        return parse.Invoke(config);
    }
}
