using System.Collections;
using System.Collections.Specialized;
using Terminal.Gui.Views;

namespace PppTui.Tui.Controls;

/// <summary>One display row and what it means.</summary>
public readonly record struct StyledLine(string Text, Tone Tone = Tone.Normal);

/// <summary>
/// A list source over prepared rows: each row is drawn by columns in its tone. Replacing the rows
/// raises one reset; the list draws only the rows on screen.
/// </summary>
public sealed class StyledLinesSource : IListDataSource
{
    private IReadOnlyList<StyledLine> _lines = [];

    public event NotifyCollectionChangedEventHandler? CollectionChanged;

    public IReadOnlyList<StyledLine> Lines => _lines;
    public int Count => _lines.Count;
    public int MaxItemLength { get; private set; }
    public bool SuspendCollectionChangedEvent { get; set; }

    public void SetLines(IReadOnlyList<StyledLine> lines)
    {
        _lines = lines;
        int max = 0;
        foreach (var l in lines) max = Math.Max(max, Columns.Width(l.Text));
        MaxItemLength = max;
        if (!SuspendCollectionChangedEvent)
            CollectionChanged?.Invoke(this, new NotifyCollectionChangedEventArgs(NotifyCollectionChangedAction.Reset));
    }

    public bool IsMarked(int item) => false;
    public void SetMark(int item, bool value) { }
    public IList ToList() => _lines.Select(l => l.Text).ToList();

    public void Render(ListView listView, bool selected, int item, int col, int row, int width, int viewportX = 0)
    {
        listView.Move(Math.Max(col - viewportX, 0), row);
        if (item < 0 || item >= _lines.Count) return;
        var line = _lines[item];
        if (!selected && line.Tone != Tone.Normal) listView.SetAttribute(Tones.For(listView, line.Tone));
        listView.AddStr(Columns.Fit(Columns.From(line.Text, viewportX), width));
    }

    public void Dispose() => CollectionChanged = null;
}
