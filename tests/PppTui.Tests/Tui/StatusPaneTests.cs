using Terminal.Gui.Input;

namespace PppTui.Tests.Tui;

public class StatusPaneTests
{
    private static readonly LinkRow Up = new("office-vpn", "ppp0", LinkPhase.Up, ["10.8.0.6/32", "fd00::6/128"], "10.8.0.1", 1400,
        1_234_567, 98_765, 3_400, 1_100, TimeSpan.FromSeconds(93_784));

    private static readonly LinkRow Failed = new("lte-backup", null, LinkPhase.Failed, [], null, null, 0, 0, 0, 0, null,
        "pppd exit 19: authentication failed; check the user and password in pap-secrets");

    [Fact]
    public void Under_an_up_link_the_IP_pane_shows_the_dns_in_effect_with_why_and_the_keepalives()
    {
        var up = Up with { Facts = ["dns 198.51.100.53 (the peer's servers, merged into /etc/resolv.conf by ppptui)", "LCP echo every 30 s; the link is given up after 4 unanswered (120 s)"] };
        foreach (var width in new[] { 60, 140 })
        {
            var texts = LinksPane.Render([up], width).Select(l => l.Text).ToList();
            Assert.Contains(texts, t => t.Contains("dns 198.51.100.53"));
            Assert.Contains(texts, t => t.Contains("LCP echo every 30 s"));
        }
    }

    [Fact]
    public void A_narrow_IP_pane_shows_each_link_as_a_short_record()
    {
        var lines = LinksPane.Render([Up, Failed], 60);
        var texts = lines.Select(l => l.Text).ToList();
        Assert.Equal("ppp0  office-vpn  up  1d 02:03:04", texts[0]);
        Assert.Equal("  10.8.0.6/32, fd00::6/128 → 10.8.0.1  mtu 1400", texts[1]);
        Assert.Equal("  rx 1.2 MB (3.4 kB/s)  tx 99 kB (1.1 kB/s)", texts[2]);
        Assert.Equal(Tone.Good, lines[0].Tone);
        Assert.Equal("-  lte-backup  failed", texts[3]);
        Assert.Equal(Tone.Bad, lines[3].Tone);
        Assert.Contains(lines, l => l.Text.Contains("authentication failed") && l.Tone == Tone.Bad);
    }

    [Fact]
    public void A_wide_IP_pane_shows_a_table_with_every_counter()
    {
        var texts = LinksPane.Render([Up], 120).Select(l => l.Text).ToList();
        Assert.StartsWith("iface  profile         state      address", texts[0]);
        Assert.Contains("ppp0", texts[1]);
        foreach (var part in new[] { "10.8.0.6/32", "10.8.0.1", "1400", "1.2 MB", "99 kB", "3.4 kB/s", "1.1 kB/s", "1d 02:03:04" })
            Assert.Contains(part, texts[1]);
        Assert.Contains("fd00::6/128", texts[2]);
    }

    [Fact]
    public void No_links_says_so()
    {
        Assert.Equal("No ppp links right now.", LinksPane.Render([], 80).Single().Text);
    }

    [Fact]
    public void The_route_pane_puts_the_default_owner_and_warnings_first_and_highlights_ppp_routes()
    {
        var model = new FakeRouteModel { DefaultRouteOwner = "eth0 (not a ppp link)" };
        model.Items.Add(new("default", "192.168.1.1", "eth0", 100, "dhcp", true, false));
        model.Items.Add(new("10.8.0.0/24", null, "ppp0", null, "kernel", false, true, "office-vpn"));
        model.WarningItems.Add(new("defaultroute asked for but not applied: a default route via eth0 existed", "use replacedefaultroute"));
        var lines = RoutesPane.Render(model, 80);
        Assert.Equal("Default route: eth0 (not a ppp link)", lines[0].Text);
        Assert.StartsWith("! defaultroute asked for but not applied", lines[1].Text);
        Assert.Equal(Tone.Warning, lines[1].Tone);
        Assert.Contains(lines, l => l.Text == "  fix: use replacedefaultroute");
        var def = lines.Single(l => l.Text.StartsWith('*'));
        Assert.Contains("192.168.1.1", def.Text);
        Assert.Equal(Tone.Normal, def.Tone);
        var ppp = lines.Single(l => l.Text.Contains("ppp0"));
        Assert.Equal(Tone.Marked, ppp.Tone);
        Assert.EndsWith("← office-vpn", ppp.Text);
    }

    [Fact]
    public void F5_connects_the_selected_profile_in_the_background_and_the_screen_stays_live()
    {
        using var h = ScreenHost.Start(80, 24);
        var connect = h.ConnectHeld("dsl");
        Wait.Until(h, () => h.Links.Connects.Count == 1);
        Assert.Equal(["dsl"], h.Links.Connects);
        Assert.Equal("Connecting dsl…", h.Screen.MessageText);
        Assert.Contains("F5 Connect (off)", h.Screen.StatusBarItems);

        // While pppd "dials", keys still work.
        h.Press(Key.D6.WithAlt);
        Assert.True(h.Screen.Log.Visible);

        connect.SetResult(ActionResult.Ok("dsl is up"));
        Wait.Until(h, () => h.Screen.MessageText == "dsl is up");
    }

    [Fact]
    public void A_failed_connect_lands_in_the_error_log_with_cause_and_fix()
    {
        using var h = ScreenHost.Start(80, 24);
        var connect = h.ConnectHeld("dsl");
        connect.SetResult(ActionResult.Fail(new UserError("Connect dsl", "PADI timeout: no PPPoE server answered", "Check the cable and the interface name")));
        Wait.Until(h, () => h.Errors.Errors.Count == 1);
        Assert.Equal("Check the cable and the interface name", h.Errors.Latest!.Fix);
        Assert.StartsWith("✖ Connect dsl: PADI timeout", h.Screen.MessageText);
    }

    [Fact]
    public void Connecting_a_second_profile_to_the_pptp_server_of_a_running_link_asks_first_and_dials_only_when_confirmed()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Screen.Profiles.Select("dsl");
        h.Links.SharingServer["dsl"] = ["office-vpn"];

        h.Press(Key.F5);

        Assert.Single(h.Dialogs.Confirms);
        Assert.Contains("office-vpn can drop with it", h.Dialogs.Confirms[0].Message);
        Assert.Empty(h.Links.Connects);
        h.Dialogs.ConfirmAnswers.Enqueue(true);
        h.Press(Key.F5);
        Wait.Until(h, () => h.Links.Connects.Count == 1);
    }

    [Fact]
    public void Disconnect_asks_first()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Press(Key.F8);
        Assert.Single(h.Dialogs.Confirms);
        Assert.Empty(h.Links.Disconnects);
        h.Dialogs.ConfirmAnswers.Enqueue(true);
        h.Press(Key.F8);
        Wait.Until(h, () => h.Links.Disconnects.Count == 1);
        Assert.Equal(["office-vpn"], h.Links.Disconnects);
    }

    [Fact]
    public void Connect_is_refused_with_a_reason_when_the_link_is_up_or_the_user_is_not_root()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Press(Key.F5);
        Assert.Equal("Connect: already up", h.Screen.MessageText);
        Assert.Empty(h.Links.Connects);

        using var ro = ScreenHost.Start(80, 24, AccessMode.Detect(false, false, "/tmp/sandbox"));
        ro.Screen.Profiles.Select("dsl");
        ro.Press(Key.F5);
        Assert.Contains("needs root: run 'sudo ppptui --root /tmp/sandbox'", ro.Screen.MessageText);
        Assert.Empty(ro.Links.Connects);
        Assert.Contains("SANDBOX /tmp/sandbox", ro.Screen.BannerText);
    }

    [Fact]
    public void Delete_asks_first_and_is_refused_for_a_link_that_is_up()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Press(Key.Delete);
        Assert.Equal("Delete: disconnect it first", h.Screen.MessageText);
        h.Press(Key.CursorDown);
        h.Dialogs.ConfirmAnswers.Enqueue(true);
        h.Press(Key.Delete);
        Wait.Until(h, () => h.Screen.MessageText == "Deleted dsl");
        Assert.Equal(["dsl"], h.Profiles.Deleted);
        Assert.DoesNotContain(h.Screen.Profiles.Rows, p => p.Name == "dsl");
        Assert.DoesNotContain(h.Rows.Take(12), r => r.Contains("dsl "));
    }

    [Fact]
    public void Link_updates_from_another_thread_redraw_the_IP_pane()
    {
        using var h = ScreenHost.Start(80, 24);
        var t = new Thread(() =>
        {
            h.Links.Items[0] = Up with { RxBytes = 9_999_999 };
            h.Links.Raise();
        });
        t.Start();
        t.Join();
        h.Draw();
        Assert.Contains("rx 10 MB", h.Text);
    }
}
