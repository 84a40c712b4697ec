using System.Collections.Specialized;
using System.Collections;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace PppTui.Tui.Panes;

/// <summary>
/// The profile list: name, kind and a live state badge per row, marked when systemd keeps the
/// link up; a description when there is room. Peers files not imported yet are rows too, badged
/// <see cref="NotImportedBadge"/> while no link of theirs runs.
/// </summary>
public sealed class ProfileListPane : Pane
{
    private readonly IProfileListModel _model;
    private readonly ProfileRows _rows;
    private readonly Label _empty;
    private IReadOnlyList<ProfileSummary>? _shown;
    private bool _shownLoaded;

    public ProfileListPane(IProfileListModel model, IServiceModel services, ScreenContext context) : base(PaneId.Profiles, context)
    {
        _model = model;
        _rows = new ProfileRows(services.IsKeptUp);
        List = new ListView { Width = Dim.Fill(), Height = Dim.Fill(), Source = _rows };
        List.ValueChanged += (_, _) => SelectionChanged?.Invoke(this, EventArgs.Empty);
        _empty = new Label { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(), Visible = false };
        Add(List, _empty);
        _model.Changed += (_, _) => Context.Post(Refresh, "Show the profile list");
        services.Changed += (_, _) => Context.Post(List.SetNeedsDraw, "Show the profile list");
        Refresh();
    }

    public const string NoProfilesText = "No profiles yet.\nF7 creates one.";
    public const string LoadingText = "Reading the profiles…";

    public ListView List { get; }

    public event EventHandler? SelectionChanged;

    public IReadOnlyList<ProfileSummary> Rows => _rows.Items;

    public ProfileSummary? Selected =>
        List.SelectedItem is { } i && i >= 0 && i < _rows.Items.Count ? _rows.Items[i] : null;

    public void Select(string name)
    {
        var i = _rows.Items.ToList().FindIndex(p => p.Name == name);
        if (i >= 0) List.SelectedItem = i;
    }

    public override void EndInit()
    {
        base.EndInit();
        // The profiles are read while the screen is built; when they arrived in the meantime, the
        // first frame shows them instead of waiting for the posted refresh after it.
        if (!ReferenceEquals(_model.Profiles, _shown) || _model.IsLoaded != _shownLoaded) Refresh();
    }

    /// <summary>Reloads the rows from the model, keeping the selected profile selected.</summary>
    public void Refresh()
    {
        var keep = Selected?.Name;
        var profiles = _model.Profiles;
        bool loaded = _model.IsLoaded;
        _shown = profiles;
        _shownLoaded = loaded;
        _rows.SetItems(profiles);
        _empty.Visible = profiles.Count == 0;
        _empty.Text = !loaded ? Msg.T(LoadingText) : _model.Unreadable is { } why ? why : Msg.T(NoProfilesText);
        // Names may come before the rest of each profile: their count is known then.
        TitleDetail = profiles.Count > 0 ? profiles.Count.ToString() : !loaded ? "loading…" : null;
        if (profiles.Count == 0) List.SelectedItem = null;
        else
        {
            int i = keep is null ? -1 : profiles.ToList().FindIndex(p => p.Name == keep);
            List.SelectedItem = i >= 0 ? i : Math.Clamp(List.SelectedItem ?? 0, 0, profiles.Count - 1);
        }
        SetNeedsDraw();
    }

    /// <summary>The badge of a peers file no profile manages yet, while its link is not running.</summary>
    public const string NotImportedBadge = "file";

    public static string Badge(ProfileSummary p) =>
        p.Problem is not null ? "BAD"
        : p.NotImported && p.State is not (LinkPhase.Up or LinkPhase.Connecting or LinkPhase.Disconnecting or LinkPhase.Failed) ? NotImportedBadge
        : Badge(p.State);

    public static string Badge(LinkPhase state) => state switch
    {
        LinkPhase.Up => "UP",
        LinkPhase.Down => "down",
        LinkPhase.Connecting => "dial",
        LinkPhase.Disconnecting => "stop",
        LinkPhase.Failed => "FAIL",
        _ => "?",
    };

    public static Tone BadgeTone(ProfileSummary p) => p.Problem is not null ? Tone.Bad : Badge(p) == NotImportedBadge ? Tone.Warning : p.State switch
    {
        LinkPhase.Up => Tone.Good,
        LinkPhase.Connecting or LinkPhase.Disconnecting => Tone.Warning,
        LinkPhase.Failed => Tone.Bad,
        _ => Tone.Muted,
    };

    /// <summary>The list source: rows laid out by columns so wide characters keep the columns straight.</summary>
    private sealed class ProfileRows(Func<string, bool> keptUp) : IListDataSource
    {
        // ListView hands ToList() to its type-to-jump navigator once, when the source is set; the
        // names list is kept and refilled so typing a name finds profiles that arrived later.
        private readonly List<string> _names = [];
        private int _longestName;

        public IReadOnlyList<ProfileSummary> Items { get; private set; } = [];
        public event NotifyCollectionChangedEventHandler? CollectionChanged;
        public int Count => Items.Count;
        public int MaxItemLength => 0;
        public bool SuspendCollectionChangedEvent { get; set; }

        public void SetItems(IReadOnlyList<ProfileSummary> items)
        {
            Items = items;
            _names.Clear();
            _names.AddRange(items.Select(p => p.Name));
            _longestName = items.Count == 0 ? 0 : items.Max(p => Columns.Width(p.Name));
            CollectionChanged?.Invoke(this, new NotifyCollectionChangedEventArgs(NotifyCollectionChangedAction.Reset));
        }

        public bool IsMarked(int item) => false;
        public void SetMark(int item, bool value) { }
        public IList ToList() => _names;

        public void Render(ListView listView, bool selected, int item, int col, int row, int width, int viewportX = 0)
        {
            listView.Move(col, row);
            if (item < 0 || item >= Items.Count) return;
            var p = Items[item];
            // A list too narrow for every whole name drops the kind column (the editor header shows
            // it), and a name still too long loses its middle, not its end: two names cut to the
            // same prefix would be two profiles no one can tell apart.
            // The badge's last column holds the kept-up marker.
            const int badgeWidth = 5;
            int kindWidth = width >= 24 && width - badgeWidth - 1 - 7 >= _longestName ? 7 : 0;
            bool withDescription = width >= 44 && !string.IsNullOrEmpty(p.Description);
            int nameWidth = Math.Max(width - badgeWidth - kindWidth - 1, 4);
            if (withDescription) nameWidth = Math.Min(nameWidth, Math.Max(14, width / 3));
            var normal = listView.GetAttributeForRole(selected ? (listView.HasFocus ? Terminal.Gui.Drawing.VisualRole.Focus : Terminal.Gui.Drawing.VisualRole.Active) : Terminal.Gui.Drawing.VisualRole.Normal);

            listView.SetAttribute(normal);
            listView.AddStr(Columns.Fit(Columns.EllipsizeMiddle(p.Name, nameWidth), nameWidth) + " ");
            if (kindWidth > 0) listView.AddStr(Columns.Fit(p.Kind, kindWidth - 1) + " ");
            if (!selected) listView.SetAttribute(Tones.For(listView, BadgeTone(p)));
            listView.AddStr(Columns.Fit(Badge(p), badgeWidth - 1) + (keptUp(p.Name) ? LinksPane.KeptUpMarker : " "));
            listView.SetAttribute(normal);
            int used = nameWidth + 1 + kindWidth + badgeWidth;
            if (withDescription)
            {
                if (!selected) listView.SetAttribute(Tones.For(listView, Tone.Muted));
                listView.AddStr(" " + Columns.Fit(p.Description!, width - used - 1));
            }
            else if (width > used) listView.AddStr(new string(' ', width - used));
        }

        public void Dispose() => CollectionChanged = null;
    }
}
