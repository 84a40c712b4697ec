using Terminal.Gui.Input;

namespace PppTui.Tests.Tui;

public class ProfileListTests
{
    // A screen started with no profiles, to which these (all down) arrive afterwards, drawn.
    private static ScreenHost ArrivingAfterStart(int width, int height, params (string Name, string Kind)[] profiles)
    {
        var h = ScreenHost.Start(width, height, seed: _ => { });
        foreach (var (name, kind) in profiles) h.Profiles.Items.Add(new ProfileSummary(name, kind, LinkPhase.Down));
        h.Profiles.Raise();
        h.Draw();
        return h;
    }

    [Fact]
    public void Each_row_shows_the_name_and_a_live_state_badge()
    {
        using var h = ScreenHost.Start(80, 24);
        var rows = h.Rows;
        Assert.Contains(rows, r => r.Contains("office-vpn") && r.Contains("UP"));
        Assert.Contains(rows, r => r.Contains("dsl") && r.Contains("down"));
        Assert.Contains(rows, r => r.Contains("lte-backup") && r.Contains("FAIL"));
    }

    [Fact]
    public void A_wide_list_shows_kind_and_description_and_chinese_descriptions_keep_the_columns_straight()
    {
        using var h = ScreenHost.Start(120, 30);
        h.Press(Key.F11); // zoom the list: room for descriptions
        var rows = h.Rows.Where(r => r.Contains("office-vpn") || r.Contains("dsl ") || r.Contains("lte-backup")).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains(rows, r => r.Contains("pppoe") && r.Contains("上海 电信 光纤"));
        // Every row is the screen width in columns, and the badge column starts at the same column.
        Assert.All(rows, r => Assert.Equal(120, Columns.Width(r)));
        var badgeColumns = rows.Select(r => Columns.Width(r[..IndexOfAny(r, "UP", "down", "FAIL")])).Distinct().ToList();
        Assert.Single(badgeColumns);
    }

    private static int IndexOfAny(string row, params string[] words) =>
        words.Select(w => row.IndexOf(" " + w, StringComparison.Ordinal)).Where(i => i >= 0).Min() + 1;

    [Fact]
    public void Model_changes_from_a_background_thread_reach_the_list()
    {
        using var h = ScreenHost.Start(80, 24);
        var t = new Thread(() =>
        {
            h.Profiles.Items.Add(new ProfileSummary("branch", "pptp", LinkPhase.Connecting));
            h.Profiles.Raise();
        });
        t.Start();
        t.Join();
        h.Draw();
        Assert.Contains(h.Rows, r => r.Contains("branch") && r.Contains("dial"));
        Assert.Equal("office-vpn", h.Screen.Profiles.Selected?.Name);
    }

    [Fact]
    public void Typing_a_name_jumps_to_that_profile_even_when_the_profiles_arrived_after_the_screen()
    {
        using var h = ArrivingAfterStart(80, 24, ("dsl-provider", "custom"), ("modem", "modem"), ("myvpn", "pptp"));
        foreach (var c in "myvpn") h.Press(new Key(c));
        Assert.Equal("myvpn", h.Screen.Profiles.Selected?.Name);
        Assert.Equal("myvpn", h.Screen.Editor.Editor?.ProfileName);
    }

    [Fact]
    public void Names_that_do_not_fit_beside_the_kind_push_the_kind_out_so_no_two_rows_look_alike()
    {
        using var h = ArrivingAfterStart(120, 36, ("pptp-badpass", "pptp"), ("pptp-badpass-debug", "pptp"));
        Assert.Contains(h.Rows, r => r.Contains("pptp-badpass-debug down"));
        Assert.Contains(h.Rows, r => r.Contains("pptp-badpass       down"));

        h.Profiles.Items.Clear();
        h.Profiles.Items.Add(new ProfileSummary("myvpn", "pptp", LinkPhase.Down));
        h.Profiles.Raise();
        h.Draw();
        Assert.Contains(h.Rows, r => r.Contains("myvpn       pptp   down"));
    }

    [Fact]
    public void Moving_the_selection_opens_that_profile_in_the_editor()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Press(Key.CursorDown);
        Assert.Equal("dsl", h.Screen.Editor.Editor?.ProfileName);
        Assert.Contains("dsl · pptp", h.Text);
    }

    [Fact]
    public void A_profile_that_cannot_be_loaded_stays_in_the_list_marked_and_the_editor_says_why()
    {
        using var h = ScreenHost.Start(100, 30, seed: s =>
        {
            ScreenHost.SeedDefault(s);
            s.Profiles.Items.Add(new ProfileSummary("broken", "?", LinkPhase.Unknown, Problem: "peers/broken line 3: unknown option 'mtux'"));
        });
        h.Screen.Profiles.Select("broken");
        h.Draw();
        Assert.Contains(h.Rows, r => r.Contains("broken") && r.Contains("BAD"));
        Assert.Contains("Cannot open broken", h.Text);
        Assert.Contains("unknown option", h.Errors.Latest!.Cause);
        Assert.Contains("✖ Open broken", h.Screen.MessageText);
    }

    [Fact]
    public void An_empty_list_says_how_to_create_a_profile()
    {
        using var h = ScreenHost.Start(80, 24, seed: _ => { });
        Assert.Contains("No profiles yet.", h.Text);
        Assert.Contains("F7 creates one.", h.Text);
    }

    [Fact]
    public void An_empty_list_of_folders_the_user_may_not_read_says_so_rather_than_no_profiles_yet()
    {
        using var h = ScreenHost.Start(80, 24, seed: s => s.Profiles.Unreadable = "Cannot read\n/etc/ppp/peers");
        Assert.Contains("Cannot read", h.Text);
        Assert.DoesNotContain("No profiles yet", h.Text);
    }
}
