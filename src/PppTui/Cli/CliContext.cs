using System.CommandLine;

namespace PppTui.Cli;

/// <summary>The options every verb shares, declared once and read once per invocation.</summary>
public sealed class CliGlobals
{
    /// <summary>Sets the descriptions in the current language (the options outlive one tree: built again for --lang).</summary>
    public void Describe()
    {
        Root.Description = Msg.T("Resolve every system path (etc/ppp, etc/ppptui, run, var/log) under DIR");
        Lang.Description = Msg.T("Speak LANG (en, zh-CN) instead of the locale's language (LC_ALL, LC_MESSAGES, LANG)");
        Json.Description = Msg.T("Print data as JSON");
    }

    public Option<string> Root { get; } = new("--root")
    {
        DefaultValueFactory = _ => "/",
        Recursive = true,
        HelpName = "DIR",
    };

    public Option<string> Lang { get; } = new("--lang")
    {
        Recursive = true,
        HelpName = "LANG",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Recursive = true,
    };
}

/// <summary>What a verb's action works with: resolved paths, the streams, the process runner.</summary>
public sealed class CliContext
{
    public CliContext(SystemPaths paths, CliIO io, bool json, ICommandRunner runner)
    {
        Paths = paths;
        IO = io;
        Json = json;
        Runner = runner;
    }

    public SystemPaths Paths { get; }
    public CliIO IO { get; }
    public bool Json { get; }
    public ICommandRunner Runner { get; }

    /// <summary>A notice on stderr beside the data: one JSON object ({"notice": ...}) on one line
    /// with --json, so every line a --json run prints parses, otherwise "ppptui: TEXT".</summary>
    public void Notice(string text)
    {
        if (Json) Error.WriteLine(new System.Text.Json.Nodes.JsonObject { ["notice"] = text }.ToJsonString());
        else Error.WriteLine("ppptui: " + text);
    }

    /// <summary>True when <see cref="Runner"/> runs real processes on this machine (not a test's).</summary>
    public bool RunsSystemCommands { get; init; }

    /// <summary>
    /// Refuses an action on the running system (pppd and its signals) under a sandbox root: only
    /// files follow --root, so pppd would dial from the host's /etc/ppp and a pid from the sandbox
    /// would be signalled on the host. (The service verbs pass --root on to systemctl, which then
    /// works on the root's unit files only.)
    /// </summary>
    /// <exception cref="PppTuiException">The root is not "/".</exception>
    public void RequireLiveSystem(string action)
    {
        if (Paths.IsSystemRoot || !RunsSystemCommands) return;
        throw new Core.PppTuiException(
            Msg.F("--root {0}: {1} acts on this machine's pppd, which --root does not fence (only files follow --root)", Paths.Root, action),
            Msg.T("Leave --root out to act on this system, or copy the files to the system first."), kind: Core.FailureKind.BadInput);
    }

    public TextWriter Out => IO.Out;
    public TextWriter Error => IO.Error;

    /// <summary>Writes the failure to stderr ("ppptui: message", or one JSON object with --json)
    /// and returns the exit code.</summary>
    public int Fail(int exitCode, string message, string? fix = null) =>
        CliErrors.Write(Error, Json, new CliError(exitCode, message, fix));
}
