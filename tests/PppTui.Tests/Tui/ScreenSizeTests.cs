using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace PppTui.Tests.Tui;

/// <summary>
/// The screen at the sizes we design for: 80x24 (a new SSH window) first, then 100x30, 120x40 and
/// 160x48. Nothing is cut mid-word, and a pane with more than it shows says so.
/// </summary>
public sealed class ScreenSizeTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    /// <summary>The text drawn where a view is, its rows joined by spaces.</summary>
    private static string DrawnText(string[] rows, View view)
    {
        var r = view.FrameToScreen();
        var parts = new List<string>();
        for (int y = r.Y; y < r.Bottom && y < rows.Length; y++)
        {
            var row = rows[y];
            if (r.X >= row.Length) continue;
            parts.Add(row.Substring(r.X, Math.Min(r.Width, row.Length - r.X)).Trim());
        }
        return string.Join(" ", parts.Where(p => p.Length > 0));
    }

    [Fact]
    public void At_80x24_every_kind_s_editor_page_shows_every_label_whole_once_its_field_is_in_view()
    {
        var kinds = new List<string>();
        using (var probe = new WiredHost(_sandbox, 80, 24)) kinds.AddRange(probe.Wiring.Profiles.Kinds.Select(k => k.Id));
        Assert.Equal(["pptp", "l2tp", "pppoe", "modem", "custom"], kinds);

        foreach (var kind in kinds)
        {
            using var h = new WiredHost(_sandbox, 80, 24);
            h.Dialogs.NewProfileAnswer = new NewProfileRequest(kind, "walk-" + kind);
            h.Screen.InvokeNew(kind);
            h.Draw();
            var editor = h.Screen.Editor;
            Assert.Equal("walk-" + kind, editor.Editor!.ProfileName);
            Assert.NotEmpty(editor.Fields);
            // A form taller than the pane says how much is out of view.
            if (editor.OutOfView.Below > 0) Assert.Contains("more below", h.Text);

            foreach (var (key, control, _) in editor.Fields)
            {
                control.SetFocus();
                h.Draw();
                var field = editor.Editor.Fields.First(f => f.Key == key);
                var label = editor.LabelFor(key)!;
                var pane = editor.FrameToScreen();
                var at = label.FrameToScreen();
                Assert.True(at.Y > pane.Y && at.Bottom <= pane.Bottom - 2, $"{kind}: the label of {key} is not in view after focusing it");
                Assert.Equal(field.Label, DrawnText(Headless.Rows(h.App), label));
            }
        }
    }

    [Fact]
    public void At_80x24_list_and_editor_sit_side_by_side_and_preview_IP_routes_and_log_share_the_tab_below()
    {
        using var h = ScreenHost.Start(80, 24);
        var plan = h.Screen.Plan!;
        Assert.Equal([PaneId.Preview, PaneId.Links, PaneId.Routes, PaneId.Log], plan.Tabs);
        Assert.True(h.Screen.Profiles.Visible);
        Assert.True(h.Screen.Editor.Visible);
        Assert.Equal(h.Screen.Profiles.Frame.Y, h.Screen.Editor.Frame.Y);
        Assert.Equal(80, h.Screen.Profiles.Frame.Width + h.Screen.Editor.Frame.Width);
        // The form gets the rows: more than half the panes' height.
        Assert.True(h.Screen.Editor.Frame.Height > 21 / 2, $"editor height {h.Screen.Editor.Frame.Height}");
        Assert.False(h.Screen.Preview.Visible);
        Assert.Contains(h.Rows, r => r.Contains("Preview [Links] Routes Log  Alt+3/4/5/6"));

        h.Press(Key.D3.WithAlt);
        Assert.True(h.Screen.Preview.Visible);
        Assert.False(h.Screen.Links.Visible);
        Assert.Equal(80, h.Screen.Preview.Frame.Width);
        Assert.Contains(h.Rows, r => r.Contains("[Preview] Links Routes Log"));
        Assert.Equal(PaneId.Preview, h.Screen.FocusedPane());
    }

    [Theory]
    [InlineData(100, 30, 4)]
    [InlineData(120, 40, 6)]
    [InlineData(160, 48, 6)]
    public void Bigger_screens_show_list_editor_and_preview_together(int width, int height, int panesShown)
    {
        using var h = ScreenHost.Start(width, height);
        Assert.Equal(panesShown, h.Screen.Panes.Values.Count(p => p.Visible));
        foreach (var id in new[] { PaneId.Profiles, PaneId.Editor, PaneId.Preview }) Assert.True(h.Screen.Panes[id].Visible, id + " hidden");
        Assert.Equal(width >= ScreenLayout.WideColumns, !h.Screen.Plan!.Tabbed);
        Assert.All(h.Rows.Take(height), r => Assert.Equal(width, PppTui.Tui.Text.Columns.Width(r)));
    }

    [Fact]
    public void A_preview_narrower_than_its_lines_scrolls_sideways_and_says_how_many_rows_are_below()
    {
        using var h = ScreenHost.Start(100, 30);
        h.Press(Key.D3.WithAlt);
        var lines = h.Screen.Preview.Lines;
        var longest = lines.Texts.OrderByDescending(t => t.Length).First();
        Assert.True(longest.Length > lines.Viewport.Width, "the seeded preview has a line wider than the pane");
        Assert.DoesNotContain(longest, h.Text);
        Assert.True(lines.RowsBelow > 0);
        Assert.Contains($"▼ {lines.RowsBelow} more", h.Text);

        for (int i = 0; i < 20; i++) h.Press(Key.CursorRight);
        Assert.True(lines.Viewport.X > 0);
        var tail = longest[^Math.Min(longest.Length, lines.Viewport.Width - 12)..];
        Assert.Contains(tail.Trim(), h.Text);

        for (int i = 0; i < 20; i++) h.Press(Key.CursorLeft);
        Assert.Equal(0, lines.Viewport.X);
    }

    private static InterfaceAddresses Iface(string name, string state, params string[] cidrs) =>
        new(name, [], 1500, cidrs.Select(c => new InterfaceAddress(c.Contains(':') ? "inet6" : "inet", c.Split('/')[0], null, int.Parse(c.Split('/')[1]))).ToList())
        {
            State = state,
        };

    [Fact]
    public void With_no_ppp_link_up_the_IP_pane_shows_the_box_s_interfaces_and_addresses()
    {
        using var h = ScreenHost.Start(80, 24, seed: s =>
        {
            s.Links.InterfaceItems.Add(Iface("lo", "UNKNOWN", "127.0.0.1/8", "::1/128"));
            s.Links.InterfaceItems.Add(Iface("eth0", "UP", "192.0.2.10/24", "2001:db8::10/64"));
        });
        var rows = h.Rows;
        Assert.Contains(rows, r => r.Contains("No ppp links right now. This box's interfaces:"));
        Assert.Contains(rows, r => r.Contains("eth0  UP       192.0.2.10/24 2001:db8::10/64"));
        Assert.Contains(rows, r => r.Contains("lo    UNKNOWN  127.0.0.1/8 ::1/128"));
    }

    [Fact]
    public void With_a_ppp_link_up_the_IP_pane_lists_it_first_and_the_other_interfaces_under_it()
    {
        var interfaces = new[] { Iface("ppp0", "UNKNOWN", "10.8.0.6/32"), Iface("eth0", "UP", "192.0.2.10/24") };
        var links = new[]
        {
            new LinkRow("office-vpn", "ppp0", LinkPhase.Up, ["10.8.0.6/32"], "10.8.0.1", 1400, 0, 0, 0, 0, null),
        };
        var text = LinksPane.Render(links, 78, null, interfaces).Select(l => l.Text).ToList();
        Assert.StartsWith("ppp0  office-vpn  up", text[0]);
        int others = text.IndexOf("Other interfaces:");
        Assert.True(others > 0);
        Assert.StartsWith("eth0  UP", text[others + 1]);
        // ppp0 is the link's row already; it is not listed twice.
        Assert.Single(text, t => t.StartsWith("ppp0"));
    }

    [Fact]
    public void Addresses_that_do_not_fit_go_on_the_next_row_under_the_first_not_cut()
    {
        var many = Iface("eth0", "UP", "192.0.2.10/24", "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1/64", "fe80::fc:ff:fe00:1/64");
        var text = LinksPane.Render([], 40, null, [many]).Select(l => l.Text).ToList();
        Assert.All(text, t => Assert.True(t.Length <= 40, t));
        var joined = string.Join(" ", text.Skip(1).Select(t => t.Trim()));
        foreach (var a in many.Addresses) Assert.Contains(a.Local + "/" + a.PrefixLength, joined);
    }

    [Fact]
    public void At_80x24_a_long_error_ends_at_a_word_and_keeps_its_F12_hint()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Errors.Report(new PppTui.Tui.Models.UserError("Read the pppd log",
            "No readable log source: there is no journal under /tmp/sandbox (var/log/journal or run/log/journal)", "Install rsyslog"));
        h.Draw();
        var line = h.Rows[22];
        Assert.Equal("✖ Read the pppd log: No readable log source: there is no…  (F12: cause and fix)", line.TrimEnd());
        // The whole text stays the message (tests and copying read it), only the drawing is shortened.
        Assert.Contains("run/log/journal", h.Screen.MessageText);
    }
}
