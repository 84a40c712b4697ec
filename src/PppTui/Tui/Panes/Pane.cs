using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace PppTui.Tui.Panes;

/// <summary>
/// A framed pane of the main screen. Each pane is a view over one model interface; it renders the
/// model and turns keys into calls on it, and never starts processes or writes files itself.
/// </summary>
public abstract class Pane : FrameView
{
    protected Pane(PaneId id, ScreenContext context)
    {
        PaneId = id;
        Context = context;
        CanFocus = true;
        TabStop = TabBehavior.TabGroup;
        BaseTitle = ScreenLayout.Title(id);
        // Titles carry profile names, and '_' is common in them ("a_tw"): no title here is a hotkey.
        HotKeySpecifier = (System.Text.Rune)0xFFFF;
        Title = BaseTitle;
    }

    public PaneId PaneId { get; }
    public string BaseTitle { get; }
    protected ScreenContext Context { get; }

    /// <summary>Tab labels drawn in the title when the status panes share one slot.</summary>
    public string? TabStrip
    {
        get;
        set
        {
            field = value;
            UpdateTitle();
        }
    }

    /// <summary>Extra words after the pane name, e.g. the preview mode or the line count.</summary>
    public string? TitleDetail
    {
        get;
        set
        {
            field = value;
            UpdateTitle();
        }
    }

    /// <summary>Puts the pane where the layout plan says, or hides it when the plan leaves it out.</summary>
    public void PlaceBy(LayoutPlan plan, PaneId? zoomed)
    {
        if (plan.Panes.TryGetValue(PaneId, out var r))
        {
            (X, Y, Width, Height) = (r.X, r.Y, r.Width, r.Height);
            Visible = true;
        }
        else Visible = false;
        TabStrip = plan.Tabs.Contains(PaneId) && zoomed is null ? ScreenLayout.TabStrip(plan.Tabs, PaneId) : null;
    }

    private void UpdateTitle()
    {
        var title = TabStrip ?? BaseTitle;
        if (!string.IsNullOrEmpty(TitleDetail)) title += " · " + TitleDetail;
        Title = title;
    }
}
