using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace PppTui.Tests.Tui;

/// <summary>The main screen over fake models in a headless app, with helpers to press keys and read the screen.</summary>
public sealed class ScreenHost : IDisposable
{
    private readonly SessionToken? _token;

    private ScreenHost(int width, int height, AccessMode access, Action<ScreenHost>? seed)
    {
        Headless.Catalog.Apply("default");
        Themes = new ThemeController(Headless.Catalog, "default", false);
        seed?.Invoke(this);
        (App, Time) = Headless.CreateApp(width, height);
        Context = new ScreenContext(Errors, access);
        Screen = new MainScreen(new ScreenModels(Profiles, Links, Routes, Log, Services), Context, Dialogs, Themes);
        _token = App.Begin(Screen);
        Screen.Attach(App);
        Draw();
    }

    public static ScreenHost Start(int width = 80, int height = 24, AccessMode? access = null, Action<ScreenHost>? seed = null) =>
        new(width, height, access ?? AccessMode.Full, seed ?? SeedDefault);

    public IApplication App { get; }
    public VirtualTimeProvider Time { get; }
    public MainScreen Screen { get; }
    public ScreenContext Context { get; }
    public ThemeController Themes { get; }
    public ErrorLog Errors { get; } = new();
    public FakeProfileListModel Profiles { get; } = new();
    public FakeLinkStatusModel Links { get; } = new();
    public FakeRouteModel Routes { get; } = new();
    public FakeServiceModel Services { get; } = new();
    public PppTui.Core.Logs.LogModel Log { get; } = new(capacity: 5000);
    public FakeDialogs Dialogs { get; } = new();

    public static void SeedDefault(ScreenHost h)
    {
        h.Profiles.Items.AddRange(
        [
            new("office-vpn", "pptp", LinkPhase.Up, "Head office"),
            new("dsl", "pppoe", LinkPhase.Down, "上海 电信 光纤"),
            new("lte-backup", "modem", LinkPhase.Failed, "4G stick"),
        ]);
        h.Links.Items.Add(new LinkRow("office-vpn", "ppp0", LinkPhase.Up, ["10.8.0.6/32"], "10.8.0.1", 1400,
            1_234_567, 98_765, 3_400, 1_100, TimeSpan.FromSeconds(4_521)));
        h.Routes.DefaultRouteOwner = "eth0 (not a ppp link)";
        h.Routes.Items.AddRange(
        [
            new("default", "192.168.1.1", "eth0", 100, "dhcp", IsDefault: true, ViaPpp: false),
            new("10.8.0.0/24", null, "ppp0", null, "kernel", IsDefault: false, ViaPpp: true, Owner: "office-vpn"),
        ]);
        h.Routes.WarningItems.Add(new RouteWarning("office-vpn asks for defaultroute but the default route still goes via eth0",
            "add 'replacedefaultroute' to the profile, or route only the office subnets"));
    }

    public void Draw() => App.DrawFrame();

    public void Press(Key key) => App.PressKey(key);

    /// <summary>Selects <paramref name="profile"/> and presses F5; the connect hangs until the test settles what this returns.</summary>
    public TaskCompletionSource<ActionResult> ConnectHeld(string profile)
    {
        Screen.Profiles.Select(profile);
        var pending = new TaskCompletionSource<ActionResult>();
        Links.PendingConnect = pending;
        Press(Key.F5);
        return pending;
    }

    public void Type(string text) => App.TypeText(text);

    /// <summary>Lets virtual time pass (the log pump is a timer) and draws.</summary>
    public void Advance(TimeSpan span)
    {
        Time.Advance(span);
        Draw();
    }

    public string[] Rows => Headless.Rows(App);
    public string Text => string.Join('\n', Rows);

    public void Dispose()
    {
        Screen.Detach();
        if (_token is not null) App.End(_token);
        Screen.Dispose();
        App.Dispose();
    }
}
