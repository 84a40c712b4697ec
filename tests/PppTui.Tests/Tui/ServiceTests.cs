using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace PppTui.Tests.Tui;

/// <summary>Links kept up by systemd, and the doctor, on the screen over fake models.</summary>
public class ServiceTests
{
    private static readonly LinkRow Up = new("office-vpn", "ppp0", LinkPhase.Up, ["10.8.0.6/32"], "10.8.0.1", 1400,
        1_234_567, 98_765, 3_400, 1_100, TimeSpan.FromSeconds(4_521));

    private static readonly LinkRow Failed = new("lte-backup", null, LinkPhase.Failed, [], null, null, 0, 0, 0, 0, null,
        "pppd exit 19: authentication failed");

    /// <summary>The default screen at 80x24 with something more set up before it is built.</summary>
    private static ScreenHost StartWith(Action<ScreenHost> more, AccessMode? access = null) =>
        ScreenHost.Start(80, 24, access, h =>
        {
            ScreenHost.SeedDefault(h);
            more(h);
        });

    private static ScreenHost KeptUp(params string[] names) => StartWith(h => h.Services.KeptUp.UnionWith(names));

    /// <summary>Selects a profile, presses Alt+K, says yes, waits until <paramref name="done"/>; returns the question.</summary>
    private static (string Title, string Message) KeepUpConfirmed(ScreenHost h, string profile, Func<bool> done)
    {
        h.Screen.Profiles.Select(profile);
        h.Dialogs.ConfirmAnswers.Enqueue(true);
        h.Press(Key.K.WithAlt);
        var question = Assert.Single(h.Dialogs.Confirms);
        Wait.Until(h, done);
        return question;
    }

    /// <summary>The profile list's row of a profile: the left pane's part of the screen row starting with its name.</summary>
    private static string ProfileRow(ScreenHost h, string name)
    {
        var row = h.Rows.First(r => r.StartsWith("│" + name + " ", StringComparison.Ordinal));
        return row[..(row.IndexOf('│', 1) + 1)];
    }

    [Fact]
    public void A_link_kept_up_by_systemd_is_marked_in_the_links_pane_the_profile_list_and_the_editor()
    {
        using var h = KeptUp("office-vpn");

        var links = string.Join("\n", h.Screen.Links.Lines.Texts);
        Assert.Contains("ppp0  office-vpn  up  01:15:21  ↻", links);
        Assert.Contains("↻ kept up by systemd", links);
        Assert.Contains("↻ kept up by systemd", h.Text);
        Assert.Contains("UP  ↻", ProfileRow(h, "office-vpn"));
        Assert.DoesNotContain("↻", ProfileRow(h, "dsl"));
        Assert.Equal("↻ kept up by systemd (ppptui@office-vpn.service); Alt+K stops that", h.Screen.Editor.ServiceLine);
        Assert.Contains("│↻ kept up by systemd (ppptui", h.Text);

        h.Press(Key.CursorDown);
        Assert.Equal("dsl", h.Screen.Editor.Editor?.ProfileName);
        Assert.Equal("", h.Screen.Editor.ServiceLine);
    }

    [Fact]
    public void Without_an_enabled_unit_nothing_is_marked()
    {
        using var h = ScreenHost.Start(80, 24);
        Assert.DoesNotContain("↻", h.Text);
        Assert.DoesNotContain("kept up by systemd", h.Text);
        Assert.Equal("", h.Screen.Editor.ServiceLine);
    }

    [Fact]
    public void A_unit_enabled_while_the_screen_runs_shows_up_when_the_model_says_so()
    {
        using var h = ScreenHost.Start(80, 24);
        var t = new Thread(() =>
        {
            h.Services.KeptUp.Add("office-vpn");
            h.Services.Raise();
        });
        t.Start();
        t.Join();
        h.Draw();
        Assert.Contains("↻ kept up by systemd", h.Text);
        Assert.StartsWith("↻ kept up by systemd", h.Screen.Editor.ServiceLine);
    }

    [Fact]
    public void The_wide_links_table_marks_the_profile_cell_and_keeps_the_columns_in_place()
    {
        var plain = LinksPane.Render([Up, Failed], 120).Select(l => l.Text).ToList();
        var marked = LinksPane.Render([Up, Failed], 120, n => n == "office-vpn").Select(l => l.Text).ToList();

        Assert.StartsWith("ppp0   office-vpn    ↻ up", marked[1]);
        Assert.Equal(plain[1].IndexOf("10.8.0.6", StringComparison.Ordinal), marked[1].IndexOf("10.8.0.6", StringComparison.Ordinal));
        Assert.DoesNotContain("↻", marked.Single(l => l.Contains("lte-backup")));
        Assert.Equal(Tone.Muted, LinksPane.Render([Up], 120, _ => true)[^1].Tone);
        Assert.StartsWith("↻ kept up by systemd", marked[^1]);
        Assert.DoesNotContain(plain, l => l.Contains("systemd"));
        Assert.Equal(1, Columns.Width(LinksPane.KeptUpMarker));
    }

    [Fact]
    public void Alt_K_asks_first_then_enables_the_selected_profile_s_unit_in_the_background()
    {
        using var h = ScreenHost.Start(80, 24);

        var (title, message) = KeepUpConfirmed(h, "dsl", () => h.Screen.MessageText == "dsl is kept up by systemd");

        Assert.Equal("Keep up with systemd", title);
        Assert.Contains("systemctl enable --now ppptui@dsl.service", message);
        Assert.Equal([("dsl", true)], h.Services.Enables);
        Assert.Contains("↻", ProfileRow(h, "dsl"));
        Assert.StartsWith("↻ kept up by systemd (ppptui@dsl.service)", h.Screen.Editor.ServiceLine);
    }

    [Fact]
    public void Cancelling_the_question_enables_nothing()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Screen.Profiles.Select("dsl");
        h.Press(Key.K.WithAlt);
        Assert.Single(h.Dialogs.Confirms);
        h.Draw();
        Assert.Empty(h.Services.Enables);
        Assert.Empty(h.Services.Disables);
        Assert.DoesNotContain("↻", h.Text);
    }

    [Fact]
    public void A_link_already_up_is_enabled_for_the_next_boot_without_a_second_pppd()
    {
        using var h = ScreenHost.Start(80, 24);
        var (_, message) = KeepUpConfirmed(h, "office-vpn", () => h.Services.Enables.Count == 1);
        Assert.Contains("systemctl enable ppptui@office-vpn.service: it starts at the next boot", message);
        Assert.Equal([("office-vpn", false)], h.Services.Enables);
    }

    [Fact]
    public void Alt_K_on_a_kept_up_profile_asks_then_disables_its_unit()
    {
        using var h = KeptUp("office-vpn");
        var (title, message) = KeepUpConfirmed(h, "office-vpn", () => h.Screen.MessageText == "office-vpn is no longer kept up by systemd");
        Assert.Equal("Stop keeping up", title);
        Assert.Contains("systemctl disable --now ppptui@office-vpn.service", message);
        Assert.Equal(["office-vpn"], h.Services.Disables);
        Assert.Empty(h.Services.Enables);
        Assert.DoesNotContain("↻", h.Text);
    }

    [Fact]
    public void A_failed_enable_lands_in_the_error_log_with_cause_and_fix()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Services.EnableResult = name => ActionResult.Fail(new UserError("Keep " + name + " up",
            "'systemctl enable --now ppptui@dsl.service' failed (exit 1): Access denied", "systemctl needs root (sudo)."));
        KeepUpConfirmed(h, "dsl", () => h.Errors.Errors.Count == 1);
        Assert.Equal("systemctl needs root (sudo).", h.Errors.Latest!.Fix);
        Assert.StartsWith("✖ Keep dsl up: 'systemctl enable --now ppptui@dsl.service' failed", h.Screen.MessageText);
        Assert.DoesNotContain("↻", ProfileRow(h, "dsl"));
    }

    [Fact]
    public void Keep_up_is_refused_with_the_reason_when_not_root()
    {
        using var h = ScreenHost.Start(80, 24, AccessMode.Detect(isPrivileged: false, isSystemRoot: true, root: "/"));
        h.Screen.Profiles.Select("dsl");
        h.Press(Key.K.WithAlt);
        Assert.Equal("Keep up (systemd): needs root: quit and run 'sudo ppptui' (or try edits in a sandbox: ppptui --root DIR)", h.Screen.MessageText);
        Assert.Empty(h.Dialogs.Confirms);
        Assert.Empty(h.Services.Enables);
    }

    [Fact]
    public void In_a_sandbox_keep_up_only_enables_the_unit_inside_the_sandbox()
    {
        using var h = StartWith(s => s.Services.Presence = SystemdPresence.Offline,
            AccessMode.Detect(isPrivileged: false, isSystemRoot: false, root: "/srv/sandbox"));
        var (_, message) = KeepUpConfirmed(h, "dsl", () => h.Services.Enables.Count == 1);
        Assert.Contains("enabled in this --root tree", message);
        Assert.Equal([("dsl", false)], h.Services.Enables);
    }

    [Fact]
    public void Without_systemd_keep_up_names_the_alternative_in_the_error_place()
    {
        using var h = StartWith(s => s.Services.Presence = SystemdPresence.Absent);
        h.Screen.Profiles.Select("dsl");
        h.Press(Key.K.WithAlt);

        Assert.Empty(h.Dialogs.Confirms);
        Assert.Empty(h.Services.Enables);
        var error = Assert.Single(h.Errors.Errors);
        Assert.Equal("Keep dsl up", error.What);
        Assert.Contains("systemd is not running on this system", error.Cause);
        Assert.Contains("ifupdown", error.Fix);
        Assert.Contains("@reboot /usr/bin/pon dsl", error.Fix);
        Assert.StartsWith("✖ Keep dsl up: systemd is not running", h.Screen.MessageText);
    }

    [Fact]
    public void Alt_O_runs_the_doctor_for_the_selected_profile_in_the_background_and_shows_the_report()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Screen.Profiles.Select("dsl");
        h.Services.PendingDoctor = new TaskCompletionSource<DoctorReport>();

        h.Press(Key.O.WithAlt);
        Wait.Until(h, () => h.Services.DoctorRuns.Count == 1);
        Assert.Equal(["dsl"], h.Services.DoctorRuns);
        Assert.Equal("Checking this machine and dsl…", h.Screen.MessageText);

        // While the checks run, keys still work and a second run is refused.
        h.Press(Key.D6.WithAlt);
        Assert.True(h.Screen.Log.HasFocus);
        h.Press(Key.O.WithAlt);
        Assert.Equal("Doctor: already checking", h.Screen.MessageText);
        Assert.Empty(h.Dialogs.DoctorShown);

        h.Services.PendingDoctor.SetResult(h.Services.Report);
        Wait.Until(h, () => h.Dialogs.DoctorShown.Count == 1);
        var (profile, report) = h.Dialogs.DoctorShown.Single();
        Assert.Equal("dsl", profile);
        Assert.Same(h.Services.Report, report);
        Assert.Equal("Doctor: 1 failed, 1 warnings, 1 ok, 0 skipped", h.Screen.MessageText);
        Assert.Single(h.Services.DoctorRuns);
    }

    [Fact]
    public void The_doctor_checks_every_profile_when_the_selected_one_does_not_load()
    {
        using var h = StartWith(s => s.Profiles.Items.Add(new ProfileSummary("broken", "?", LinkPhase.Unknown, Problem: "line 3: not TOML")));
        h.Screen.Profiles.Select("broken");
        h.Press(Key.O.WithAlt);
        Wait.Until(h, () => h.Dialogs.DoctorShown.Count == 1);
        Assert.Equal([null], h.Services.DoctorRuns);
    }

    [Fact]
    public void The_doctor_dialog_lists_each_check_with_its_outcome_and_fix()
    {
        var report = new FakeServiceModel().Report;
        var (app, _) = Headless.CreateApp(100, 30);
        using (app)
        {
            using var dialog = DialogFactory.Doctor("dsl", report, 80);
            var token = app.Begin(dialog);
            app.LayoutAndDraw(true);
            var text = string.Join('\n', Headless.Rows(app));
            app.End(token!);

            Assert.Contains("Doctor: this machine and dsl", text);
            Assert.Contains("1 failed, 1 warnings, 1 ok, 0 skipped", text);
            Assert.Contains("This machine", text);
            Assert.Contains("OK    PPP support in the kernel: ppp_generic is loaded", text);
            Assert.Contains("WARN  DNS: usepeerdns is set but systemd-resolved ignores", text);
            Assert.Contains("seen: /etc/resolv.conf -> ../run/systemd/resolve/stub-resolv.conf", text);
            Assert.Contains("fix:  Install a hook", text);
            Assert.Contains("Profile dsl", text);
            Assert.Contains("FAIL  authentication: 'auth' with no secret for the peer", text);
            Assert.Contains("fix:  Add a line to chap-secrets", text);
        }

        var lines = DialogFactory.DoctorLines(report, 60);
        Assert.Equal(Tone.Bad, lines[0].Tone);
        Assert.Equal(Tone.Good, lines.Single(l => l.Text.Contains("ppp_generic")).Tone);
        Assert.Equal(Tone.Warning, lines.Single(l => l.Text.StartsWith("  WARN")).Tone);
        Assert.Equal(Tone.Bad, lines.Single(l => l.Text.StartsWith("  FAIL")).Tone);
        // An ok check has no fix to show.
        Assert.Equal(2, lines.Count(l => l.Text.TrimStart().StartsWith("fix:")));
    }

    [Fact]
    public void Keep_up_and_doctor_are_in_their_menus_the_help_and_a_wide_status_bar()
    {
        using var h = ScreenHost.Start(200, 30);
        MenuItem[] Items(string menu) => h.Screen.Menu.SubViews.OfType<MenuBarItem>().First(m => m.Title == menu)
            .PopoverMenu!.Root!.SubViews.OfType<MenuItem>().ToArray();
        Assert.Contains(Items(KeyTable.LinkMenu), i => i.Title == "Keep up (systemd)");
        Assert.Contains(Items(KeyTable.HelpMenu), i => i.Title == "Doctor");

        h.Press(Key.F1);
        var help = h.Dialogs.HelpShown.Single();
        Assert.Contains(help, l => l.Contains("Alt+K") && l.Contains("Keep the selected profile up with systemd"));
        Assert.Contains(help, l => l.Contains("Alt+O") && l.Contains("Check the kernel, tools, secrets, DNS"));

        Assert.Contains("Alt+K Keep up (systemd)", h.Screen.StatusBarItems);
    }
}
