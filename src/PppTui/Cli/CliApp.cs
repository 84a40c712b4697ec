using System.CommandLine;

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
    private readonly Func<string, string?> _environment;
    private readonly bool _runsSystemCommands;
    private int _logConfigured;

    /// <param name="ownLog">Write ppptui's own log (files written, commands run) under the chosen
    /// root; the executable turns it on, in-process tests leave the process-wide logger alone.</param>
    /// <param name="environment">Reads the locale variables (LC_ALL, LC_MESSAGES, LANG); the process environment unless a test gives its own.</param>
    public CliApp(CliIO io, ICommandRunner? runner = null, bool ownLog = false, Func<string, string?>? environment = null)
    {
        _environment = environment ?? Environment.GetEnvironmentVariable;
        // Text from files ppptui does not own reaches the terminal only through this escaping.
        _io = io with { Out = new TerminalSafeWriter(io.Out), Error = new TerminalSafeWriter(io.Error) };
        _runsSystemCommands = runner is null;
        _runner = runner ?? new CliWrapCommandRunner();
        _ownLog = ownLog;
    }

    public CliGlobals Globals { get; } = new();

    public CliContext ContextFor(ParseResult parse)
    {
        // Each verb's context speaks the language its command line asks for (a verb tree built
        // without --lang, as tests build it, still follows the locale).
        var lang = parse.GetResult(Globals.Lang) is { } given ? given.GetValueOrDefault<string>() : null;
        UiLanguage.Speak(UiLanguage.Choose(lang, _environment));
        var paths = new SystemPaths(parse.GetValue(Globals.Root) ?? "/");
        if (_ownLog && Interlocked.Exchange(ref _logConfigured, 1) == 0) Core.Logging.AppLog.Configure(paths);
        return new CliContext(paths, _io, parse.GetValue(Globals.Json), _runner) { RunsSystemCommands = _runsSystemCommands };
    }

    public RootCommand BuildRoot(Func<ParseResult, int>? runTui = null)
    {
        Globals.Describe();
        var root = new RootCommand(Msg.T("ppptui: a terminal connection manager for pppd (PPTP, PPPoE, modems)"));
        root.Options.Add(Globals.Root);
        root.Options.Add(Globals.Json);
        root.Options.Add(Globals.Lang);
        foreach (var verb in ProfileVerbs.Create(this)) root.Subcommands.Add(verb);
        foreach (var verb in LinkVerbs.Create(this)) root.Subcommands.Add(verb);
        foreach (var verb in LogVerbs.Create(this)) root.Subcommands.Add(verb);
        foreach (var verb in FleetVerbs.Create(this)) root.Subcommands.Add(verb);
        foreach (var verb in ServiceVerbs.Create(this)) root.Subcommands.Add(verb);
        foreach (var verb in DoctorVerbs.Create(this)) root.Subcommands.Add(verb);
        foreach (var verb in BundleVerbs.Create(this)) root.Subcommands.Add(verb);
        if (runTui is not null) root.SetAction(runTui);
        return root;
    }

    public int Run(string[] args, Func<ParseResult, int>? runTui = null)
    {
        // Verb and option descriptions are looked up as the tree is built, so the language must be
        // known first: the locale's, then again with --lang when the command line names another.
        UiLanguage.Speak(UiLanguage.Choose(null, _environment));
        var parse = BuildRoot(runTui).Parse(args);
        var language = UiLanguage.Choose(parse.GetValue(Globals.Lang), _environment);
        if (language != UiLanguage.Current)
        {
            UiLanguage.Speak(language);
            parse = BuildRoot(runTui).Parse(args);
        }
        if (RefusedBeforeAnyVerb(parse) is { } refused)
            return CliErrors.Write(_io.Error, parse.GetValue(Globals.Json), refused);
        var config = new InvocationConfiguration { Output = _io.Out, Error = _io.Error };
        return parse.Invoke(config);
    }

    // A bad command line is exit 2 like every other bad input (System.CommandLine's own is 1), and
    // a --root that is empty or missing is refused: an unset variable in a script must not turn
    // "--root $SANDBOX" into the live /etc/ppp, nor a typo into "No profiles".
    private CliError? RefusedBeforeAnyVerb(ParseResult parse)
    {
        // --version and --help answer even among other arguments (their action runs, not the error's).
        if (parse.Errors.Count > 0 && parse.Action is System.CommandLine.Invocation.ParseErrorAction)
            return new CliError(ExitCodes.Usage, string.Join("; ", parse.Errors.Select(e => e.Message)),
                Msg.T("See 'ppptui --help', or 'ppptui VERB --help' for a verb's options."));
        if (parse.GetValue(Globals.Lang) is { } lang && UiLanguage.FromLocale(lang) is null)
            return new CliError(ExitCodes.Usage, Msg.F("--lang {0}: no such language", lang),
                Msg.T("Give one of: en, zh-CN."));
        if (parse.GetResult(Globals.Root) is not { Implicit: false }) return null;
        var root = parse.GetValue(Globals.Root) ?? "";
        if (string.IsNullOrWhiteSpace(root))
            return new CliError(ExitCodes.Usage, Msg.T("--root is empty"),
                Msg.T("Give the folder to work on (--root ./sandbox), or leave --root out to work on this system's files."));
        if (!Directory.Exists(root))
            return new CliError(ExitCodes.NotFound, Msg.F("--root {0}: no such folder", root),
                Msg.F("Create it (mkdir -p {0}/etc/ppp/peers) or check the path.", root), File: root);
        return null;
    }
}
