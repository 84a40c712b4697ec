using PppTui.Cli;

namespace PppTui.Tui;

/// <summary>Starts the full-screen app.</summary>
public static class TuiApp
{
    public static int Run(CliContext context)
    {
        context.Error.WriteLine("ppptui: the full-screen app is not built yet; see 'ppptui --help' for the CLI verbs");
        return ExitCodes.Failure;
    }
}
