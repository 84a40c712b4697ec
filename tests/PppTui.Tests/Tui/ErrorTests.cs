using Terminal.Gui.Input;

namespace PppTui.Tests.Tui;

public class ErrorTests
{
    [Fact]
    public void A_model_event_that_throws_is_reported_and_the_screen_keeps_going()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Profiles.EditorFactory = _ => throw new UnauthorizedAccessException("Access to '/etc/ppp/peers/dsl' is denied.");
        h.Press(Key.CursorDown);
        Assert.Contains("sudo ppptui", h.Errors.Latest!.Fix);
        Assert.Contains("Cannot open dsl", h.Text);
        h.Press(Key.CursorUp);
        Assert.Contains("office-vpn", h.Text);
    }

    [Fact]
    public void Work_posted_to_the_UI_thread_that_throws_becomes_an_error_with_cause_and_fix()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Context.Post(() => throw new FileNotFoundException("gone", "/etc/ppp/peers/vanished"), "Reload vanished");
        var error = h.Errors.Latest!;
        Assert.Equal("Reload vanished", error.What);
        Assert.Contains("/etc/ppp/peers/vanished", error.Cause);
        Assert.False(string.IsNullOrWhiteSpace(error.Fix));
    }

    [Fact]
    public void F12_shows_every_error_and_the_list_has_cause_and_fix()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Errors.Report(new UserError("Apply dsl", "chap-secrets is world-readable", "chmod 600 /etc/ppp/chap-secrets"));
        h.Press(Key.F12);
        var shown = Assert.Single(h.Dialogs.ErrorsShown);
        Assert.Single(shown);
        var lines = DialogFactory.ErrorLines(shown, 60).Select(l => l.Text).ToList();
        Assert.EndsWith("Apply dsl", lines[0]);
        Assert.Equal("  cause: chap-secrets is world-readable", lines[1]);
        Assert.Equal("  fix:   chmod 600 /etc/ppp/chap-secrets", lines[2]);
    }

    [Fact]
    public void Exceptions_become_words_never_stack_traces()
    {
        var e = ErrorLog.Describe(new IOException("No space left on device"), "Apply office");
        Assert.Equal("No space left on device", e.Cause);
        Assert.Contains("space", e.Fix);
        var odd = ErrorLog.Describe(new InvalidOperationException("boom"), "x");
        Assert.DoesNotContain("   at ", odd.Cause);
        Assert.Contains("ppptui doctor", odd.Fix);
    }

    [Fact]
    public void A_failing_background_action_releases_the_key_again()
    {
        using var h = ScreenHost.Start(80, 24);
        var connect = h.ConnectHeld("dsl");
        connect.SetException(new TimeoutException("pppd did not answer"));
        Wait.Until(h, () => h.Errors.Errors.Count == 1);
        Assert.Equal("Connect dsl", h.Errors.Latest!.What);
        Wait.Until(h, () => h.Screen.DisabledReason(PppTui.Tui.Keys.AppCommand.Connect) is null);
    }
}

public class ScreenGuardTests
{
    [Fact]
    public void An_exception_in_the_main_loop_is_reported_and_the_loop_goes_on()
    {
        // A real clock: the loop must actually run its timers.
        using var app = Terminal.Gui.App.Application.Create().Init(Terminal.Gui.Drivers.DriverRegistry.Names.ANSI);
        app.Driver!.SetScreenSize(80, 24);
        {
            var errors = new ErrorLog();
            var guard = new PppTui.Tui.ScreenGuard(errors, 50, TimeSpan.FromSeconds(5));
            using var screen = new Terminal.Gui.Views.Runnable();
            int ticks = 0;
            bool thrown = false;
            app.AddTimeout(TimeSpan.FromMilliseconds(10), () =>
            {
                if (!thrown) { thrown = true; throw new IOException("the peers file vanished"); }
                return false;
            });
            app.AddTimeout(TimeSpan.FromMilliseconds(30), () =>
            {
                if (++ticks >= 3) app.RequestStop(screen);
                return true;
            });
            app.Run(screen, guard.Handle);
            Assert.Null(guard.Fatal);
            Assert.Equal("the peers file vanished", errors.Latest!.Cause);
            Assert.True(ticks >= 3);
        }
    }

    [Fact]
    public void A_burst_of_errors_stops_the_screen_with_the_cause()
    {
        var now = DateTimeOffset.UnixEpoch;
        var guard = new PppTui.Tui.ScreenGuard(new ErrorLog(), 3, TimeSpan.FromSeconds(5), () => now);
        Assert.True(guard.Handle(new InvalidOperationException("a")));
        now += TimeSpan.FromSeconds(10);
        Assert.True(guard.Handle(new InvalidOperationException("b")));
        Assert.True(guard.Handle(new InvalidOperationException("c")));
        Assert.False(guard.Handle(new InvalidOperationException("d")));
        Assert.Equal("d", guard.Fatal!.Message);
    }
}
