using System.Drawing;

namespace PppTui.Tui.Layout;

/// <summary>The six panes of the main screen.</summary>
public enum PaneId { Profiles, Editor, Preview, Links, Routes, Log }

/// <summary>Where each pane goes; a pane missing from <see cref="Panes"/> is hidden.</summary>
/// <param name="Tabs">The panes that share one slot and show one at a time, in tab order (empty when none do).</param>
public sealed record LayoutPlan(IReadOnlyDictionary<PaneId, Rectangle> Panes, IReadOnlyList<PaneId> Tabs, bool Wide)
{
    /// <summary>Some panes share a slot (every size under <see cref="ScreenLayout.WideColumns"/>).</summary>
    public bool Tabbed => Tabs.Count > 0;
}

/// <summary>
/// Decides where the panes go for a screen size, so the rules live in one pure function the tests
/// can check at any size. Designed for 80x24 first (a new SSH window), then 100x30, 120x40 and
/// 160x48 and up:
/// <list type="bullet">
/// <item>Compact (under 100 columns or 30 rows): the list and the editor side by side, tall enough
/// for a form; preview, IP, routes and log share one tabbed slot below, one key each (Alt+3..6).
/// Three panes across at 80 columns would leave each too narrow to read a label or a file line.</item>
/// <item>Medium (under <see cref="WideColumns"/>): list, editor and preview on top; IP, routes and
/// log share the tabbed slot below.</item>
/// <item>Wide: every pane at once.</item>
/// </list>
/// A zoomed pane takes the whole area.
/// </summary>
public static class ScreenLayout
{
    public const int WideColumns = 120;
    public const int MediumColumns = 100;
    public const int MediumRows = 30;
    public static readonly PaneId[] BottomPanes = [PaneId.Links, PaneId.Routes, PaneId.Log];
    private static readonly PaneId[] CompactTabs = [PaneId.Preview, PaneId.Links, PaneId.Routes, PaneId.Log];

    /// <summary>A pane's name in the current language: its frame title and its tab.</summary>
    public static string Title(PaneId id) => id switch
    {
        PaneId.Profiles => Msg.T("Profiles"),
        PaneId.Editor => Msg.T("Editor"),
        PaneId.Preview => Msg.T("Preview"),
        PaneId.Links => Msg.T("Links"),
        PaneId.Routes => Msg.T("Routes"),
        PaneId.Log => Msg.T("Log"),
        _ => id.ToString(),
    };

    /// <summary>The title of the tabbed slot's pane: every tab, the active one in brackets, and the keys.</summary>
    public static string TabStrip(IReadOnlyList<PaneId> tabs, PaneId active) =>
        string.Join(" ", tabs.Select(p => p == active ? "[" + Title(p) + "]" : Title(p))) + "  Alt+" +
        string.Join("/", tabs.Select(p => (int)p + 1));

    /// <summary>Whether a screen of this size puts list and editor side by side with everything else tabbed below.</summary>
    public static bool IsCompact(int width, int height) => width < MediumColumns || height < MediumRows;

    /// <param name="area">The space for panes (the screen minus menu, banner, message and status lines).</param>
    /// <param name="zoomed">The pane shown alone, or null.</param>
    /// <param name="bottomTab">The pane shown in the tabbed slot (the last one brought into view).</param>
    /// <param name="screen">The whole screen's size; the area's own size when not given.</param>
    public static LayoutPlan Compute(Rectangle area, PaneId? zoomed, PaneId bottomTab, Size? screen = null)
    {
        var panes = new Dictionary<PaneId, Rectangle>();
        int w = Math.Max(area.Width, 1), h = Math.Max(area.Height, 2);
        var size = screen ?? new Size(w, h + 3);
        // Side-by-side status panes need rows as well as columns: links and routes stack.
        bool wide = w >= WideColumns && h >= 20;
        bool compact = !wide && IsCompact(size.Width, size.Height);
        IReadOnlyList<PaneId> tabs = wide ? [] : compact ? CompactTabs : BottomPanes;

        if (zoomed is { } z)
        {
            panes[z] = new Rectangle(area.X, area.Y, w, h);
            return new LayoutPlan(panes, tabs, wide);
        }

        if (compact)
        {
            // The editor gets the rows: a PPTP form is a dozen fields. The slot below keeps enough
            // for a few interfaces or log lines, so the screen still answers "what is up" at a glance.
            int formHeight = Math.Min(h - Math.Max(h * 2 / 5, 5), h - 3);
            if (formHeight < 3) formHeight = Math.Max(h / 2, 1);
            int compactList = Math.Clamp(w * 28 / 100, 16, 26);
            panes[PaneId.Profiles] = new Rectangle(area.X, area.Y, compactList, formHeight);
            panes[PaneId.Editor] = new Rectangle(area.X + compactList, area.Y, w - compactList, formHeight);
            var tab = tabs.Contains(bottomTab) ? bottomTab : PaneId.Links;
            panes[tab] = new Rectangle(area.X, area.Y + formHeight, w, h - formHeight);
            return new LayoutPlan(panes, tabs, wide);
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
            panes[tabs.Contains(bottomTab) ? bottomTab : PaneId.Links] = new Rectangle(area.X, bottomY, w, bottomHeight);
            return new LayoutPlan(panes, tabs, wide);
        }

        // Wide: links over routes on the left, the log on the right taking the larger share.
        int statusWidth = w * 45 / 100;
        int linksHeight = Math.Max(bottomHeight / 2, 3);
        panes[PaneId.Links] = new Rectangle(area.X, bottomY, statusWidth, linksHeight);
        panes[PaneId.Routes] = new Rectangle(area.X, bottomY + linksHeight, statusWidth, bottomHeight - linksHeight);
        panes[PaneId.Log] = new Rectangle(area.X + statusWidth, bottomY, w - statusWidth, bottomHeight);
        return new LayoutPlan(panes, tabs, wide);
    }
}
