using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Time;

namespace PppTui.Tests.Tui;

/// <summary>Headless Terminal.Gui for tests: a buffer-only ANSI driver and virtual time.</summary>
public static class Headless
{
    [ModuleInitializer]
    public static void DisableRealTerminal()
    {
        // Without this the driver would draw on whatever terminal runs the tests.
        Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
    }

    public static (IApplication App, VirtualTimeProvider Time) CreateApp(int width, int height)
    {
        var time = new VirtualTimeProvider();
        var app = Application.Create(time).Init(DriverRegistry.Names.ANSI);
        app.Driver!.SetScreenSize(width, height);
        return (app, time);
    }

    /// <summary>The repository's themes folder (the same files the binary embeds).</summary>
    public static string ThemesFolder() => Path.Combine(RepositoryRoot(), "themes");

    /// <summary>The folder holding PppTui.sln, found upwards from the test binary.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PppTui.sln")))
                return dir.FullName;
        throw new InvalidOperationException("The tests run inside the repository; PppTui.sln was not found above " + AppContext.BaseDirectory);
    }

    private static ThemeCatalog? _catalog;

    /// <summary>The built-in themes, loaded once; tests switch between them.</summary>
    public static ThemeCatalog Catalog => _catalog ??= ThemeCatalog.Load([]);

    /// <summary>The screen as text, one line per row.</summary>
    public static string[] Rows(IApplication app) =>
        app.Driver!.ToString()!.Replace("\r\n", "\n").Split('\n');
}
