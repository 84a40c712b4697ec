using PppTui.Cli;
using PppTui.Core.Dialing;
using PppTui.Core.Files;
using PppTui.Core.Logs;
using PppTui.Core.Processes;
using PppTui.Core.Profiles;
using PppTui.Core.Services;
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

        var themes = StartThemes(context.Paths, settings.Settings, errors);
        themes.Changed += (_, _) =>
        {
            try { store.Save(new AppSettings { Theme = themes.Current, Force16Colors = themes.Force16Colors }); }
            catch (Exception e) { errors.Report(e, "Remember the theme in " + store.Path); }
        };

        using var wiring = Wire(context.Paths, context.Runner, errors, screenContext);
        var guard = new ScreenGuard(errors, ErrorBurstLimit, TimeSpan.FromSeconds(5));
        Exception? fatal = null;
        try
        {
            using IApplication app = Application.Create().Init();
            themes.ApplyCurrent(app);
            using var screen = new MainScreen(wiring.Models, screenContext, new TuiDialogs(app, errors), themes);
            screen.Attach(app);
            wiring.Start(app);
            app.Run(screen, guard.Handle);
            wiring.Stop();
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

    /// <summary>The adapters over the core services, built once; the screen only sees the model interfaces.</summary>
    public static ScreenWiring Wire(SystemPaths paths, ICommandRunner runner, ErrorLog errors, ScreenContext context,
        LinkManager? manager = null, LogSourceDetector? logSources = null)
    {
        var service = new ProfileService(paths);
        var links = new LinkStatusAdapter(manager ?? LinkManager.ForSystem(paths, runner), errors);
        var profiles = new ProfileListAdapter(service, errors, links);
        links.KnownProfile = name => profiles.Profiles.Any(p => p.Name == name);
        var routes = new RouteAdapter(links);
        var log = new RingLogModel();
        var feed = new LogFeed(paths, runner, log, errors, links, logSources);
        links.PidsChanged += (_, _) => context.Post(log.RefreshLink, "Show the link's log lines");
        var systemd = new ServiceManager(paths, runner);
        var services = new ServiceAdapter(systemd, new Doctor(paths, runner, systemd: systemd.Presence));
        return new ScreenWiring(new ScreenModels(profiles, links, routes, log, services), service, profiles, links, routes, log, feed, services);
    }

    private static ThemeController StartThemes(SystemPaths paths, AppSettings settings, ErrorLog errors)
    {
        var catalog = ThemeCatalog.Load(ThemeCatalog.DefaultOverrideFolders(paths));
        foreach (var warning in catalog.Warnings)
            errors.Report(new UserError("Load themes", warning, "Fix or remove the theme file; the built-in themes are used."));
        bool noColor = ThemeCatalog.NoColorRequested(Environment.GetEnvironmentVariable);
        return new ThemeController(catalog, catalog.StartTheme(settings.Theme, noColor), settings.Force16Colors);
    }
}

/// <summary>What <see cref="TuiApp.Wire"/> built: the models the screen shows and the services behind them.</summary>
public sealed class ScreenWiring(ScreenModels models, ProfileService service, ProfileListAdapter profiles,
    LinkStatusAdapter links, RouteAdapter routes, RingLogModel log, LogFeed feed, ServiceAdapter services) : IDisposable
{
    /// <summary>How often the profile folder and the systemd unit links are checked for changes made elsewhere (the CLI, another screen).</summary>
    public static readonly TimeSpan ProfileFolderCheck = TimeSpan.FromSeconds(2);

    private object? _folderTimer;
    private IApplication? _app;

    public ScreenModels Models { get; } = models;
    public ProfileService Service { get; } = service;
    public ProfileListAdapter Profiles { get; } = profiles;
    public LinkStatusAdapter Links { get; } = links;
    public RouteAdapter Routes { get; } = routes;
    public RingLogModel Log { get; } = log;
    public LogFeed Feed { get; } = feed;
    public ServiceAdapter Services { get; } = services;

    /// <summary>Starts the link polling, the log feed and the profile folder and unit link checks.</summary>
    public void Start(IApplication app)
    {
        _app = app;
        Links.Start();
        Feed.Start();
        _folderTimer = app.AddTimeout(ProfileFolderCheck, () =>
        {
            Profiles.ReloadIfChanged();
            Services.Refresh();
            return true;
        });
    }

    public void Stop()
    {
        if (_folderTimer is not null) _app?.RemoveTimeout(_folderTimer);
        _folderTimer = null;
        Feed.Dispose();
        Links.Dispose();
    }

    public void Dispose() => Stop();
}
