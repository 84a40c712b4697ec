namespace PppTui.Tui.Panes;

public enum PreviewMode { Files, Diff, Effective }

/// <summary>
/// The preview: the files the edit would write (or their diff against disk), or the effective
/// options with where each comes from. It follows the editor's preview model, so it is current
/// after every keystroke. Secrets arrive masked from the model and are never unmasked here.
/// </summary>
public sealed class PreviewPane : Pane
{
    private IPreviewModel? _preview;
    private PreviewMode _filesMode = PreviewMode.Files;

    public PreviewPane(ScreenContext context) : base(PaneId.Preview, context)
    {
        Add(Lines);
        Refresh();
    }

    public LinesView Lines { get; } = new();
    public PreviewMode Mode { get; private set; } = PreviewMode.Files;

    public void Show(IPreviewModel? preview)
    {
        if (ReferenceEquals(preview, _preview)) return;
        if (_preview is not null) _preview.Changed -= OnChanged;
        _preview = preview;
        if (preview is not null) preview.Changed += OnChanged;
        Lines.SelectedItem = null;
        Refresh();
    }

    /// <summary>Files ↔ diff; from the effective view it returns to the files.</summary>
    public void ToggleDiff()
    {
        _filesMode = Mode == PreviewMode.Files ? PreviewMode.Diff : PreviewMode.Files;
        Mode = _filesMode;
        Refresh();
    }

    /// <summary>Effective options ↔ the files view it came from.</summary>
    public void ToggleEffective()
    {
        Mode = Mode == PreviewMode.Effective ? _filesMode : PreviewMode.Effective;
        Refresh();
    }

    private void OnChanged(object? sender, EventArgs e) => Context.Post(Refresh, "Show the preview");

    public void Refresh()
    {
        TitleDetail = Mode switch { PreviewMode.Diff => Msg.T("diff"), PreviewMode.Effective => Msg.T("effective options"), _ => Msg.T("files") };
        Lines.SetLines(Render(_preview, Mode, Math.Max(Viewport.Width, 20)));
    }

    public static IReadOnlyList<StyledLine> Render(IPreviewModel? preview, PreviewMode mode, int width)
    {
        var lines = new List<StyledLine>();
        if (preview is null)
        {
            lines.Add(new(Msg.T("Nothing to preview."), Tone.Muted));
            return lines;
        }
        if (preview.Problem is { } problem)
            foreach (var l in Columns.Wrap(Msg.F("Cannot render: {0}", problem), width)) lines.Add(new(l, Tone.Bad));

        if (mode == PreviewMode.Effective)
        {
            RenderEffective(preview.EffectiveOptions, width, lines);
            return lines;
        }
        if (preview.Files.Count == 0 && preview.Problem is null) lines.Add(new("No files to write.", Tone.Muted));
        foreach (var file in preview.Files)
        {
            var change = file.Change switch
            {
                FileChange.Create => Msg.T("new"),
                FileChange.Modify => Msg.T("changed"),
                FileChange.Delete => Msg.T("deleted"),
                _ => Msg.T("unchanged"),
            };
            lines.Add(new($"▸ {file.Path} ({change})", Tone.Heading));
            if (file.ChangedOnDisk)
                lines.Add(new("  " + Msg.T("changed on disk since it was read: Apply will ask before overwriting"), Tone.Warning));
            if (mode == PreviewMode.Diff)
            {
                if (file.Diff.Count == 0) lines.Add(new("  (no differences)", Tone.Muted));
                foreach (var d in file.Diff)
                    lines.Add(d.Kind switch
                    {
                        DiffKind.Added => new("+" + d.Text, Tone.Good),
                        DiffKind.Removed => new("-" + d.Text, Tone.Bad),
                        DiffKind.Hunk => new(d.Text, Tone.Heading),
                        _ => new(" " + d.Text, Tone.Normal),
                    });
            }
            else if (file.Change != FileChange.Delete)
            {
                foreach (var text in file.Text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'))
                    lines.Add(new(text, text.TrimStart().StartsWith('#') ? Tone.Muted : Tone.Normal));
            }
            lines.Add(new("", Tone.Normal));
        }
        return lines;
    }

    private static void RenderEffective(IReadOnlyList<EffectiveOption> options, int width, List<StyledLine> lines)
    {
        if (options.Count == 0)
        {
            lines.Add(new(Msg.T("No effective options to show."), Tone.Muted));
            return;
        }
        int nameWidth = Math.Min(Math.Max(options.Max(o => Columns.Width(o.Name)), 6), 22);
        int valueWidth = Math.Min(Math.Max(options.Max(o => Columns.Width(o.Argument ?? "")), 5), 24);
        lines.Add(new(Columns.Fit("option", nameWidth) + " " + Columns.Fit("value", valueWidth) + " from", Tone.Heading));
        foreach (var o in options)
        {
            var text = Columns.Fit(o.Name, nameWidth) + " " + Columns.Fit(o.Argument ?? "", valueWidth) + " " + o.Source
                       + (o.TakesEffect ? "" : " (overridden)");
            lines.Add(new(text, !o.TakesEffect ? Tone.Muted : Tone.Normal));
        }
    }
}
