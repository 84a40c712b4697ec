using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace PppTui.Tui.Controls;

/// <summary>A scrollable, read-only list of styled rows (preview, links, routes, help, errors).</summary>
public class LinesView : ListView
{
    public LinesView()
    {
        Source = Lines;
        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = true;
        // Letters are commands in some panes; type-to-search in prepared rows helps nobody.
        KeystrokeNavigator = null;
    }

    public StyledLinesSource Lines { get; } = new();

    /// <summary>Replaces the rows, keeping the scroll position when it still makes sense.</summary>
    public void SetLines(IReadOnlyList<StyledLine> lines)
    {
        int? selected = SelectedItem;
        Lines.SetLines(lines);
        if (lines.Count == 0) SelectedItem = null;
        else if (selected is { } s) SelectedItem = Math.Min(s, lines.Count - 1);
        SetNeedsDraw();
    }

    /// <summary>The rows as plain text, for tests and for copying.</summary>
    public IEnumerable<string> Texts => Lines.Lines.Select(l => l.Text);
}
