using System.Drawing;
using CsCheck;
using Terminal.Gui.Input;

namespace PppTui.Tests.Tui;

public class LayoutTests
{
    [Fact]
    public void At_80x24_list_and_editor_sit_on_top_and_the_other_panes_share_one_tab_below()
    {
        using var h = ScreenHost.Start(80, 24);
        var rows = h.Rows;
        Assert.Contains("Profiles", rows[1]);
        Assert.Contains("Editor", rows[1]);
        Assert.Contains(rows, r => r.Contains("Preview [Links] Routes Log"));
        Assert.True(h.Screen.Plan!.Tabbed);
        Assert.True(h.Screen.Links.Visible);
        Assert.False(h.Screen.Preview.Visible);
        Assert.False(h.Screen.Routes.Visible);
        Assert.False(h.Screen.Log.Visible);
    }

    [Fact]
    public void At_80x24_every_row_is_exactly_80_columns_even_with_chinese_text()
    {
        using var h = ScreenHost.Start(80, 24);
        Assert.All(h.Rows.Take(24), r => Assert.Equal(80, Columns.Width(r)));
    }

    [Fact]
    public void Alt_5_and_Alt_6_switch_the_bottom_tab_to_routes_and_log()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Press(Key.D5.WithAlt);
        Assert.True(h.Screen.Routes.Visible);
        Assert.False(h.Screen.Links.Visible);
        Assert.Contains("Default route: eth0", h.Text);
        h.Press(Key.D6.WithAlt);
        Assert.True(h.Screen.Log.Visible);
        Assert.Contains(h.Rows, r => r.Contains("Links Routes [Log]"));
        Assert.Equal(PaneId.Log, h.Screen.FocusedPane());
    }

    [Fact]
    public void At_120x40_all_six_panes_show_at_once()
    {
        using var h = ScreenHost.Start(120, 40);
        Assert.False(h.Screen.Plan!.Tabbed);
        foreach (var pane in h.Screen.Panes.Values) Assert.True(pane.Visible, pane.BaseTitle + " is hidden");
        var text = h.Text;
        Assert.Contains("Default route: eth0", text);
        Assert.Contains("ppp0  office-vpn  up", text);
        Assert.Contains("Filter:", text);
    }

    [Fact]
    public void F11_zooms_the_focused_pane_to_the_whole_area_and_Esc_brings_the_others_back()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Press(Key.D3.WithAlt);
        h.Press(Key.F11);
        Assert.Equal(PaneId.Preview, h.Screen.Zoomed);
        Assert.Equal(80, h.Screen.Preview.Frame.Width);
        Assert.False(h.Screen.Profiles.Visible);
        Assert.False(h.Screen.Editor.Visible);
        Assert.Contains("require-mppe-128", h.Text);

        h.Press(Key.Esc);
        Assert.Null(h.Screen.Zoomed);
        Assert.True(h.Screen.Profiles.Visible);
        Assert.True(h.Screen.Editor.Visible);
    }

    [Fact]
    public void Esc_on_the_main_screen_does_not_quit()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Press(Key.Esc);
        Assert.False(h.Screen.StopRequested);
    }

    [Fact]
    public void Panes_never_overlap_and_stay_inside_the_area_at_any_size()
    {
        var sizes = Gen.Select(Gen.Int[20, 300], Gen.Int[2, 120], Gen.Int[0, 2]);
        sizes.Sample((w, h, tab) =>
        {
            var area = new Rectangle(0, 2, w, h);
            var plan = ScreenLayout.Compute(area, null, ScreenLayout.BottomPanes[tab]);
            var rects = plan.Panes.Values.ToList();
            foreach (var r in rects)
            {
                if (!area.Contains(r)) return false;
                if (r.Width <= 0 || r.Height <= 0) return false;
            }
            for (int i = 0; i < rects.Count; i++)
                for (int j = i + 1; j < rects.Count; j++)
                    if (rects[i].IntersectsWith(rects[j])) return false;
            // Tabbed panes show one at a time: one slot for all of them.
            return plan.Panes.Count == (plan.Tabbed ? 6 - plan.Tabs.Count + 1 : 6);
        });
    }

    [Fact]
    public void Narrow_screens_use_tabs_and_wide_ones_do_not()
    {
        Assert.True(ScreenLayout.Compute(new Rectangle(0, 0, 119, 30), null, PaneId.Log).Tabbed);
        Assert.False(ScreenLayout.Compute(new Rectangle(0, 0, 120, 30), null, PaneId.Log).Tabbed);
        var zoomed = ScreenLayout.Compute(new Rectangle(0, 1, 100, 20), PaneId.Routes, PaneId.Links);
        Assert.Equal([PaneId.Routes], zoomed.Panes.Keys);
        Assert.Equal(new Rectangle(0, 1, 100, 20), zoomed.Panes[PaneId.Routes]);
    }
}
