using System.Drawing;
using PppTui.Tui.Panes;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace PppTui.Tui;

/// <summary>
/// The one screen: menu, optional read-only banner, the six panes, a message line and the status
/// bar. It owns the layout (including zoom) and wires keys, menus and panes to the commands
/// (<see cref="Commands"/>), which decide what may run and do it.
/// </summary>
public sealed class MainScreen : Runnable
{
    private readonly Dictionary<PaneId, Pane> _panes = [];
    private readonly ToneText _banner = new() { X = 0, Y = 1, Width = Dim.Fill(), IsBanner = true };
    private readonly MessageLine _message = new() { X = 0, Width = Dim.Fill() };
    private PaneId _bottomTab = PaneId.Links;
    private IApplication? _app;
    private int _laidOutWidth;

    public MainScreen(ScreenModels models, ScreenContext context, IDialogs dialogs, ThemeController themes)
    {
        Width = Dim.Fill();
        Height = Dim.Fill();
        SchemeName = "Base";

        Profiles = new ProfileListPane(models.Profiles, models.Services, context);
        Editor = new EditorPane(models.Services, context);
        Preview = new PreviewPane(context);
        Links = new LinksPane(models.Links, models.Services, context);
        Routes = new RoutesPane(models.Routes, context);
        Log = new LogPane(models.Log, context);
        foreach (var pane in new Pane[] { Profiles, Editor, Preview, Links, Routes, Log }) _panes[pane.PaneId] = pane;
        Commands = new CommandHost(this, models, context, dialogs, themes, new EditorSession(this, models, context));

        Menu = CommandMenus.BuildBar();
        StatusBar = new CommandBar();
        _banner.Content = context.Access.Banner ?? "";
        _banner.Visible = context.Access.Banner is not null;

        Add(Menu, _banner);
        foreach (var pane in _panes.Values) Add(pane);
        Add(_message, StatusBar);

        Profiles.SelectionChanged += (_, _) => Commands.Session.OnListSelectionChanged();
        Profiles.List.Accepting += (_, e) => { e.Handled = true; Invoke(AppCommand.GoEditor); };
        Editor.ApplyRequested += (_, _) => Invoke(AppCommand.Apply);
        Editor.RevertRequested += (_, _) => Invoke(AppCommand.Revert);
        Editor.EditorChanged += (_, _) => RefreshCommands();
        _message.FollowErrors(context);
        models.Profiles.Changed += (_, _) => context.Post(RefreshCommands);
        models.Links.Changed += (_, _) => context.Post(RefreshCommands);
        models.Services.Changed += (_, _) => context.Post(RefreshCommands);

        Commands.Session.SelectionChanged();
        RefreshCommands();
    }

    public ProfileListPane Profiles { get; }
    public EditorPane Editor { get; }
    public PreviewPane Preview { get; }
    public LinksPane Links { get; }
    public RoutesPane Routes { get; }
    public LogPane Log { get; }
    public MenuBar Menu { get; }
    public CommandBar StatusBar { get; }
    public IReadOnlyDictionary<PaneId, Pane> Panes => _panes;

    /// <summary>The screen's commands: what may run now, and running them.</summary>
    public CommandHost Commands { get; }

    /// <summary>The pane shown alone, or null.</summary>
    public PaneId? Zoomed { get; private set; }

    public LayoutPlan? Plan { get; private set; }

    /// <summary>The text of the message line (latest notice or error).</summary>
    public string MessageText => _message.Content;

    public string BannerText => _banner.Visible ? _banner.Content : "";

    /// <summary>Hooks the screen to the running app: the key dispatcher, focus tracking and the log pump.</summary>
    public void Attach(IApplication app)
    {
        _app = app;
        Commands.Context.App = app;
        app.Keyboard.KeyDown += OnAppKeyDown;
        if (app.Navigation is { } nav) nav.FocusedChanged += (_, _) => RefreshCommands();
        Log.StartPumping();
        Profiles.SetFocus();
        Profiles.List.SetFocus();
        RefreshCommands();
    }

    public void Detach()
    {
        Log.StopPumping();
        if (_app is not null) _app.Keyboard.KeyDown -= OnAppKeyDown;
        _app = null;
    }

    /// <summary>Leaves the screen (links keep running).</summary>
    public void Close()
    {
        Detach();
        RequestStop();
    }

    public override void EndInit()
    {
        base.EndInit();
        RefreshCommands();
    }

    protected override void OnDrawComplete(DrawContext? context)
    {
        base.OnDrawComplete(context);
        if (Commands.Session.OpensEditors) return;
        Commands.Session.OpensEditors = true;
        // What the first frame does without: the menus' items, and the selected profile's editor.
        App?.TimedEvents?.Add(TimeSpan.Zero, () =>
        {
            CommandMenus.Fill(Menu, Commands, App);
            Commands.Session.SelectionChanged();
            return false;
        });
    }

    // ---- layout ---------------------------------------------------------------------------

    protected override void OnSubViewLayout(LayoutEventArgs args)
    {
        ApplyLayout();
        base.OnSubViewLayout(args);
    }

    private void ApplyLayout()
    {
        var size = Viewport.Size;
        if (size.Width <= 0 || size.Height <= 0) return;
        int top = 1 + (_banner.Visible ? 1 : 0);
        int bottom = 2; // message line + status bar
        _message.Y = Math.Max(size.Height - 2, top);
        StatusBar.Y = Pos.AnchorEnd(1);
        var area = new Rectangle(0, top, size.Width, Math.Max(size.Height - top - bottom, 2));
        if (size.Width != _laidOutWidth)
        {
            // The status bar shows as many keys as fit; rebuild it after this layout pass, not during it.
            _laidOutWidth = size.Width;
            App?.TimedEvents?.Add(TimeSpan.Zero, () => { RefreshCommands(); return false; });
        }
        var plan = ScreenLayout.Compute(area, Zoomed, _bottomTab, size);
        Plan = plan;
        foreach (var pane in _panes.Values) pane.PlaceBy(plan, Zoomed);
    }

    public void ToggleZoom()
    {
        Zoomed = Zoomed is null ? FocusedPane() ?? PaneId.Profiles : null;
        SetNeedsLayout();
        if (Zoomed is { } z) _panes[z].SetFocus();
        RefreshCommands();
    }

    /// <summary>Brings a pane into view (switching the bottom tab, leaving zoom) and focuses it.</summary>
    public void GoTo(PaneId id)
    {
        if (Zoomed is { } z && z != id) Zoomed = null;
        if (Plan?.Tabs.Contains(id) ?? ScreenLayout.BottomPanes.Contains(id)) _bottomTab = id;
        ApplyLayout();
        SetNeedsLayout();
        // Land on the pane's main view, not on whatever text field comes first.
        if (id == PaneId.Profiles) Profiles.List.SetFocus();
        else if (id == PaneId.Log) Log.List.SetFocus();
        else _panes[id].SetFocus();
        RefreshCommands();
    }

    public PaneId? FocusedPane()
    {
        for (View? v = MostFocused; v is not null; v = v.SuperView)
            if (v is Pane p) return p.PaneId;
        return null;
    }

    /// <summary>Redraws every pane (after a theme change).</summary>
    public void RedrawAll()
    {
        SetNeedsDraw();
        foreach (var pane in _panes.Values) pane.SetNeedsDraw();
    }

    // ---- keys and commands ----------------------------------------------------------------------

    private KeyScope FocusedScope => FocusedPane() is { } pane ? KeyTable.ScopeOf(pane) : KeyScope.Global;

    private void OnAppKeyDown(object? sender, Key key)
    {
        if (_app is null || !ReferenceEquals(_app.TopRunnableView, this)) return; // a dialog is open
        if (Menu.IsOpen() || _app.Popovers?.GetActivePopover() is not null) return;
        if (key == Key.Esc)
        {
            // Esc never quits the screen (Terminal.Gui's default); it only leaves zoom.
            if (Zoomed is not null) ToggleZoom();
            key.Handled = true;
            return;
        }
        if (KeyTable.Find(key, FocusedScope, MostFocused is TextField) is not { } entry) return;
        key.Handled = true;
        Invoke(entry.Command);
    }

    /// <inheritdoc cref="CommandHost.Invoke"/>
    public void Invoke(AppCommand command) => Commands.Invoke(command);

    /// <inheritdoc cref="CommandHost.DisabledReason"/>
    public string? DisabledReason(AppCommand command) => Commands.DisabledReason(command);

    /// <inheritdoc cref="ProfileCommands.NewOfKind"/>
    public void InvokeNew(string kindId) => ProfileCommands.NewOfKind(Commands, kindId);

    public void ShowNotice(string text, Tone tone) => _message.Show(text, tone);

    /// <summary>Updates the editor buttons and the status bar for the focused pane.</summary>
    public void RefreshCommands()
    {
        Editor.SetApplyState(DisabledReason(AppCommand.Apply) is null, DisabledReason(AppCommand.Revert) is null);
        // Until the screen is initialized (just before its first frame) focus and width are not
        // final: the bar would be built again and again for nothing (see EndInit).
        if (!IsInitialized) return;
        StatusBar.Show(FocusedScope, Math.Max(Viewport.Width, App?.Screen.Width ?? 80), DisabledReason, Invoke);
    }

    /// <summary>The status bar's current entries as "Key Label" (" (off)" when disabled), for tests.</summary>
    public IReadOnlyList<string> StatusBarItems => StatusBar.Items;
}
