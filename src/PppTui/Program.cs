using PppTui.Cli;

namespace PppTui;

public static class Program
{
    public static int Main(string[] args)
    {
        var app = new CliApp(CliIO.FromConsole());
        return app.Run(args, runTui: parse => Tui.TuiApp.Run(app.ContextFor(parse)));
    }
}
