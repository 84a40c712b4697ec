using System.Drawing;

namespace PppTui.Tui.Layout;

/// <summary>The six panes of the main screen.</summary>
public enum PaneId { Profiles, Editor, Preview, Links, Routes, Log }

/// <summary>Where each pane goes; a pane missing from <see cref="Panes"/> is hidden.</summary>
/// <param name="Tabbed">The status panes share one slot and show one at a time (narrow screens).</param>
public sealed record LayoutPlan(IReadOnlyDictionary<PaneId, Rectangle> Panes, bool Tabbed, bool Wide);

/// <summary>
/// Decides where the panes go for a screen size, so the rules live in one pure function the tests
/// can check at any size. Narrow screens (under <see cref="WideColumns"/>) put list, editor and
/// preview on top and the three status panes in one tabbed slot below; wide screens show every
/// pane at once. A zoomed pane takes the whole area.
/// </summary>
public static class ScreenLayout
{
    public const int WideColumns = 120;
    public static readonly PaneId[] BottomPanes = [PaneId.Links, PaneId.Routes, PaneId.Log];

    /// <summary>The title of the tabbed slot's pane on narrow screens: every tab, the active one in brackets.</summary>
    public static string TabStrip(PaneId active) =>
        string.Join(" ", BottomPanes.Select(p => p == active ? "[" + p + "]" : p.ToString())) + "  Alt+4/5/6";

    /// <param name="area">The space for panes (the screen minus menu, banner, message and status lines).</param>
    /// <param name="zoomed">The pane shown alone, or null.</param>
    /// <param name="bottomTab">The status pane shown in the tabbed slot on narrow screens.</param>
    public static LayoutPlan Compute(Rectangle area, PaneId? zoomed, PaneId bottomTab)
    {
        var panes = new Dictionary<PaneId, Rectangle>();
        int w = Math.Max(area.Width, 1), h = Math.Max(area.Height, 2);
        // Side-by-side status panes need rows as well as columns: links and routes stack.
        bool wide = w >= WideColumns && h >= 20;

        if (zoomed is { } z)
        {
            panes[z] = new Rectangle(area.X, area.Y, w, h);
            return new LayoutPlan(panes, Tabbed: !wide, wide);
        }

        // Top row: list, editor, preview. The list keeps a readable minimum; the editor gets a bit
        // more than the preview because its labels and messages need the room.
        int topHeight = wide ? Math.Max(h * 11 / 20, 8) : Math.Max(h * 11 / 20, 6);
        topHeight = Math.Min(topHeight, h - 3);
        int listWidth = wide ? Math.Clamp(w / 5, 26, 36) : Math.Clamp(w * 27 / 100, 16, 26);
        int editorWidth = (w - listWidth) * 52 / 100;
        int previewWidth = w - listWidth - editorWidth;
        panes[PaneId.Profiles] = new Rectangle(area.X, area.Y, listWidth, topHeight);
        panes[PaneId.Editor] = new Rectangle(area.X + listWidth, area.Y, editorWidth, topHeight);
        panes[PaneId.Preview] = new Rectangle(area.X + listWidth + editorWidth, area.Y, previewWidth, topHeight);

        int bottomY = area.Y + topHeight;
        int bottomHeight = h - topHeight;
        if (!wide)
        {
            panes[bottomTab is PaneId.Links or PaneId.Routes or PaneId.Log ? bottomTab : PaneId.Links] =
                new Rectangle(area.X, bottomY, w, bottomHeight);
            return new LayoutPlan(panes, Tabbed: true, wide);
        }

        // Wide: links over routes on the left, the log on the right taking the larger share.
        int statusWidth = w * 45 / 100;
        int linksHeight = Math.Max(bottomHeight / 2, 3);
        panes[PaneId.Links] = new Rectangle(area.X, bottomY, statusWidth, linksHeight);
        panes[PaneId.Routes] = new Rectangle(area.X, bottomY + linksHeight, statusWidth, bottomHeight - linksHeight);
        panes[PaneId.Log] = new Rectangle(area.X + statusWidth, bottomY, w - statusWidth, bottomHeight);
        return new LayoutPlan(panes, Tabbed: false, wide);
    }
}
