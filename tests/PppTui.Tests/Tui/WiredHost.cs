using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace PppTui.Tests.Tui;

/// <summary>
/// The main screen over the real adapters (TuiApp.Wire) on a sandbox root, headless: real
/// profile service and files, link manager with a fake runner and fake /proc, log feed on the
/// sandbox's syslog. Dialogs are answered by <see cref="FakeDialogs"/>.
/// </summary>
public sealed class WiredHost : IDisposable
{
    private readonly SessionToken? _token;

    /// <param name="readProfiles">How the profile folder is read (a test slows it down).</param>
    /// <param name="waitForProfiles">Wait until the profiles are on the screen, as most tests expect to start.</param>
    public WiredHost(Sandbox sandbox, int width = 120, int height = 40, AccessMode? access = null, bool isRoot = true,
        Func<ProfileCatalog>? readProfiles = null, bool waitForProfiles = true)
    {
        Sandbox = sandbox;
        Headless.Catalog.Apply("default");
        var themes = new ThemeController(Headless.Catalog, "default", false);
        (App, Time) = Headless.CreateApp(width, height);
        Context = new ScreenContext(Errors, access ?? AccessMode.Full);
        var manager = FakeLinks.Manager(sandbox, Runner, Signals, isRoot);
        Wiring = TuiApp.Wire(sandbox.Paths, Runner, Errors, Context, manager,
            new LogSourceDetector(sandbox.Paths, new LogReaderIdentity(true, new HashSet<string>(), "root"), _ => false), readProfiles);
        Screen = TuiApp.Open(App, Wiring, Context, Dialogs, themes);
        _token = App.Begin(Screen);
        Draw();
        if (waitForProfiles)
        {
            if (!Wiring.Profiles.LoadInBackground().Wait(TimeSpan.FromSeconds(10))) throw new TimeoutException("The profiles were not read within 10 s");
            Draw();
        }
    }

    public Sandbox Sandbox { get; }
    public IApplication App { get; }
    public VirtualTimeProvider Time { get; }
    public MainScreen Screen { get; }
    public ScreenContext Context { get; }
    public ScreenWiring Wiring { get; }
    public ErrorLog Errors { get; } = new();
    public FakeDialogs Dialogs { get; } = new();
    public FakeDialRunner Runner { get; } = new();
    public FakeSignals Signals { get; } = new();

    public void Draw() => App.DrawFrame();

    public void Press(Key key) => App.PressKey(key);

    public void Type(string text) => App.TypeText(text);

    /// <summary>Focuses a field of the editor form and types into it.</summary>
    public void Fill(string field, string text)
    {
        Screen.Editor.ControlFor(field)!.SetFocus();
        Type(text);
    }

    public string Text => string.Join('\n', Headless.Rows(App));

    /// <summary>Waits for background work (polls, dials, the log feed) to reach the screen.</summary>
    public void Until(Func<bool> condition, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
                throw new TimeoutException($"Condition not met; message line: {Screen.MessageText}\n{Text}");
            Thread.Sleep(10);
            Time.Advance(TimeSpan.FromMilliseconds(100));
            Draw();
        }
    }

    public void Dispose()
    {
        Wiring.Stop();
        Screen.Detach();
        if (_token is not null) App.End(_token);
        Screen.Dispose();
        App.Dispose();
    }
}
