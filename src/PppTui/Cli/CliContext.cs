using System.CommandLine;
using PppTui.Core.Files;
using PppTui.Core.Processes;

namespace PppTui.Cli;

/// <summary>The options every verb shares, declared once and read once per invocation.</summary>
public sealed class CliGlobals
{
    public Option<string> Root { get; } = new("--root")
    {
        Description = "Resolve every system path (etc/ppp, etc/ppptui, run, var/log) under DIR",
        DefaultValueFactory = _ => "/",
        Recursive = true,
        HelpName = "DIR",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print data as JSON",
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

    public TextWriter Out => IO.Out;
    public TextWriter Error => IO.Error;

    /// <summary>Writes "ppptui: message" to stderr and returns the exit code, for one-line failures.</summary>
    public int Fail(int exitCode, string message)
    {
        Error.WriteLine("ppptui: " + message);
        return exitCode;
    }
}
