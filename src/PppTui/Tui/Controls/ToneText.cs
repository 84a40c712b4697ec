using Terminal.Gui.ViewBase;

namespace PppTui.Tui.Controls;

/// <summary>Read-only text in a tone, drawn by columns and clipped to the view (headers, messages, banner).</summary>
public class ToneText : View
{
    private IReadOnlyList<string> _lines = [];

    public ToneText()
    {
        CanFocus = false;
        Height = 1;
    }

    public Tone Tone
    {
        get;
        set { field = value; SetNeedsDraw(); }
    }

    /// <summary>Draw with the banner's own colours instead of a tone on the pane's background.</summary>
    public bool IsBanner
    {
        get;
        set { field = value; SetNeedsDraw(); }
    }

    /// <summary>Wrap long lines at spaces to the view's width when drawing.</summary>
    public bool WordWrap
    {
        get;
        set { field = value; SetNeedsDraw(); }
    }

    public IReadOnlyList<string> Lines
    {
        get => _lines;
        set { _lines = value; SetNeedsDraw(); }
    }

    /// <summary>The text as shown (lines joined with newlines); used by tests and the message line.</summary>
    public string Content
    {
        get => string.Join('\n', _lines);
        set => Lines = value.Length == 0 ? [] : value.Split('\n');
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var attr = IsBanner ? Tones.Banner(this) : Tones.For(this, Tone);
        SetAttribute(attr);
        var lines = WordWrap ? _lines.SelectMany(l => Columns.Wrap(l, Viewport.Width)).ToList() : _lines;
        for (int row = 0; row < Viewport.Height; row++)
        {
            Move(0, row);
            AddStr(Columns.Fit(row < lines.Count ? Shown(lines[row], Viewport.Width) : "", Viewport.Width));
        }
        return true;
    }

    /// <summary>How a line wider than the view is shown; by default it is clipped at the edge.</summary>
    protected virtual string Shown(string line, int width) => line;
}
