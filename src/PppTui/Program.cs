using PppTui.Cli;

namespace PppTui;

public static class Program
{
    public static int Main(string[] args)
    {
        var app = new CliApp(CliIO.FromConsole()) { WriteAppLog = true };
        try
        {
            return app.Run(args, runTui: parse => Tui.TuiApp.Run(app.ContextFor(parse)));
        }
        finally
        {
            Serilog.Log.CloseAndFlush();
        }
    }
}
