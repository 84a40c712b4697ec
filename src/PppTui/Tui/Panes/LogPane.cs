using System.Collections;
using System.Collections.Specialized;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace PppTui.Tui.Panes;

/// <summary>
/// The log pane: the filtered pppd log with a filter box, follow mode and diagnosis lines marked.
/// When lines arrive it pulls them from the model after <see cref="PumpInterval"/>, so a flood of
/// lines costs one redraw per interval and a quiet log no timer at all; the list draws only the
/// rows on screen.
/// </summary>
public sealed class LogPane : Pane
{
    public static readonly TimeSpan PumpInterval = TimeSpan.FromMilliseconds(100);
    private readonly LogModel _model;
    private readonly LogSource _source;
    private readonly ToneText _state = new() { Y = 0, Width = 22, Tone = Tone.Muted };
    private bool _moving;
    private readonly Lock _timerGate = new();
    private bool _pumping;
    private bool _scheduled;
    private object? _timer;

    public LogPane(LogModel model, ScreenContext context) : base(PaneId.Log, context)
    {
        _model = model;
        _source = new LogSource(model);
        var label = new Label { Text = Msg.T("Filter:"), X = 0, Y = 0 };
        FilterBox = new TextField { X = Pos.Right(label) + 1, Y = 0, Width = Dim.Fill(24) };
        _state.X = Pos.AnchorEnd(22);
        List = new ListView { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(), Source = _source, KeystrokeNavigator = null };
        Add(label, FilterBox, _state, List);

        FilterBox.ValueChanged += (_, e) => _model.Filter = e.NewValue ?? "";
        List.ValueChanged += (_, _) => OnUserMoved();
        List.ViewportChanged += (_, _) => OnViewportChanged();
        _model.Changed += OnModelChanged;
        UpdateState();
    }

    public TextField FilterBox { get; }
    public ListView List { get; }

    /// <summary>New lines scroll into view while following; moving up pauses, End or f resumes.</summary>
    public bool Following
    {
        get;
        set
        {
            field = value;
            if (value) ScrollToNewest();
            UpdateState();
        }
    } = true;

    /// <summary>Only the selected profile's link (its pppd processes); off shows every PPP line.</summary>
    public bool LinkOnly
    {
        get;
        set
        {
            field = value;
            UpdateState();
        }
    }

    /// <summary>Starts pulling lines on the UI thread, <see cref="PumpInterval"/> after the first of a batch arrives.</summary>
    public void StartPumping()
    {
        if (_pumping || Context.App is null) return;
        lock (_timerGate) _pumping = true;
        _model.LinesWaiting += OnLinesWaiting;
        // Lines that came before the pane was pumping.
        OnLinesWaiting();
    }

    public void StopPumping()
    {
        _model.LinesWaiting -= OnLinesWaiting;
        lock (_timerGate)
        {
            _pumping = false;
            _scheduled = false;
            if (_timer is not null) Context.App?.RemoveTimeout(_timer);
            _timer = null;
        }
    }

    // Any thread: schedules one pump unless one is already scheduled. The app's timers may be
    // added from any thread; the pump itself runs on the UI thread. The timer is added outside
    // the lock, so the app's own timer lock is never taken while holding ours.
    private void OnLinesWaiting()
    {
        IApplication? app;
        lock (_timerGate)
        {
            app = Context.App;
            if (!_pumping || _scheduled || app is null) return;
            _scheduled = true;
        }
        var timer = app.AddTimeout(PumpInterval, () =>
        {
            lock (_timerGate)
            {
                _scheduled = false;
                _timer = null;
            }
            try
            {
                _model.Pump();
                if (TitleFor() != TitleDetail) UpdateState();
            }
            catch (Exception e) { Context.Errors.Report(e, Msg.T("Read the log")); }
            return false;
        });
        lock (_timerGate)
            if (_scheduled) _timer = timer;
    }

    /// <summary>The visible rows as text (what the pane draws, before clipping), for tests.</summary>
    public IEnumerable<string> VisibleTexts()
    {
        int top = List.Viewport.Y;
        for (int i = top; i < Math.Min(_model.Count, top + List.Viewport.Height); i++) yield return LogSource.Format(_model[i]);
    }

    public static string Format(LogLine line) => LogSource.Format(line);

    private void OnModelChanged(object? sender, LogChange change)
    {
        // Pump and Filter run on the UI thread, so no marshalling here.
        _source.Notify(change);
        if (Following) ScrollToNewest();
        else if (change.Reset) MoveTo(Math.Min(List.SelectedItem ?? 0, Math.Max(_model.Count - 1, 0)), keepTop: false);
        else if (change.DroppedFromFront > 0)
        {
            // Keep the lines the user is reading in place while old ones fall off the top.
            int sel = Math.Max((List.SelectedItem ?? 0) - change.DroppedFromFront, 0);
            int top = Math.Max(List.Viewport.Y - change.DroppedFromFront, 0);
            _moving = true;
            try
            {
                List.SelectedItem = _model.Count == 0 ? null : Math.Min(sel, _model.Count - 1);
                List.Viewport = List.Viewport with { Y = top };
            }
            finally { _moving = false; }
        }
        UpdateState();
    }

    private void ScrollToNewest()
    {
        if (_model.Count == 0) return;
        MoveTo(_model.Count - 1, keepTop: false);
        int top = Math.Max(_model.Count - List.Viewport.Height, 0);
        _moving = true;
        try { List.Viewport = List.Viewport with { Y = top }; }
        finally { _moving = false; }
    }

    private void MoveTo(int item, bool keepTop)
    {
        _moving = true;
        try
        {
            List.SelectedItem = _model.Count == 0 ? null : item;
            if (!keepTop) List.EnsureSelectedItemVisible();
        }
        finally { _moving = false; }
    }

    // A pane that grows (zoom, a bigger terminal) keeps its old top line: while following, the
    // newest line goes back to the bottom so the rows above fill with older lines, not blanks.
    private void OnViewportChanged()
    {
        if (!_moving && Following && List.Viewport.Y > Math.Max(_model.Count - List.Viewport.Height, 0)) ScrollToNewest();
        else OnUserMoved();
    }

    private void OnUserMoved()
    {
        if (_moving) return;
        bool atEnd = _model.Count == 0 || (List.SelectedItem ?? 0) >= _model.Count - 1 && List.Viewport.Y + List.Viewport.Height >= _model.Count;
        if (Following != atEnd) Following = atEnd;
    }

    private void UpdateState()
    {
        _state.Content = Columns.FitRight(Following ? Msg.F("{0} lines follow", _model.Count) : Msg.F("{0} lines paused", _model.Count), 22);
        _state.Tone = Following ? Tone.Muted : Tone.Warning;
        TitleDetail = TitleFor();
    }

    private string? TitleFor()
    {
        var parts = new List<string>();
        if (_model.Link is { } link) parts.Add(link + " only");
        if (!string.IsNullOrEmpty(_model.Filter)) parts.Add("filtered");
        if (parts.Count == 0 && _model.SourceName is { } source) parts.Add(source);
        return parts.Count == 0 ? null : string.Join(" · ", parts);
    }

    /// <summary>The list source over the model: rows are formatted only when drawn.</summary>
    private sealed class LogSource(LogModel model) : IListDataSource
    {
        public event NotifyCollectionChangedEventHandler? CollectionChanged;
        public int Count => model.Count;

        // Long lines scroll sideways; a fixed width keeps the content size O(1) to compute on a flood.
        public int MaxItemLength => 400;
        public bool SuspendCollectionChangedEvent { get; set; }

        public void Notify(LogChange change)
        {
            if (!SuspendCollectionChangedEvent)
                CollectionChanged?.Invoke(this, new NotifyCollectionChangedEventArgs(NotifyCollectionChangedAction.Reset));
        }

        public static string Format(LogLine line)
        {
            var marker = line.Kind == LogLineKind.Diagnosis ? "» " : "";
            return $"{line.Timestamp:HH:mm:ss} {line.Label} {marker}{line.Message}";
        }

        public bool IsMarked(int item) => false;
        public void SetMark(int item, bool value) { }
        public IList ToList() => Array.Empty<string>();

        public void Render(ListView listView, bool selected, int item, int col, int row, int width, int viewportX = 0)
        {
            listView.Move(Math.Max(col - viewportX, 0), row);
            if (item < 0 || item >= model.Count) return;
            var line = model[item];
            if (!selected)
            {
                var tone = ToneOf(line);
                listView.SetAttribute(tone == Tone.Normal ? listView.GetAttributeForRole(VisualRole.Normal) : Tones.For(listView, tone));
            }
            listView.AddStr(Columns.Fit(Columns.From(Format(line), viewportX), width));
        }

        // A line's diagnosis outranks the severity its source gave it (the journal's PRIORITY).
        private static Tone ToneOf(LogLine line) =>
            line.Kind == LogLineKind.Diagnosis ? Tone.Marked
            : (line.Diagnosis?.Severity switch
            {
                DiagnosisSeverity.Failure => LogSeverity.Error,
                DiagnosisSeverity.Warning => LogSeverity.Warning,
                _ => line.Severity,
            }) switch
            {
                <= LogSeverity.Error => Tone.Bad,
                LogSeverity.Warning => Tone.Warning,
                LogSeverity.Debug => Tone.Muted,
                _ => Tone.Normal,
            };

        public void Dispose() => CollectionChanged = null;
    }
}
