namespace PppTui.Tests.Tui;

/// <summary>The first frame is drawn before anything slow: the profile folder, link discovery, the log backlog.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly Sandbox _sandbox = new Sandbox().WithMyVpn();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void The_screen_lists_the_profiles_by_name_while_a_slow_profile_folder_is_still_being_read_and_their_kinds_arrive_after()
    {
        using var folder = new FakeSlowProfileFolder(_sandbox.Service);
        using var h = new WiredHost(_sandbox, readProfiles: folder.Read, waitForProfiles: false);
        Assert.Contains("Quit", h.Text);

        // The names come from the folder listing, before any file is parsed.
        h.Until(() => h.Screen.Profiles.Rows.Count == 1);
        Assert.False(folder.Finished, "the folder read should still be held back when the names are shown");
        Assert.False(h.Wiring.Profiles.IsLoaded);
        Assert.Contains("Profiles · 1", h.Text);
        Assert.Contains("myvpn", h.Text);
        Assert.DoesNotContain(ProfileListPane.LoadingText, h.Text);
        Assert.Equal("", h.Screen.Profiles.Rows.Single().Kind);

        folder.Release();
        h.Until(() => h.Screen.Profiles.Rows.SingleOrDefault()?.Kind == "pptp");

        Assert.False(folder.TimedOut);
        Assert.True(h.Wiring.Profiles.IsLoaded);
        Assert.Contains("Profiles · 1", h.Text);
        Assert.Equal("myvpn", h.Screen.Profiles.Selected?.Name);
        h.Until(() => h.Screen.Editor.Editor?.ProfileName == "myvpn");
    }

    [Fact]
    public void A_slow_profile_folder_with_no_profile_files_says_it_is_loading_until_it_has_been_read()
    {
        using var peersOnly = new Sandbox();
        using var folder = new FakeSlowProfileFolder(peersOnly.Service);
        using var h = new WiredHost(peersOnly, readProfiles: folder.Read, waitForProfiles: false);

        Assert.Contains("Profiles · loading…", h.Text);
        Assert.Contains(ProfileListPane.LoadingText, h.Text);
        Assert.Null(h.Screen.Profiles.Selected);

        folder.Release();
        h.Until(() => h.Text.Contains("No profiles yet."));
        Assert.False(folder.TimedOut);
    }

    [Fact]
    public void An_empty_profile_folder_says_so_once_it_has_been_read()
    {
        using var empty = new Sandbox();
        using var folder = new FakeSlowProfileFolder(empty.Service);
        using var h = new WiredHost(empty, readProfiles: folder.Read, waitForProfiles: false);
        Assert.DoesNotContain("No profiles yet", h.Text);

        folder.Release();
        h.Until(() => h.Text.Contains("No profiles yet."));

        Assert.DoesNotContain(ProfileListPane.LoadingText, h.Text);
    }

    [Fact]
    public void Link_polling_the_log_feed_and_the_folder_check_wait_for_the_first_frame_with_the_profiles()
    {
        using var folder = new FakeSlowProfileFolder(_sandbox.Service);
        using var h = new WiredHost(_sandbox, readProfiles: folder.Read, waitForProfiles: false);
        Assert.False(h.Wiring.Profiles.IsLoaded);
        Assert.False(h.Wiring.PollingStarted);

        folder.Release();
        var deadline = Environment.TickCount64 + 10_000;
        while (!h.Wiring.Profiles.LoadInBackground().IsCompleted && Environment.TickCount64 < deadline) Thread.Sleep(5);
        h.Draw(); // the frame with the profiles; no time passes

        Assert.Contains("myvpn", h.Text);
        Assert.True(h.Wiring.PollingStarted);
    }

    [Fact]
    public void A_slow_profile_folder_does_not_hold_back_link_polling_and_the_links_pane_says_it_is_looking_until_then()
    {
        using var folder = new FakeSlowProfileFolder(_sandbox.Service);
        using var h = new WiredHost(_sandbox, readProfiles: folder.Read, waitForProfiles: false);
        Assert.Contains(LinksPane.LookingText, h.Text);

        h.Time.Advance(ScreenWiring.SlowFolderPollingDelay);
        h.Draw();

        Assert.True(h.Wiring.PollingStarted);
        // The first look at the links (in the background) replaces "looking" with what it found.
        h.Until(() => h.Text.Contains("No ppp links right now."));
        Assert.DoesNotContain(LinksPane.LookingText, h.Text);
        Assert.False(folder.Finished);
    }

    [Fact]
    public void Profiles_read_while_the_screen_was_built_are_in_its_first_frame_and_the_editor_and_menus_follow_it()
    {
        var profiles = new FakeProfileListModel { IsLoaded = false };
        var (app, _) = Headless.CreateApp(100, 30);
        using var _app = app;
        Headless.Catalog.Apply("default");
        var context = new PppTui.Tui.ScreenContext(new ErrorLog(), PppTui.Tui.AccessMode.Full);
        using var screen = new PppTui.Tui.MainScreen(new ScreenModels(profiles, new FakeLinkStatusModel(), new FakeRouteModel(), new PppTui.Core.Logs.LogModel(), new FakeServiceModel()),
            context, new FakeDialogs(), new PppTui.Tui.Themes.ThemeController(Headless.Catalog, "default", false));
        // The read finishes now; its Changed event would only be handled after the first frame.
        profiles.Items.Add(new ProfileSummary("office-vpn", "pptp", LinkPhase.Down));
        profiles.IsLoaded = true;

        var token = app.Begin(screen);

        var text = string.Join('\n', Headless.Rows(app));
        Assert.Contains("Profiles · 1", text);
        Assert.Contains("office-vpn", text);
        Assert.Equal("office-vpn", screen.Profiles.Selected?.Name);
        // The editor reads the profile's files: it opens right after the first frame, which says so.
        Assert.Contains("Opening office-vpn…", text);
        Assert.Empty(profiles.Opened);
        var menus = screen.Menu.SubViews.OfType<Terminal.Gui.Views.MenuBarItem>().ToList();
        Assert.Equal(PppTui.Tui.Keys.KeyTable.Menus, menus.Select(m => m.Title));
        Assert.All(menus, m => Assert.Null(m.PopoverMenu));

        app.TimedEvents!.RunTimers();
        app.LayoutAndDraw();

        Assert.Equal(["office-vpn"], profiles.Opened);
        Assert.All(menus, m => Assert.NotEmpty(m.PopoverMenu!.Root!.SubViews.OfType<Terminal.Gui.Views.MenuItem>()));
        Assert.Equal("office-vpn", screen.Editor.Editor?.ProfileName);
        Assert.DoesNotContain("Opening office-vpn…", string.Join('\n', Headless.Rows(app)));
        app.End(token!);
    }
}
