using System.Reflection;

namespace PppTui;

public static class Program
{
    public static int Main(string[] args)
    {
        // `--version` alone is what scripts and package checks probe with: answered before the
        // command tree, the message catalog and the log are built (the same text System.CommandLine prints).
        if (args is ["--version"])
        {
            Console.Out.WriteLine(Version());
            return 0;
        }
        var app = new CliApp(CliIO.FromConsole(), ownLog: true);
        try
        {
            return app.Run(args, runTui: parse => Tui.TuiApp.Run(app.ContextFor(parse)));
        }
        finally
        {
            Serilog.Log.CloseAndFlush();
        }
    }

    private static string Version()
    {
        var version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
