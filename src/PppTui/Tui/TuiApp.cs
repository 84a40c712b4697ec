using PppTui.Core.Settings;
using PppTui.Tui.Adapters;
using PppTui.Tui.Output;
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
            return context.Fail(ExitCodes.Usage, Msg.T("the full-screen app needs a terminal; for scripts use the verbs (see 'ppptui --help')"));

        // What Terminal.Gui's module initializer does, which the Native AOT binary leaves out so
        // that the CLI verbs start without it (TerminalGuiStartup.xml). Run again in a JIT build, it
        // sets the same defaults; a failure is kept where Terminal.Gui keeps its own.
        try { Terminal.Gui.Configuration.TuiConfigurationBuilder.Shared.ApplyToStaticFacades(); }
        catch (Exception e) { Terminal.Gui.Configuration.TuiJsonErrors.Add(e.Message); }

        // Terminal.Gui's own strings (dialog buttons) come from its resources for the UI culture.
        var culture = new System.Globalization.CultureInfo(Core.Localization.UiLanguage.CultureName(Core.Localization.UiLanguage.Current));
        System.Globalization.CultureInfo.CurrentUICulture = culture;
        System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = culture;

        var errors = new ErrorLog();
        bool privileged = Environment.IsPrivilegedProcess;
        var access = AccessMode.Detect(privileged, context.Paths.IsSystemRoot, context.Paths.Root);
        var screenContext = new ScreenContext(errors, access);

        var store = AppSettingsStore.For(context.Paths, privileged, Environment.GetEnvironmentVariable);
        var settings = store.Load();
        if (settings.Problem is not null)
            errors.Report(new UserError(Msg.T("Read settings"), settings.Problem, Msg.T("Fix or delete the file; the defaults are used until then."), store.Path));

        // The theme files and the profile folder are read while Terminal.Gui starts; the themes are
        // needed before the first frame, the profiles never make the screen wait.
        var catalog = Task.Run(() => ThemeCatalog.Load(ThemeCatalog.DefaultOverrideFolders(context.Paths)));
        using var wiring = Wire(context.Paths, context.Runner, errors, screenContext, kindCautions: settings.Settings.KindCautions);
        wiring.Profiles.LoadInBackground();
        var guard = new ScreenGuard(errors, ErrorBurstLimit, TimeSpan.FromSeconds(5));
        Exception? fatal = null;
        try
        {
            using IApplication app = Application.Create();
            using var idle = QuietTerminal.Install(app, TerminalCapabilities.FromEnvironment());
            if (idle is null)
                errors.Report(new UserError(Msg.T("Start the screen"), Msg.T("the quiet terminal output could not be installed; the screen redraws more than it needs"), Msg.T("Report this with the Terminal.Gui version.")));
            app.Init();
            var themes = StartThemes(catalog.GetAwaiter().GetResult(), settings.Settings, errors);
            themes.Changed += (_, _) =>
            {
                try { store.Save(new AppSettings { Theme = themes.Current, Force16Colors = themes.Force16Colors, KindCautions = settings.Settings.KindCautions }); }
                catch (Exception e) { errors.Report(e, Msg.F("Remember the theme in {0}", store.Path)); }
            };
            themes.ApplyCurrent(app);
            using var screen = Open(app, wiring, screenContext, new TuiDialogs(app, errors), themes);
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
        var error = ErrorLog.Describe(fatal, Msg.T("The full-screen app"));
        return context.Fail(ExitCodes.Failure, Msg.F("the screen stopped: {0}. {1}", error.Cause, error.Fix));
    }

    /// <summary>
    /// Builds the screen on an initialized app and starts the work behind it. The screen waits for
    /// nothing slow: the profile folder is read in the background, and link discovery, the route
    /// table and the log backlog start once a frame with the profiles is drawn (see <see cref="ScreenWiring.Start"/>).
    /// </summary>
    public static MainScreen Open(IApplication app, ScreenWiring wiring, ScreenContext context, IDialogs dialogs, ThemeController themes)
    {
        // From here on a model event from any thread reaches the views through app.Invoke.
        context.App = app;
        wiring.Profiles.LoadInBackground();
        var screen = new MainScreen(wiring.Models, context, dialogs, themes);
        screen.Attach(app);
        wiring.Start(app);
        return screen;
    }

    /// <summary>The adapters over the core services, built once; the screen only sees the model interfaces. Reads nothing yet.</summary>
    /// <param name="readProfiles">How the profile folder is read (a test slows it down); the profile service's by default.</param>
    public static ScreenWiring Wire(SystemPaths paths, ICommandRunner runner, ErrorLog errors, ScreenContext context,
        LinkManager? manager = null, LogSourceDetector? logSources = null, Func<ProfileCatalog>? readProfiles = null, bool kindCautions = true)
    {
        var service = new ProfileService(paths);
        var links = new LinkStatusAdapter(manager ?? LinkManager.ForSystem(paths, runner), errors);
        var profiles = new ProfileListAdapter(service, errors, links, readProfiles, kindCautions);
        links.KnownProfile = name => profiles.Profiles.Any(p => p.Name == name);
        var routes = new RouteAdapter(links);
        var log = new LogModel();
        var feed = new LogFeed(paths, runner, log, errors, links, logSources);
        links.PidsChanged += (_, _) => context.Post(log.RefreshLink, "Show the link's log lines");
        var systemd = new ServiceManager(paths, runner);
        var services = new ServiceAdapter(systemd, new DoctorService(paths, runner, systemd: systemd.Presence), new Core.Support.SupportBundle(paths, runner));
        return new ScreenWiring(new ScreenModels(profiles, links, routes, log, services), service, profiles, links, routes, log, feed, services);
    }

    private static ThemeController StartThemes(ThemeCatalog catalog, AppSettings settings, ErrorLog errors)
    {
        foreach (var warning in catalog.Warnings)
            errors.Report(new UserError(Msg.T("Load themes"), warning, Msg.T("Fix or remove the theme file; the built-in themes are used.")));
        bool noColor = ThemeCatalog.NoColorRequested(Environment.GetEnvironmentVariable);
        return new ThemeController(catalog, catalog.StartTheme(settings.Theme, noColor), settings.Force16Colors);
    }
}

/// <summary>What <see cref="TuiApp.Wire"/> built: the models the screen shows and the services behind them.</summary>
public sealed class ScreenWiring(ScreenModels models, ProfileService service, ProfileListAdapter profiles,
    LinkStatusAdapter links, RouteAdapter routes, LogModel log, LogFeed feed, ServiceAdapter services) : IDisposable
{
    /// <summary>How often the profile folder and the systemd unit links are checked for changes made elsewhere (the CLI, another screen).</summary>
    public static readonly TimeSpan ProfileFolderCheck = TimeSpan.FromSeconds(2);

    private object? _folderTimer;
    private IApplication? _app;
    private EventHandler<EventArgs>? _afterFirstFrame;
    private object? _pollingFallback;

    public ScreenModels Models { get; } = models;
    public ProfileService Service { get; } = service;
    public ProfileListAdapter Profiles { get; } = profiles;
    public LinkStatusAdapter Links { get; } = links;
    public RouteAdapter Routes { get; } = routes;
    public LogModel Log { get; } = log;
    public LogFeed Feed { get; } = feed;
    public ServiceAdapter Services { get; } = services;

    /// <summary>How long link polling and the log feed wait for a slow profile folder before they start anyway.</summary>
    public static readonly TimeSpan SlowFolderPollingDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>Whether link polling, the log feed and the folder check run (they start after the first frame with the profiles).</summary>
    public bool PollingStarted { get; private set; }

    /// <summary>
    /// Reads the profiles in the background (if not yet under way) and, once a frame with them is on
    /// the screen, starts the link polling (pid files, /proc, the route table), the log feed (its
    /// backlog first) and the profile folder and systemd unit link checks: each would only compete
    /// with that frame. A profile folder slower than <see cref="SlowFolderPollingDelay"/> does not hold them back.
    /// </summary>
    public void Start(IApplication app)
    {
        _app = app;
        Profiles.LoadInBackground();
        if (PollingStarted || _afterFirstFrame is not null) return;
        _afterFirstFrame = (_, _) =>
        {
            if (Profiles.IsLoaded) StartPolling();
        };
        app.LayoutAndDrawComplete += _afterFirstFrame;
        _pollingFallback = app.AddTimeout(SlowFolderPollingDelay, () =>
        {
            _pollingFallback = null;
            StartPolling();
            return false;
        });
    }

    private void StartPolling()
    {
        if (PollingStarted || _app is not { } app) return;
        PollingStarted = true;
        StopWaiting();
        Links.Start();
        Feed.Start();
        _folderTimer = app.AddTimeout(ProfileFolderCheck, () =>
        {
            Profiles.ReloadIfChanged();
            Services.Refresh();
            return true;
        });
    }

    private void StopWaiting()
    {
        if (_afterFirstFrame is not null) _app?.LayoutAndDrawComplete -= _afterFirstFrame;
        _afterFirstFrame = null;
        if (_pollingFallback is not null) _app?.RemoveTimeout(_pollingFallback);
        _pollingFallback = null;
    }

    public void Stop()
    {
        StopWaiting();
        if (_folderTimer is not null) _app?.RemoveTimeout(_folderTimer);
        _folderTimer = null;
        Feed.Dispose();
        Links.Dispose();
    }

    public void Dispose() => Stop();
}
