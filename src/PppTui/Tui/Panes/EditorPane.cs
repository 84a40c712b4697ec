using System.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace PppTui.Tui.Panes;

/// <summary>
/// The editor: a form built from the kind's field list, with each validation message next to its
/// field and Apply enabled only while the screen says it may run. It edits the model's copy; the
/// model validates and re-renders the preview on every change.
/// </summary>
public sealed class EditorPane : Pane
{
    private readonly ToneText _header = new() { X = 0, Y = 0, Width = Dim.Fill(), Tone = Tone.Heading };
    private readonly ToneText _serviceLine = new() { X = 0, Y = 1, Width = Dim.Fill(), Tone = Tone.Good, Visible = false };
    private readonly ToneText _placeholder = new() { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(), Tone = Tone.Muted, WordWrap = true };
    private readonly View _form = new() { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(1), CanFocus = true, TabStop = Terminal.Gui.ViewBase.TabBehavior.TabStop };
    private readonly ToneText _formMessages = new() { X = 0, Y = 0, Width = Dim.Fill(), Tone = Tone.Bad };
    // On the button row: says how much of the form is out of view, so a short pane never hides fields silently.
    private readonly ToneText _more = new() { Y = Pos.AnchorEnd(1), Tone = Tone.Muted };
    private readonly List<FieldRow> _rows = [];
    private readonly List<ToneText> _sections = [];
    private readonly IServiceModel _services;
    private bool _syncing;

    public EditorPane(IServiceModel services, ScreenContext context) : base(PaneId.Editor, context)
    {
        _services = services;
        _services.Changed += (_, _) => Context.Post(ShowServiceLine, "Show the editor");
        ApplyButton = new Button { Text = Msg.T("Apply"), X = 0, Y = Pos.AnchorEnd(1), ShadowStyle = ShadowStyles.None, NoPadding = true };
        RevertButton = new Button { Text = Msg.T("Revert"), X = Pos.Right(ApplyButton) + 1, Y = Pos.AnchorEnd(1), ShadowStyle = ShadowStyles.None, NoPadding = true };
        ApplyButton.Accepting += (_, e) => { e.Handled = true; ApplyRequested?.Invoke(this, EventArgs.Empty); };
        RevertButton.Accepting += (_, e) => { e.Handled = true; RevertRequested?.Invoke(this, EventArgs.Empty); };
        _form.Add(_formMessages);
        _form.ViewportChanged += (_, _) => ShowMore();
        _more.X = Pos.Right(RevertButton) + 2;
        _more.Width = Dim.Fill();
        Add(_header, _serviceLine, _placeholder, _form, ApplyButton, RevertButton, _more);
        ShowPlaceholder(Msg.T("Select a profile in the list, or press F7 for a new one."));
    }

    public Button ApplyButton { get; }
    public Button RevertButton { get; }
    public IEditorModel? Editor { get; private set; }

    public event EventHandler? ApplyRequested;
    public event EventHandler? RevertRequested;

    /// <summary>Raised after the model changed (a value, the messages); the screen refreshes its key states.</summary>
    public event EventHandler? EditorChanged;

    /// <summary>The field rows, for tests: label, control and the message shown beside it.</summary>
    public IReadOnlyList<(string Key, View Control, string Message)> Fields =>
        _rows.Select(r => (r.Field.Key, r.Control, r.Message.Content)).ToList();

    /// <summary>What the button row says about fields out of view ("" when the whole form shows).</summary>
    public string MoreText => _more.Visible ? _more.Content : "";

    /// <summary>The rows of the form out of view above and below the pane.</summary>
    public (int Above, int Below) OutOfView
    {
        get
        {
            var vp = _form.Viewport;
            int content = _form.GetContentSize().Height;
            return (Math.Max(vp.Y, 0), Math.Max(content - vp.Y - vp.Height, 0));
        }
    }

    /// <summary>The header line under the name saying systemd keeps the link up ("" when it does not).</summary>
    public string ServiceLine => _serviceLine.Visible && _keptUp ? _serviceLine.Content : "";

    /// <summary>The kind's weakness the second header line shows when systemd does not take it.</summary>
    public string CautionLine => _serviceLine.Visible && !_keptUp ? _serviceLine.Content : "";

    private bool _keptUp;

    public View? ControlFor(string key) => _rows.FirstOrDefault(r => r.Field.Key == key)?.Control;

    public View? LabelFor(string key) => _rows.FirstOrDefault(r => r.Field.Key == key)?.Label;

    /// <summary>Shows a model, or a sentence explaining why there is none.</summary>
    public void Show(IEditorModel? editor, string? emptyText = null)
    {
        if (editor is not null && ReferenceEquals(editor, Editor)) return;
        if (Editor is not null) Editor.Changed -= OnModelChanged;
        Editor = editor;
        ClearForm();
        if (editor is null)
        {
            ShowPlaceholder(emptyText ?? Msg.T("Select a profile in the list, or press F7 for a new one."));
            _placeholder.Tone = emptyText is null ? Tone.Muted : Tone.Bad;
            EditorChanged?.Invoke(this, EventArgs.Empty);
            return;
        }
        _placeholder.Visible = false;
        _form.Visible = ApplyButton.Visible = RevertButton.Visible = _more.Visible = true;
        BuildForm(editor);
        editor.Changed += OnModelChanged;
        SyncFromModel();
        EditorChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Says which profile is about to open (its files are read after the first frame).</summary>
    public void ShowOpening(string profileName)
    {
        Show(null);
        _placeholder.Content = Msg.F("Opening {0}…", profileName);
    }

    /// <summary>Sets whether Apply may run; the reason goes on the button's neighbour text when it may not.</summary>
    public void SetApplyState(bool enabled, bool revertEnabled)
    {
        ApplyButton.Enabled = enabled;
        RevertButton.Enabled = revertEnabled;
    }

    private void ShowPlaceholder(string text)
    {
        _header.Content = "";
        ShowServiceLine();
        _placeholder.Content = text;
        _placeholder.Visible = true;
        _form.Visible = ApplyButton.Visible = RevertButton.Visible = _more.Visible = false;
        TitleDetail = null;
    }

    private void ClearForm()
    {
        foreach (var r in _rows)
        {
            _form.Remove(r.Label); r.Label.Dispose();
            _form.Remove(r.Control); r.Control.Dispose();
            _form.Remove(r.Message); r.Message.Dispose();
        }
        foreach (var s in _sections) { _form.Remove(s); s.Dispose(); }
        _rows.Clear();
        _sections.Clear();
        _form.Viewport = _form.Viewport with { Y = 0 };
    }

    private void BuildForm(IEditorModel editor)
    {
        string? section = null;
        foreach (var field in editor.Fields)
        {
            if (field.Section is not null && field.Section != section)
            {
                section = field.Section;
                var heading = new ToneText { X = 0, Width = Dim.Fill(), Tone = Tone.Heading, Data = section };
                _sections.Add(heading);
                _form.Add(heading);
            }
            var row = new FieldRow(field, new ToneText { Content = field.Label, Tone = Tone.Normal }, CreateControl(field),
                new ToneText { Tone = Tone.Bad }, SectionIndex: _sections.Count - 1);
            _rows.Add(row);
            _form.Add(row.Label, row.Control, row.Message);
            row.Control.HasFocusChanged += (_, e) => { if (e.NewValue) ScrollIntoView(row); };
        }
    }

    private View CreateControl(EditorField field)
    {
        switch (field.Kind)
        {
            case FieldKind.Toggle:
            {
                var box = new CheckBox { Text = "" };
                box.ValueChanged += (_, e) => Push(field.Key, e.NewValue == CheckState.Checked ? "true" : "false");
                return box;
            }
            case FieldKind.Choice:
            {
                var choices = field.Choices ?? [];
                var selector = new OptionSelector { Labels = choices.ToList(), Orientation = Orientation.Horizontal, Data = choices };
                selector.ValueChanged += (_, e) =>
                {
                    if (e.NewValue is { } i && i >= 0 && i < choices.Count) Push(field.Key, choices[i]);
                };
                return selector;
            }
            default:
            {
                var text = new TextField { Secret = field.Kind == FieldKind.Password };
                text.ValueChanged += (_, e) => Push(field.Key, e.NewValue ?? "");
                return text;
            }
        }
    }

    private void Push(string key, string value)
    {
        if (_syncing || Editor is null) return;
        try { Editor.SetValue(key, value); }
        catch (Exception e) { Context.Errors.Report(e, $"Set {key} of {Editor.ProfileName}"); }
    }

    private void OnModelChanged(object? sender, EventArgs e) => Context.Post(SyncFromModel, "Show the editor");

    /// <summary>Brings controls, messages and header in line with the model without stealing the cursor.</summary>
    private void SyncFromModel()
    {
        var editor = Editor;
        if (editor is null) return;
        _syncing = true;
        try
        {
            foreach (var row in _rows)
            {
                var value = editor.GetValue(row.Field.Key);
                switch (row.Control)
                {
                    case CheckBox box:
                        var state = value == "true" ? CheckState.Checked : CheckState.UnChecked;
                        if (box.Value != state) box.Value = state;
                        break;
                    case OptionSelector selector when selector.Data is IReadOnlyList<string> choices:
                        int index = choices.ToList().IndexOf(value);
                        int? wanted = index >= 0 ? index : null;
                        if (selector.Value != wanted) selector.Value = wanted;
                        break;
                    case TextField text:
                        if ((text.Text ?? "") != value && !text.HasFocus) text.Text = value;
                        else if ((text.Text ?? "") != value && text.HasFocus && !editor.IsDirty) text.Text = value;
                        break;
                }
            }
        }
        finally { _syncing = false; }

        var flags = (editor.IsNew ? Msg.T(" (new)") : "") + (editor.NotImported ? Msg.T(" (not imported)") : "") + (editor.IsDirty ? Msg.T(" (modified)") : "");
        _header.Content = editor.ProfileName + " · " + editor.Kind + flags;
        ShowServiceLine();
        TitleDetail = editor.ProfileName;
        LayoutForm();
        EditorChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>
    /// Places rows top to bottom. Messages go beside the field when the pane is wide enough and
    /// under it otherwise, wrapped by columns; rows below move down to make room.
    /// </summary>
    private void LayoutForm()
    {
        var editor = Editor;
        if (editor is null) return;
        int width = Math.Max(_form.Viewport.Width, Frame.Width - 2);
        if (width <= 0) width = 40;
        // Labels get the room of the longest one while a control keeps a usable width; a label
        // longer than that wraps at spaces onto more rows, never cut mid-word ("Descript").
        int longestLabel = _rows.Count == 0 ? 8 : _rows.Max(r => Columns.Width(r.Field.Label)) + 1;
        int labelWidth = Math.Clamp(longestLabel, 6, Math.Max(Math.Min(width - 16, width * 55 / 100), 6));
        int controlSpace = Math.Max(width - labelWidth, 6);
        // Beside the field when both fit readably; under it otherwise.
        bool beside = controlSpace >= 44;
        int controlWidth = beside ? Math.Clamp(controlSpace - 26, 16, 30) : controlSpace;

        var fieldKeys = editor.Fields.Select(f => f.Key).ToHashSet();
        var formLevel = editor.Messages.Where(m => !fieldKeys.Contains(m.FieldKey)).ToList();
        int y = 0;
        var formLines = formLevel.SelectMany(m => Columns.Wrap(m.Text, width)).ToList();
        _formMessages.Lines = formLines;
        _formMessages.Tone = formLevel.Any(m => m.Severity == MessageSeverity.Error) ? Tone.Bad : Tone.Warning;
        _formMessages.Height = formLines.Count;
        _formMessages.Visible = formLines.Count > 0;
        y += formLines.Count;

        int section = -1;
        foreach (var row in _rows)
        {
            if (row.SectionIndex != section && row.SectionIndex >= 0)
            {
                section = row.SectionIndex;
                var heading = _sections[section];
                heading.Y = y;
                var name = (string)heading.Data!;
                heading.Content = "── " + name + " " + new string('─', Math.Max(0, width - Columns.Width(name) - 4));
                y++;
            }
            var labelLines = Columns.Wrap(row.Field.Label, labelWidth - 1);
            row.Label.X = 0;
            row.Label.Y = y;
            row.Label.Width = labelWidth - 1;
            row.Label.Lines = labelLines;
            row.Label.Height = labelLines.Count;
            row.Control.X = labelWidth;
            row.Control.Y = y;
            int controlHeight = 1;
            if (row.Control is OptionSelector selector && selector.Data is IReadOnlyList<string> choices)
            {
                int needed = choices.Sum(c => Columns.Width(c) + 4);
                selector.Orientation = needed <= controlSpace ? Orientation.Horizontal : Orientation.Vertical;
                controlHeight = selector.Orientation == Orientation.Horizontal ? 1 : Math.Max(choices.Count, 1);
                row.Control.Width = Math.Min(needed, controlSpace);
            }
            else row.Control.Width = row.Control is CheckBox ? 4 : controlWidth;
            row.Control.Height = controlHeight;
            controlHeight = Math.Max(controlHeight, labelLines.Count);

            var messages = editor.Messages.Where(m => m.FieldKey == row.Field.Key).ToList();
            var tone = messages.Any(m => m.Severity == MessageSeverity.Error) ? Tone.Bad
                : messages.Any(m => m.Severity == MessageSeverity.Warning) ? Tone.Warning : Tone.Muted;
            row.Message.Tone = tone;
            if (messages.Count == 0)
            {
                row.Message.Lines = [];
                row.Message.Visible = false;
                y += controlHeight;
                continue;
            }
            row.Message.Visible = true;
            // Beside the field only when each message fits there on one line: a path such as
            // "set in /etc/ppp/chap-secrets:1" cut over two narrow rows reads worse than under the field.
            int messageWidth = width - labelWidth - controlWidth - 1;
            if (beside && messages.All(m => Columns.Width(m.Text) <= messageWidth))
            {
                var lines = messages.SelectMany(m => Columns.Wrap(m.Text, messageWidth)).ToList();
                row.Message.X = labelWidth + controlWidth + 1;
                row.Message.Y = y;
                row.Message.Width = messageWidth;
                row.Message.Lines = lines;
                row.Message.Height = lines.Count;
                y += Math.Max(controlHeight, lines.Count);
            }
            else
            {
                var lines = messages.SelectMany(m => Columns.Wrap(m.Text, controlSpace)).ToList();
                row.Message.X = labelWidth;
                row.Message.Y = y + controlHeight;
                row.Message.Width = controlSpace;
                row.Message.Lines = lines;
                row.Message.Height = lines.Count;
                y += controlHeight + lines.Count;
            }
        }
        _form.SetContentSize(new Size(width, Math.Max(y, 1)));
        _form.SetNeedsLayout();
        ShowMore();
        SetNeedsDraw();
    }

    private void ShowMore()
    {
        var (above, below) = OutOfView;
        _more.Content = (above, below) switch
        {
            (0, 0) => "",
            (0, _) => Msg.F("▼ {0} more below", below),
            (_, 0) => Msg.F("▲ {0} more above", above),
            _ => Msg.F("▲ {0} above ▼ {1} below", above, below),
        };
    }

    protected override void OnFrameChanged(in Rectangle frame)
    {
        base.OnFrameChanged(frame);
        if (Editor is not null) LayoutForm();
    }

    /// <summary>A second header line while systemd keeps the shown profile's link up; the form moves down for it.</summary>
    private void ShowServiceLine()
    {
        var name = Editor is { IsNew: false } editor ? editor.ProfileName : null;
        bool kept = name is not null && _services.IsKeptUp(name);
        _keptUp = kept;
        var keys = KeyTable.Entries.First(e => e.Command == AppCommand.KeepUp).KeysText;
        // The kind's weakness (PPTP's) takes the line when systemd does not.
        var caution = Editor?.Caution;
        _serviceLine.Content = kept ? LinksPane.KeptUpMarker + " " + Msg.F("kept up by systemd (ppptui@{0}.service); {1} stops that", name, keys) : caution ?? "";
        var shown = kept || caution is not null;
        if (_serviceLine.Visible == shown) return;
        _serviceLine.Visible = shown;
        _form.Y = shown ? 2 : 1;
        SetNeedsLayout();
    }

    private void ScrollIntoView(FieldRow row)
    {
        int top = row.Control.Frame.Y;
        int bottom = Math.Max(row.Label.Frame.Bottom, row.Message.Visible ? Math.Max(row.Message.Frame.Bottom, row.Control.Frame.Bottom) : row.Control.Frame.Bottom);
        var vp = _form.Viewport;
        if (top < vp.Y) _form.Viewport = vp with { Y = top };
        else if (bottom > vp.Y + vp.Height) _form.Viewport = vp with { Y = Math.Max(0, bottom - vp.Height) };
    }

    private sealed record FieldRow(EditorField Field, ToneText Label, View Control, ToneText Message, int SectionIndex);
}
