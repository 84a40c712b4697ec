using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace PppTui.Tests.Tui.Adapters;

/// <summary>The screen over the real adapters and a sandbox: what a user does, end to end, headless.</summary>
public sealed class WiredScreenTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void I_create_a_pptp_profile_in_the_form_see_it_previewed_with_the_password_masked_and_apply_it()
    {
        using var h = new WiredHost(_sandbox);
        h.Dialogs.NewProfileAnswer = new NewProfileRequest("pptp", "office");

        h.Press(Key.F7);
        Assert.Equal("office · PPTP VPN (new)", h.Screen.Editor.Editor!.ProfileName + " · " + h.Screen.Editor.Editor.Kind + " (new)");
        Assert.Contains("a server (host name or IP", h.Text);
        Assert.NotNull(h.Screen.DisabledReason(AppCommand.Apply));

        h.Fill("server", "vpn.example.com");
        h.Fill("user", "alice");
        h.Fill("password", "Pa55-w0rd!");
        h.Screen.GoTo(PaneId.Preview);
        h.Press(Key.F11);

        h.Until(() => h.Text.Contains("alice office ********"));
        Assert.Contains("pty \"pptp vpn.example.com --nolaunchpppd\"", h.Text);
        Assert.DoesNotContain("Pa55-w0rd!", h.Text);
        Assert.Null(h.Screen.DisabledReason(AppCommand.Apply));

        h.Press(Key.Esc);
        h.Press(Key.F2);
        h.Until(() => h.Screen.MessageText.StartsWith("Applied office"));

        Assert.Contains("pty \"pptp vpn.example.com --nolaunchpppd\"", _sandbox.Read("/etc/ppp/peers/office"));
        Assert.Contains("alice office Pa55-w0rd!", _sandbox.Read("/etc/ppp/chap-secrets"));
        Assert.Equal("office", h.Screen.Profiles.Selected?.Name);
        Assert.DoesNotContain("Pa55-w0rd!", h.Text);
        Assert.Equal("", h.Screen.Editor.Editor!.GetValue("password"));
    }

    [Fact]
    public void Connect_from_the_list_shows_the_link_in_the_ip_pane_and_its_badge_turns_up()
    {
        _sandbox.WithMyVpn();
        using var h = new WiredHost(_sandbox);
        h.Runner.Dial = FakeDialRunner.PptpDialUp;
        h.Runner.BeforeExit = () => _sandbox.RunningPppd(101, "myvpn");
        h.Until(() => h.Screen.Profiles.Selected?.State == LinkPhase.Down);

        h.Press(Key.F5);
        h.Until(() => h.Screen.MessageText.StartsWith("myvpn is up"));

        Assert.Equal("myvpn is up on ppp0, 198.51.100.10 → 198.51.100.1, mtu 1412", h.Screen.MessageText);
        h.Until(() => h.Screen.Profiles.Selected?.State == LinkPhase.Up);
        var ip = string.Join("\n", h.Screen.Links.Lines.Texts);
        Assert.Contains("ppp0  myvpn  up", ip);
        Assert.Contains("198.51.100.10 → 198.51.100.1  mtu 1412", ip);
        Assert.Contains("UP", h.Text);
        Assert.Equal("already up", h.Screen.DisabledReason(AppCommand.Connect));
    }

    [Fact]
    public void A_failed_connect_says_cause_and_fix_in_the_error_place()
    {
        _sandbox.WithMyVpn();
        using var h = new WiredHost(_sandbox);
        h.Runner.Dial =
        [
            new CommandStarted(100), new CommandOutputLine("Using interface ppp0", false),
            new CommandOutputLine("MS-CHAP authentication failed: E=691 Authentication failure", false), new CommandExited(19),
        ];
        h.Until(() => h.Screen.Profiles.Selected?.State == LinkPhase.Down);

        h.Press(Key.F5);
        h.Until(() => h.Errors.Errors.Any(e => e.What == "Connect myvpn"));

        var error = h.Errors.Errors.Single(e => e.What == "Connect myvpn");
        Assert.Contains("Authentication failed", error.Cause);
        Assert.Contains("Check the password", error.Fix);
        Assert.StartsWith("✖ Connect myvpn: Authentication failed", h.Screen.MessageText);
        h.Until(() => h.Screen.Profiles.Selected?.State == LinkPhase.Failed);
        Assert.Contains("FAIL", h.Text);
    }

    [Fact]
    public void Delete_asks_first_then_removes_the_profile_and_its_files()
    {
        _sandbox.WithMyVpn();
        using var h = new WiredHost(_sandbox);
        h.Screen.GoTo(PaneId.Profiles);

        h.Press(Key.Delete);
        Assert.True(File.Exists(_sandbox.Paths.PeerFile("myvpn"))); // declined: the fake says no by default

        h.Dialogs.ConfirmAnswers.Enqueue(true);
        h.Press(Key.Delete);
        h.Until(() => h.Screen.MessageText.StartsWith("Deleted myvpn"));

        Assert.Equal(2, h.Dialogs.Confirms.Count);
        Assert.False(File.Exists(_sandbox.Paths.PeerFile("myvpn")));
        Assert.Empty(h.Screen.Profiles.Rows);
    }

    [Fact]
    public void The_file_menu_offers_a_new_profile_of_each_kind()
    {
        using var h = new WiredHost(_sandbox);
        h.Dialogs.NewProfileAnswer = new NewProfileRequest("modem", "lte");

        h.Screen.InvokeNew("modem");

        Assert.Equal(["modem"], h.Dialogs.NewProfileKinds);
        Assert.Equal("Modem", h.Screen.Editor.Editor!.Kind);
        Assert.Contains(h.Screen.Editor.Fields, f => f.Key == "apn");
        var file = h.Screen.Menu.SubViews.OfType<MenuBarItem>().First(m => m.Title == KeyTable.FileMenu);
        var titles = file.PopoverMenu!.Root!.SubViews.OfType<MenuItem>().Select(i => i.Title.Trim()).ToList();
        Assert.Equal(["New PPTP VPN…", "New L2TP/IPsec VPN…", "New PPPoE…", "New Modem…", "New Custom…"], titles.Where(t => t.StartsWith("New ")).ToList());
    }

    [Fact]
    public void A_bad_profile_file_is_a_marked_row_and_an_error_and_the_screen_keeps_working()
    {
        _sandbox.WithMyVpn();
        _sandbox.Write("/etc/ppptui/profiles/aaa.toml", "this is = = not toml\n");
        using var h = new WiredHost(_sandbox);

        Assert.Equal("BAD", PppTui.Tui.Panes.ProfileListPane.Badge(h.Screen.Profiles.Rows[0]));
        Assert.Contains(h.Errors.Errors, e => e.What == "Read profile aaa.toml");
        Assert.Contains("Cannot open aaa", h.Text);

        h.Screen.Profiles.Select("myvpn");
        h.Draw();
        Assert.Equal("myvpn", h.Screen.Editor.Editor?.ProfileName);
    }

    [Fact]
    public void The_log_pane_reads_the_syslog_and_l_narrows_it_to_the_selected_profile_s_link()
    {
        _sandbox.WithMyVpn();
        _sandbox.Write("/var/log/syslog",
            "Nov 24 10:00:01 box pppd[900]: MPPE 128-bit stateless compression enabled\n" +
            "Nov 24 10:00:02 box pppd[555]: another link's line\n");
        _sandbox.RunningPppd(900, "myvpn");
        using var h = new WiredHost(_sandbox);
        h.Screen.GoTo(PaneId.Log);
        h.Until(() => h.Text.Contains("another link's line"));

        h.Type("l");
        h.Until(() => !h.Text.Contains("another link's line"));

        Assert.Contains("MPPE 128-bit stateless compression enabled", h.Text);
        Assert.Contains("Log · myvpn only", h.Text);
        h.Type("l");
        h.Until(() => h.Text.Contains("another link's line"));
    }

    [Fact]
    public void In_a_sandbox_without_root_connect_is_refused_with_the_reason_and_apply_still_works()
    {
        _sandbox.WithMyVpn().Write("/var/log/syslog", "");
        var access = AccessMode.Detect(isPrivileged: false, isSystemRoot: false, _sandbox.Root);
        using var h = new WiredHost(_sandbox, access: access);
        h.Until(() => h.Wiring.Log.SourceName is not null);

        h.Press(Key.F5);

        Assert.StartsWith("Connect: needs root", h.Screen.MessageText);
        Assert.Empty(h.Runner.DialSpecs);
        Assert.Contains("SANDBOX", h.Screen.BannerText);
        Assert.Null(h.Screen.DisabledReason(AppCommand.NewProfile));
    }
}
