using System.Drawing;
using PppTui.Core.Services;
using PppTui.Tui.Controls;
using PppTui.Tui.Dialogs;
using PppTui.Tui.Keys;
using PppTui.Tui.Layout;
using PppTui.Tui.Models;
using PppTui.Tui.Panes;
using PppTui.Tui.Themes;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace PppTui.Tui;

/// <summary>
/// The one screen: menu, optional read-only banner, the six panes, a message line and the status
/// bar. It owns the layout (including zoom), turns keys into commands through the key table, asks
/// before anything that cannot be undone, and sends every failure to the error log.
/// </summary>
public sealed class MainScreen : Runnable
{
    private readonly ScreenModels _models;
    private readonly ScreenContext _context;
    private readonly IDialogs _dialogs;
    private readonly ThemeController _themes;
    private readonly Dictionary<PaneId, Pane> _panes = [];
    private readonly HashSet<string> _busy = [];
    private readonly ToneText _banner = new() { X = 0, Y = 1, Width = Dim.Fill(), IsBanner = true };
    private readonly ToneText _message = new() { X = 0, Width = Dim.Fill(), Tone = Tone.Muted };
    private string _statusBarKey = "";
    private string? _lastSelected;
    private bool _firstFrameDrawn;
    private PaneId _bottomTab = PaneId.Links;
    private IApplication? _app;
    private int _laidOutWidth;

    public MainScreen(ScreenModels models, ScreenContext context, IDialogs dialogs, ThemeController themes)
    {
        _models = models;
        _context = context;
        _dialogs = dialogs;
        _themes = themes;
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

        Menu = BuildMenu();
        StatusBar = new StatusBar();
        _banner.Content = context.Access.Banner ?? "";
        _banner.Visible = context.Access.Banner is not null;
        ShowNotice(IdleHint, Tone.Muted);

        Add(Menu, _banner);
        foreach (var pane in _panes.Values) Add(pane);
        Add(_message, StatusBar);

        // A list refresh (a link's badge changed) re-raises the selection; only a new name means a new profile.
        Profiles.SelectionChanged += (_, _) =>
        {
            if (Profiles.Selected?.Name != _lastSelected) OnSelectionChanged();
        };
        Profiles.List.Accepting += (_, e) => { e.Handled = true; Invoke(AppCommand.GoEditor); };
        Editor.ApplyRequested += (_, _) => Invoke(AppCommand.Apply);
        Editor.RevertRequested += (_, _) => Invoke(AppCommand.Revert);
        Editor.EditorChanged += (_, _) => RefreshCommands();
        context.Errors.Reported += (_, error) => context.Post(() => ShowNotice($"✖ {error.What}: {error.Cause}  (F12: cause and fix)", Tone.Bad));
        // Errors found while the models were built (a profile file that does not load) show at once.
        if (context.Errors.Latest is { } earlier) ShowNotice($"✖ {earlier.What}: {earlier.Cause}  (F12: cause and fix)", Tone.Bad);
        models.Profiles.Changed += (_, _) => context.Post(RefreshCommands);
        models.Links.Changed += (_, _) => context.Post(RefreshCommands);
        models.Services.Changed += (_, _) => context.Post(RefreshCommands);

        OnSelectionChanged();
        RefreshCommands();
    }

    public ProfileListPane Profiles { get; }
    public EditorPane Editor { get; }
    public PreviewPane Preview { get; }
    public LinksPane Links { get; }
    public RoutesPane Routes { get; }
    public LogPane Log { get; }
    public MenuBar Menu { get; }
    public StatusBar StatusBar { get; }
    public IReadOnlyDictionary<PaneId, Pane> Panes => _panes;

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
        _context.App = app;
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

    public override void EndInit()
    {
        base.EndInit();
        RefreshCommands();
    }

    protected override void OnDrawComplete(DrawContext? context)
    {
        base.OnDrawComplete(context);
        if (_firstFrameDrawn) return;
        _firstFrameDrawn = true;
        // What the first frame does without: the menus' items, and the selected profile's editor
        // (it reads the profile and the files it renders).
        App?.TimedEvents?.Add(TimeSpan.Zero, () =>
        {
            FillMenus();
            OnSelectionChanged();
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
        var plan = ScreenLayout.Compute(area, Zoomed, _bottomTab);
        Plan = plan;
        foreach (var (id, pane) in _panes)
        {
            if (plan.Panes.TryGetValue(id, out var r))
            {
                pane.X = r.X;
                pane.Y = r.Y;
                pane.Width = r.Width;
                pane.Height = r.Height;
                pane.Visible = true;
            }
            else pane.Visible = false;
            pane.TabStrip = plan.Tabbed && ScreenLayout.BottomPanes.Contains(id) && Zoomed is null ? TabStrip(id) : null;
        }
    }

    private static string TabStrip(PaneId active) =>
        string.Join(" ", ScreenLayout.BottomPanes.Select(p => p == active ? "[" + p + "]" : p.ToString())) + "  Alt+4/5/6";

    public void ToggleZoom()
    {
        if (Zoomed is not null) Zoomed = null;
        else Zoomed = FocusedPane() ?? PaneId.Profiles;
        SetNeedsLayout();
        if (Zoomed is { } z) _panes[z].SetFocus();
        RefreshCommands();
    }

    /// <summary>Brings a pane into view (switching the bottom tab, leaving zoom) and focuses it.</summary>
    public void GoTo(PaneId id)
    {
        if (Zoomed is { } z && z != id) Zoomed = null;
        if (ScreenLayout.BottomPanes.Contains(id)) _bottomTab = id;
        ApplyLayout();
        SetNeedsLayout();
        var pane = _panes[id];
        // Land on the pane's main view, not on whatever text field comes first.
        if (id == PaneId.Profiles) Profiles.List.SetFocus();
        else if (id == PaneId.Log) Log.List.SetFocus();
        else pane.SetFocus();
        RefreshCommands();
    }

    public PaneId? FocusedPane()
    {
        for (View? v = MostFocused; v is not null; v = v.SuperView)
            if (v is Pane p) return p.PaneId;
        return null;
    }

    // ---- keys -------------------------------------------------------------------------------

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
        var scope = FocusedPane() is { } pane ? KeyTable.ScopeOf(pane) : KeyScope.Global;
        var entry = KeyTable.Find(key, scope, MostFocused is TextField);
        if (entry is null) return;
        key.Handled = true;
        Invoke(entry.Command);
    }

    /// <summary>Runs a command if it may run now; otherwise says why on the message line.</summary>
    public void Invoke(AppCommand command)
    {
        var reason = DisabledReason(command);
        if (reason is not null)
        {
            var label = KeyTable.Entries.First(e => e.Command == command).Label;
            ShowNotice($"{label}: {reason}", Tone.Warning);
            return;
        }
        try { Execute(command); }
        catch (Exception e) { _context.Errors.Report(e, KeyTable.Entries.First(x => x.Command == command).Label); }
        RefreshCommands();
    }

    private ProfileSummary? SelectedProfile => Profiles.Selected;

    /// <summary>Why a command cannot run now, or null when it can. Drives the status bar, the buttons and the dispatcher.</summary>
    public string? DisabledReason(AppCommand command)
    {
        var access = _context.Access;
        var editor = Editor.Editor;
        var selected = SelectedProfile;
        switch (command)
        {
            case AppCommand.Apply:
                if (editor is null) return "select a profile first";
                if (!access.CanWriteFiles) return access.NeedsRootReason;
                if (_busy.Contains("apply:" + editor.ProfileName)) return "already writing";
                if (!editor.IsValid) return "fix the messages in the editor first";
                if (!editor.IsDirty && !editor.IsNew) return "nothing changed";
                return null;
            case AppCommand.Revert:
                if (editor is null) return "select a profile first";
                return editor.IsDirty ? null : "nothing changed";
            case AppCommand.DeleteProfile:
                if (selected is null) return "select a profile first";
                if (selected.NotImported) return "not a profile: ppptui deletes only the peers files it manages";
                if (!access.CanWriteFiles) return access.NeedsRootReason;
                if (selected.State is LinkState.Up or LinkState.Connecting) return "disconnect it first";
                return _busy.Contains("delete:" + selected.Name) ? "already deleting" : null;
            case AppCommand.Connect:
                if (selected is null) return "select a profile first";
                if (!access.CanControlLinks) return access.NeedsRootReason;
                if (selected.Problem is not null) return "the profile has a problem: " + selected.Problem;
                if (editor is { IsNew: true } && editor.ProfileName == selected.Name) return "apply the new profile first";
                if (selected.State == LinkState.Up) return "already up";
                if (selected.State == LinkState.Connecting || _busy.Contains("link:" + selected.Name)) return "already connecting";
                return null;
            case AppCommand.Disconnect:
                if (selected is null) return "select a profile first";
                if (!access.CanControlLinks) return access.NeedsRootReason;
                if (_busy.Contains("link:" + selected.Name)) return "busy with this link";
                return selected.State is LinkState.Up or LinkState.Connecting or LinkState.Failed ? null : "not connected";
            case AppCommand.KeepUp:
                if (selected is null) return "select a profile first";
                if (selected.Problem is not null) return "the profile has a problem: " + selected.Problem;
                if (editor is { IsNew: true } && editor.ProfileName == selected.Name) return "apply the new profile first";
                if (_busy.Contains("service:" + selected.Name)) return "busy with this profile's service";
                return _models.Services.Presence switch
                {
                    // Without systemd the action itself names the alternative.
                    SystemdPresence.Absent => null,
                    // --root DIR: only unit files and links inside DIR change.
                    SystemdPresence.Offline => access.CanWriteFiles ? null : access.NeedsRootReason,
                    _ => access.CanControlLinks ? null : access.NeedsRootReason,
                };
            case AppCommand.Doctor:
                return _busy.Contains("doctor") ? "already checking" : null;
            case AppCommand.ToggleDiff:
            case AppCommand.ToggleEffective:
                return editor is null ? "select a profile first" : null;
            case AppCommand.NewProfile:
                return _models.Profiles.Kinds.Count == 0 ? "no connection kinds are available" : null;
            case AppCommand.ImportAll:
                if (!_models.Profiles.Profiles.Any(p => p.NotImported)) return "every peers file is already a profile";
                if (!access.CanWriteFiles) return access.NeedsRootReason;
                return _busy.Contains("import") ? "already importing" : null;
            case AppCommand.GoEditor:
                return null;
            case AppCommand.LogLinkOnly:
                return !Log.LinkOnly && selected is null ? "select a profile first" : null;
            case AppCommand.Toggle16Colors:
            case AppCommand.NextTheme:
            case AppCommand.ChooseTheme:
                return _themes.Catalog.Names.Count == 0 ? "no themes loaded" : null;
            default:
                return null;
        }
    }

    private void Execute(AppCommand command)
    {
        switch (command)
        {
            case AppCommand.Help: _dialogs.ShowHelp(HelpLines()); break;
            case AppCommand.Quit: Quit(); break;
            case AppCommand.Zoom: ToggleZoom(); break;
            case AppCommand.GoProfiles: GoTo(PaneId.Profiles); break;
            case AppCommand.GoEditor: EditSelected(); break;
            case AppCommand.GoPreview: GoTo(PaneId.Preview); break;
            case AppCommand.GoLinks: GoTo(PaneId.Links); break;
            case AppCommand.GoRoutes: GoTo(PaneId.Routes); break;
            case AppCommand.GoLog: GoTo(PaneId.Log); break;
            case AppCommand.ToggleDiff: Preview.ToggleDiff(); break;
            case AppCommand.ToggleEffective: Preview.ToggleEffective(); break;
            case AppCommand.Apply: Apply(overwrite: false); break;
            case AppCommand.Revert: Revert(); break;
            case AppCommand.NewProfile: NewProfile(); break;
            case AppCommand.ImportAll: ImportAll(); break;
            case AppCommand.DeleteProfile: Delete(); break;
            case AppCommand.Connect: Connect(); break;
            case AppCommand.Disconnect: Disconnect(); break;
            case AppCommand.KeepUp: ToggleKeepUp(); break;
            case AppCommand.Doctor: RunDoctor(); break;
            case AppCommand.ShowErrors: _dialogs.ShowErrors(_context.Errors.Errors); break;
            case AppCommand.NextTheme: SwitchTheme(_themes.Catalog.Next(_themes.Current)); break;
            case AppCommand.ChooseTheme:
                if (_dialogs.ChooseTheme(_themes.Catalog.Names, _themes.Current) is { } chosen) SwitchTheme(chosen);
                break;
            case AppCommand.Toggle16Colors:
                _themes.SetForce16Colors(!_themes.Force16Colors, _app);
                ShowNotice(_themes.Force16Colors ? "Using 16 colours only." : "Using every colour the terminal has.", Tone.Muted);
                SetNeedsDraw();
                break;
            case AppCommand.LogFilter:
                GoTo(PaneId.Log);
                Log.FilterBox.SetFocus();
                break;
            case AppCommand.LogFollow: Log.Following = !Log.Following; break;
            case AppCommand.LogLinkOnly:
                Log.LinkOnly = !Log.LinkOnly;
                ApplyLogScope();
                ShowNotice(Log.LinkOnly
                    ? $"Log: only the lines of {SelectedProfile?.Name}'s link (l shows every PPP line)."
                    : "Log: every PPP line (l shows only the selected profile's link).", Tone.Muted);
                break;
        }
    }

    public IReadOnlyList<string> HelpLines()
    {
        var lines = new List<string>(KeyTable.HelpLines());
        if (_context.Access.Banner is not null)
        {
            lines.Add("");
            lines.Add("Access");
            lines.Add("  " + _context.Access.Banner);
            lines.Add("  Actions that need root: " + _context.Access.NeedsRootReason);
        }
        return lines;
    }

    private void SwitchTheme(string name)
    {
        _themes.Switch(name);
        ShowNotice("Theme: " + name, Tone.Muted);
        SetNeedsDraw();
        foreach (var pane in _panes.Values) pane.SetNeedsDraw();
    }

    private void Quit()
    {
        if (Editor.Editor is { IsDirty: true } dirty &&
            !_dialogs.Confirm("Quit", $"{dirty.ProfileName} has edits that were not applied. Quit and lose them?", "Quit"))
            return;
        Detach();
        if (_app is not null) _app.RequestStop(this);
        else RequestStop();
    }

    // ---- profile selection and editor -----------------------------------------------------------

    private void OnSelectionChanged()
    {
        var selected = SelectedProfile;
        _lastSelected = selected?.Name;
        ApplyLogScope();
        if (!_firstFrameDrawn)
        {
            // Opening an editor reads the profile and the files it renders: that follows the first frame.
            if (selected is not null) Editor.ShowOpening(selected.Name);
            RefreshCommands();
            return;
        }
        // A dirty editor stays put: moving through the list must not drop edits.
        if (Editor.Editor is { IsDirty: true } dirty)
        {
            if (selected is not null && selected.Name != dirty.ProfileName)
                ShowNotice($"Still editing {dirty.ProfileName}: Apply (F2) or Revert (Alt+R) to switch.", Tone.Warning);
            RefreshCommands();
            return;
        }
        OpenEditor(selected);
        RefreshCommands();
    }

    private void OpenEditor(ProfileSummary? profile)
    {
        if (profile is null)
        {
            ShowEditor(null, null);
            return;
        }
        if (Editor.Editor is { } current && current.ProfileName == profile.Name && !current.IsNew) return;
        try
        {
            ShowEditor(_models.Profiles.OpenEditor(profile.Name), null);
        }
        catch (Exception e)
        {
            var error = _context.Errors.Report(e, "Open " + profile.Name);
            ShowEditor(null, $"Cannot open {profile.Name}: {error.Cause}\n\nFix: {error.Fix}");
        }
    }

    /// <summary>The log pane follows the selected profile while "link only" is on.</summary>
    private void ApplyLogScope() => _models.Log.Link = Log.LinkOnly ? SelectedProfile?.Name : null;

    private void ShowEditor(IEditorModel? editor, string? emptyText)
    {
        Editor.Show(editor, emptyText);
        Preview.Show(editor?.Preview);
    }

    private void EditSelected()
    {
        var selected = SelectedProfile;
        if (selected is not null && Editor.Editor is { IsDirty: true } dirty && dirty.ProfileName != selected.Name)
        {
            if (!_dialogs.Confirm("Discard edits", $"{dirty.ProfileName} has edits that were not applied. Drop them and edit {selected.Name}?", "Discard"))
                return;
            dirty.Revert();
            OpenEditor(selected);
        }
        GoTo(PaneId.Editor);
        Editor.ControlFor(Editor.Editor?.Fields.FirstOrDefault()?.Key ?? "")?.SetFocus();
    }

    private void Revert()
    {
        var editor = Editor.Editor!;
        if (!_dialogs.Confirm("Revert", $"Drop every edit to {editor.ProfileName} since it was loaded?", "Revert")) return;
        editor.Revert();
        if (editor.IsNew) ShowEditor(null, null);
        ShowNotice("Reverted " + editor.ProfileName + ".", Tone.Muted);
        OnSelectionChanged();
    }

    private void NewProfile(string? kindId = null)
    {
        if (Editor.Editor is { IsDirty: true } dirty &&
            !_dialogs.Confirm("Discard edits", $"{dirty.ProfileName} has edits that were not applied. Drop them and start a new profile?", "Discard"))
            return;
        var existing = _models.Profiles.Profiles.Select(p => p.Name).ToHashSet();
        var request = _dialogs.AskNewProfile(_models.Profiles.Kinds, existing, kindId);
        if (request is null) return;
        var editor = _models.Profiles.CreateNew(request.KindId, request.Name);
        ShowEditor(editor, null);
        GoTo(PaneId.Editor);
        Editor.ControlFor(editor.Fields.FirstOrDefault()?.Key ?? "")?.SetFocus();
        var title = _models.Profiles.Kinds.FirstOrDefault(k => k.Id == request.KindId)?.Title ?? request.KindId;
        ShowNotice($"New {title} profile {request.Name}: fill in the form, then Apply (F2).", Tone.Muted);
    }

    /// <summary>New profile of one kind (the File menu's per-kind items).</summary>
    public void InvokeNew(string kindId)
    {
        var reason = DisabledReason(AppCommand.NewProfile);
        if (reason is not null)
        {
            ShowNotice("New: " + reason, Tone.Warning);
            return;
        }
        try { NewProfile(kindId); }
        catch (Exception e) { _context.Errors.Report(e, "New " + kindId + " profile"); }
        RefreshCommands();
    }

    // ---- actions that reach the system ----------------------------------------------------------

    private void Apply(bool overwrite)
    {
        var editor = Editor.Editor!;
        RunAction("apply:" + editor.ProfileName, $"Writing {editor.ProfileName}…", $"Apply {editor.ProfileName}",
            ct => editor.ApplyAsync(overwrite, ct),
            result =>
            {
                if (result.Status == ActionStatus.Done)
                {
                    // A new profile is in the list now: select it, so Connect works on it.
                    Profiles.Refresh();
                    if (Profiles.Selected?.Name != editor.ProfileName) Profiles.Select(editor.ProfileName);
                    return;
                }
                if (result.Status != ActionStatus.Conflict) return;
                var files = string.Join("\n", result.ConflictingFiles ?? []);
                if (_dialogs.Confirm("Files changed on disk",
                        $"These files changed on disk since they were read:\n{files}\n\nOverwrite them with the previewed text? (A backup is kept.)", "Overwrite"))
                    Apply(overwrite: true);
                else ShowNotice("Nothing written: the files on disk were kept.", Tone.Warning);
            });
    }

    private void ImportAll() =>
        RunAction("import", "Importing the peers files…", "Import the peers files", _models.Profiles.ImportAllAsync, _ =>
        {
            // The open editor may show one of them read as it was: reopen it as the profile it now is.
            if (Editor.Editor is { NotImported: true, IsDirty: false }) ShowEditor(null, null);
            OnSelectionChanged();
        });

    private void Delete()
    {
        var name = SelectedProfile!.Name;
        if (!_dialogs.Confirm("Delete profile", $"Delete {name}? Its peers file and its secrets line are removed (backups are kept).", "Delete")) return;
        RunAction("delete:" + name, $"Deleting {name}…", $"Delete {name}", ct => _models.Profiles.DeleteAsync(name, ct), result =>
        {
            if (result.Status == ActionStatus.Done && Editor.Editor?.ProfileName == name) ShowEditor(null, null);
        });
    }

    private void Connect()
    {
        var name = SelectedProfile!.Name;
        if (Editor.Editor is { IsDirty: true } dirty && dirty.ProfileName == name)
            ShowNotice($"Connect uses the files on disk; your edits to {name} are not applied yet.", Tone.Warning);
        RunAction("link:" + name, $"Connecting {name}…", $"Connect {name}", ct => _models.Links.ConnectAsync(name, ct), null);
    }

    private void Disconnect()
    {
        var name = SelectedProfile!.Name;
        if (!_dialogs.Confirm("Disconnect", $"Disconnect {name}? Traffic through the link stops.", "Disconnect")) return;
        RunAction("link:" + name, $"Disconnecting {name}…", $"Disconnect {name}", ct => _models.Links.DisconnectAsync(name, ct), null);
    }

    /// <summary>Asks, then enables the profile's systemd unit, or disables it when it is enabled.</summary>
    private void ToggleKeepUp()
    {
        var selected = SelectedProfile!;
        var name = selected.Name;
        var services = _models.Services;
        var what = $"Keep {name} up";
        if (services.Presence == SystemdPresence.Absent)
        {
            _context.Errors.Report(new SystemdMissingException(name), what);
            return;
        }
        var unit = $"ppptui@{name}.service";
        bool offline = services.Presence == SystemdPresence.Offline;
        if (services.IsKeptUp(name))
        {
            var effect = offline
                ? $"{unit} is disabled in this --root tree, so that system no longer starts it at boot."
                : $"systemctl disable --now {unit}: the link systemd runs goes down and no longer starts at boot.";
            if (!_dialogs.Confirm("Stop keeping up", $"Stop keeping {name} up with systemd?\n{effect}", "Disable")) return;
            RunAction("service:" + name, $"Disabling {unit}…", $"Stop keeping {name} up", ct => services.DisableAsync(name, ct), null);
            return;
        }
        // A link dialed from here already runs a pppd for this peer: a second one from systemd would fight it.
        bool running = selected.State is LinkState.Up or LinkState.Connecting;
        bool startNow = !offline && !running;
        var how = offline ? $"{unit} is enabled in this --root tree: that system starts it when it boots; nothing starts here."
            : startNow ? $"systemctl enable --now {unit}: pppd starts now and at every boot, and systemd redials when it dies."
            : $"systemctl enable {unit}: it starts at the next boot; the link running now stays as it is.";
        if (!_dialogs.Confirm("Keep up with systemd", $"Keep {name} up with systemd?\n{how}", "Enable")) return;
        RunAction("service:" + name, $"Enabling {unit}…", what, ct => services.EnableAsync(name, startNow, ct), null);
    }

    /// <summary>Runs the doctor's checks in the background (the selected profile and the machine), then shows the report.</summary>
    private void RunDoctor()
    {
        var selected = SelectedProfile;
        // A profile that does not load is checked with every profile: the report names its problem.
        var name = selected is { Problem: null } ? selected.Name : null;
        _busy.Add("doctor");
        ShowNotice(name is null ? "Checking this machine and every profile…" : $"Checking this machine and {name}…", Tone.Muted);
        RefreshCommands();
        _context.RunInBackground(() => _models.Services.RunDoctorAsync(name, CancellationToken.None), report =>
        {
            _busy.Remove("doctor");
            ShowNotice("Doctor: " + report.Summary,
                report.HasFailures ? Tone.Bad : report.Count(CheckStatus.Warn) > 0 ? Tone.Warning : Tone.Good);
            RefreshCommands();
            _dialogs.ShowDoctor(name, report);
        }, "Doctor", onFailed: () =>
        {
            _busy.Remove("doctor");
            RefreshCommands();
        });
    }

    /// <summary>
    /// Runs a model action off the UI thread so the screen stays live while pppd dials; the result
    /// comes back through the UI thread, failures go to the error log.
    /// </summary>
    private void RunAction(string busyKey, string progress, string what, Func<CancellationToken, Task<ActionResult>> action, Action<ActionResult>? after)
    {
        _busy.Add(busyKey);
        ShowNotice(progress, Tone.Muted);
        RefreshCommands();
        _context.RunInBackground(() => action(CancellationToken.None), result =>
        {
            _busy.Remove(busyKey);
            switch (result.Status)
            {
                case ActionStatus.Done: ShowNotice(result.Summary, Tone.Good); break;
                case ActionStatus.Failed: _context.Errors.Report(result.Error ?? new UserError(what, result.Summary, "See the log pane for details.")); break;
                case ActionStatus.Conflict: ShowNotice(result.Summary, Tone.Warning); break;
            }
            after?.Invoke(result);
            RefreshCommands();
        }, what, onFailed: () =>
        {
            _busy.Remove(busyKey);
            RefreshCommands();
        });
    }

    // ---- message line, status bar, menu ----------------------------------------------------------

    /// <summary>What the message line says when there is no news.</summary>
    public const string IdleHint = "F1 help · F9 menu · F6 or Alt+1…6 panes · F11 zoom";

    public void ShowNotice(string text, Tone tone)
    {
        _message.Content = text;
        _message.Tone = tone;
    }

    /// <summary>Rebuilds the status bar for the focused pane and updates the editor buttons.</summary>
    public void RefreshCommands()
    {
        Editor.SetApplyState(DisabledReason(AppCommand.Apply) is null, DisabledReason(AppCommand.Revert) is null);
        // Until the screen is initialized (just before its first frame) focus and width are not
        // final: the bar would be built again and again for nothing (see EndInit).
        if (!IsInitialized) return;
        var scope = FocusedPane() is { } pane ? KeyTable.ScopeOf(pane) : KeyScope.Global;
        var entries = KeyTable.StatusBarEntries(scope, Math.Max(Viewport.Width, App?.Screen.Width ?? 80));
        var states = entries.Select(e => DisabledReason(e.Command) is null).ToList();
        var key = scope + ":" + entries.Count + ":" + string.Join("", states.Select(s => s ? '1' : '0'));
        if (key == _statusBarKey) return;
        _statusBarKey = key;
        foreach (var old in StatusBar.SubViews.ToList())
        {
            StatusBar.Remove(old);
            old.Dispose();
        }
        for (int i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var shortcut = new Shortcut(entry.Keys[0], entry.Label, () => Invoke(entry.Command), "")
            {
                Enabled = states[i],
                // The dispatcher owns the keys; the status bar only shows them (and takes clicks).
                BindKeyToApplication = false,
            };
            StatusBar.Add(shortcut);
        }
    }

    /// <summary>The status bar's current entries as "Key Label" (enabled ones only), for tests.</summary>
    public IReadOnlyList<string> StatusBarItems =>
        StatusBar.SubViews.OfType<Shortcut>().Select(s => $"{KeyTable.Display(s.Key)} {s.Title}{(s.Enabled ? "" : " (off)")}").ToList();

    /// <summary>
    /// The menu bar with its titles only: the items (a view each, laid out when built) are added
    /// by <see cref="FillMenus"/> right after the first frame.
    /// </summary>
    private static MenuBar BuildMenu()
    {
        var menus = KeyTable.Menus.Select(menu => new MenuBarItem(menu, (PopoverMenu?)null)).ToList();
        // Terminal.Gui opens the menu on F10 by default and binds the key when the bar is built;
        // F10 is Quit here (as in mc and htop), so build the bar with the table's menu key.
        var saved = MenuBar.DefaultKey;
        MenuBar.DefaultKey = KeyTable.Entries.First(e => e.Command == AppCommand.OpenMenu).Keys[0];
        try { return new MenuBar(menus); }
        finally { MenuBar.DefaultKey = saved; }
    }

    /// <summary>Gives every menu of the bar its items and registers it with the app, as the bar does for menus it is built with.</summary>
    private void FillMenus()
    {
        foreach (var bar in Menu.SubViews.OfType<MenuBarItem>())
        {
            if (bar.PopoverMenu is not null) continue;
            bar.PopoverMenu = new PopoverMenu(MenuItems(bar.Title));
            App?.Popovers?.Register(bar.PopoverMenu);
        }
    }

    private List<MenuItem> MenuItems(string menu)
    {
        var items = KeyTable.MenuEntries(menu)
            .Select(e => new MenuItem(e.Label, "", () => Invoke(e.Command), e.Keys.Count > 0 ? e.Keys[0] : Key.Empty))
            .ToList();
        if (menu == KeyTable.FileMenu)
        {
            // "New" of each kind the registry offers, right after the general "New".
            int at = items.FindIndex(i => i.Title == KeyTable.Entries.First(e => e.Command == AppCommand.NewProfile).Label) + 1;
            items.InsertRange(at, _models.Profiles.Kinds.Select(k => new MenuItem("  New " + k.Title + "…", "", () => InvokeNew(k.Id), Key.Empty)));
        }
        return items;
    }
}
