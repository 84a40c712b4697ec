using PppTui.Cli;
using PppTui.Core.Settings;
using PppTui.Tui.Adapters;
using PppTui.Tui.Dialogs;
using PppTui.Tui.Models;
using PppTui.Tui.Themes;
using Terminal.Gui.App;

namespace PppTui.Tui;

/// <summary>Starts the full-screen app.</summary>
public static class TuiApp
{
    /// <summary>Errors within five seconds after which the screen gives up instead of looping on a broken draw.</summary>
    private const int ErrorBurstLimit = 50;

    public static int Run(CliContext context)
    {
        if (!context.IO.InputIsTerminal)
            return context.Fail(ExitCodes.Usage, "the full-screen app needs a terminal; for scripts use the verbs (see 'ppptui --help')");

        var errors = new ErrorLog();
        bool privileged = Environment.IsPrivilegedProcess;
        var access = AccessMode.Detect(privileged, context.Paths.IsSystemRoot, context.Paths.Root);
        var screenContext = new ScreenContext(errors, access);

        var store = AppSettingsStore.For(context.Paths, privileged, Environment.GetEnvironmentVariable);
        var settings = store.Load();
        if (settings.Problem is not null)
            errors.Report(new UserError("Read settings", settings.Problem, "Fix or delete the file; the defaults are used until then.", store.Path));

        var themes = StartThemes(settings.Settings, errors);
        themes.Changed += (_, _) =>
        {
            try { store.Save(new AppSettings { Theme = themes.Current, Force16Colors = themes.Force16Colors }); }
            catch (Exception e) { errors.Report(e, "Remember the theme in " + store.Path); }
        };

        var models = new ScreenModels(new ProfileFolderModel(context.Paths), new NoLinksModel(), new NoRoutesModel(), new RingLogModel());
        var guard = new ScreenGuard(errors, ErrorBurstLimit, TimeSpan.FromSeconds(5));
        Exception? fatal = null;
        try
        {
            using IApplication app = Application.Create().Init();
            themes.ApplyCurrent(app);
            using var screen = new MainScreen(models, screenContext, new TuiDialogs(app, errors), themes);
            screen.Attach(app);
            app.Run(screen, guard.Handle);
            screen.Detach();
            fatal = guard.Fatal;
        }
        catch (Exception e)
        {
            fatal ??= e;
        }
        if (fatal is null) return ExitCodes.Ok;
        var error = ErrorLog.Describe(fatal, "The full-screen app");
        return context.Fail(ExitCodes.Failure, $"the screen stopped: {error.Cause}. {error.Fix}");
    }

    private static ThemeController StartThemes(AppSettings settings, ErrorLog errors)
    {
        var catalog = ThemeCatalog.Load(ThemeCatalog.DefaultOverrideFolders());
        foreach (var warning in catalog.Warnings)
            errors.Report(new UserError("Load themes", warning, "Fix or remove the theme file; the built-in themes are used."));
        bool noColor = ThemeCatalog.NoColorRequested(Environment.GetEnvironmentVariable);
        return new ThemeController(catalog, catalog.StartTheme(settings.Theme, noColor), settings.Force16Colors);
    }
}
