using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace PppTui.Tui.Controls;

/// <summary>
/// A scrollable, read-only list of styled rows (preview, links, routes, help, errors). When rows are
/// out of view below, the last row's end says how many ("▼ 3 more"), so a short pane never hides
/// rows silently; Left/Right scroll sideways to read a long line whole.
/// </summary>
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
        AddCommand(Command.ScrollRight, () => ScrollSideways(SidewaysStep));
        AddCommand(Command.ScrollLeft, () => ScrollSideways(-SidewaysStep));
        foreach (var (key, command) in new[] { (Key.CursorRight, Command.ScrollRight), (Key.CursorLeft, Command.ScrollLeft) })
        {
            KeyBindings.Remove(key);
            KeyBindings.Add(key, command);
        }
    }

    /// <summary>Columns one Left/Right moves: a few words, so a long line reads in a couple of presses.</summary>
    public const int SidewaysStep = 8;

    /// <summary>Moves the view sideways within the longest row; false when it is already at that end.</summary>
    public bool ScrollSideways(int columns)
    {
        int x = Math.Clamp(Viewport.X + columns, 0, Math.Max(Lines.MaxItemLength - Viewport.Width, 0));
        if (x == Viewport.X) return false;
        Viewport = Viewport with { X = x };
        SetNeedsDraw();
        return true;
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

    /// <summary>How many rows are out of view below the pane.</summary>
    public int RowsBelow => Math.Max(Lines.Count - Viewport.Y - Viewport.Height, 0);

    /// <summary>What the pane's last row ends with while rows are out of view ("" when all show).</summary>
    public string MoreText => RowsBelow > 0 ? $" ▼ {RowsBelow} more " : "";

    protected override bool OnDrawingContent(DrawContext? context)
    {
        bool handled = base.OnDrawingContent(context);
        var more = MoreText;
        if (more.Length > 0 && Viewport.Height >= 2 && Viewport.Width > Columns.Width(more) + 4)
        {
            SetAttribute(Tones.For(this, Tone.Heading));
            Move(Viewport.Width - Columns.Width(more), Viewport.Height - 1);
            AddStr(more);
        }
        return handled;
    }

    /// <summary>The rows as plain text, for tests and for copying.</summary>
    public IEnumerable<string> Texts => Lines.Lines.Select(l => l.Text);
}
