using Terminal.Gui.Input;

namespace PppTui.Tests.Tui;

public class LogPaneTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static LogLine Line(int i, string text, LogSeverity severity = LogSeverity.Info, LogLineKind kind = LogLineKind.Normal) =>
        new(T0.AddSeconds(i), null, "pppd", 42, severity, text, "test", text) { Kind = kind };

    [Fact]
    public void The_filter_box_hides_lines_without_every_word_and_a_dash_word_hides_lines_with_it()
    {
        using var h = ScreenHost.Start(120, 40);
        h.Log.Post(Line(1, "Using interface ppp0"));
        h.Log.Post(Line(2, "LCP: timeout sending Config-Requests", LogSeverity.Warning));
        h.Log.Post(Line(3, "GRE blocked? LCP got no answer", LogSeverity.Info, LogLineKind.Diagnosis));
        h.Log.Post(Line(4, "Connection terminated."));
        h.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Equal(4, h.Log.Count);

        h.Press(Key.D6.WithAlt);
        h.Press(new Key('/'));
        Assert.True(h.Screen.Log.FilterBox.HasFocus);
        h.Type("lcp");
        var visible = h.Screen.Log.VisibleTexts().ToList();
        Assert.Equal(2, visible.Count);
        Assert.All(visible, v => Assert.Contains("LCP", v));
        Assert.Contains("» GRE blocked? LCP got no answer", visible[1]);
        Assert.Contains("LCP: timeout", h.Text);
        Assert.DoesNotContain("Using interface", h.Text);

        h.Type(" -gre");
        Assert.Single(h.Screen.Log.VisibleTexts());
        Assert.Contains("filtered", h.Screen.Log.Title);
    }

    [Fact]
    public void Ten_thousand_lines_from_another_thread_arrive_in_a_few_batches_and_the_pane_follows_the_newest()
    {
        using var h = ScreenHost.Start(120, 40);
        int changes = 0;
        h.Log.Changed += (_, _) => changes++;
        var producer = new Thread(() =>
        {
            for (int i = 0; i < 10_000; i++) h.Log.Post(Line(i, $"rcvd [LCP EchoRep id=0x{i:x}] line {i}"));
        });
        var clock = Stopwatch.StartNew();
        producer.Start();
        while (producer.IsAlive) h.Advance(LogPaneTestsPump);
        producer.Join();
        h.Advance(LogPaneTestsPump);
        clock.Stop();

        Assert.Equal(10_000, h.Log.Received);
        Assert.Equal(5_000, h.Log.Count); // the host's ring keeps 5,000
        Assert.True(changes <= 10_000 / 100, $"{changes} redraw batches for 10,000 lines");
        Assert.Contains("line 9999", h.Text);
        Assert.True(h.Screen.Log.Following);
        Assert.Contains("5000 lines follow", h.Text);
    }

    private static readonly TimeSpan LogPaneTestsPump = TimeSpan.FromMilliseconds(100);

    // Posts "line FROM" up to "line TO-1" and lets the pane take them in.
    private static void PostLines(ScreenHost h, int from, int to)
    {
        for (int i = from; i < to; i++) h.Log.Post(Line(i, "line " + i));
        h.Advance(LogPaneTestsPump);
    }

    // A screen whose log pane (Alt-6) holds "line 0" up to "line N-1" and has the focus.
    private static ScreenHost WithFocusedLogPane(int width, int height, int lines)
    {
        var h = ScreenHost.Start(width, height);
        PostLines(h, 0, lines);
        h.Press(Key.D6.WithAlt);
        h.Screen.Log.List.SetFocus();
        return h;
    }

    [Fact]
    public void Zooming_the_small_log_pane_at_80x24_fills_it_with_the_older_lines_not_blank_rows()
    {
        using var h = WithFocusedLogPane(80, 24, lines: 11);
        Assert.DoesNotContain("line 0 ", h.Text + " ");
        h.Press(Key.F11);
        h.Draw();
        Assert.Contains("line 0 ", h.Text);
        Assert.Contains("line 10 ", h.Text);
        Assert.True(h.Screen.Log.Following);
    }

    [Fact]
    public void Moving_up_pauses_following_and_f_resumes_it()
    {
        using var h = WithFocusedLogPane(120, 40, lines: 100);
        h.Press(Key.PageUp);
        Assert.False(h.Screen.Log.Following);
        PostLines(h, 100, 110);
        Assert.DoesNotContain("line 109", h.Text);
        Assert.Contains("paused", h.Text);

        h.Press(new Key('f'));
        Assert.True(h.Screen.Log.Following);
        Assert.Contains("line 109", h.Text);
    }

    [Fact]
    public void Control_characters_in_log_lines_cannot_reach_the_terminal()
    {
        using var h = ScreenHost.Start(120, 40);
        h.Log.Post(Line(1, "evil \u001b[2J line\ttab"));
        h.Advance(LogPaneTestsPump);
        Assert.DoesNotContain('\u001b', h.Text);
        Assert.Contains("evil ·[2J line", h.Text);
    }

    [Fact]
    public void Chinese_log_lines_keep_the_right_border_in_place()
    {
        using var h = ScreenHost.Start(120, 40);
        h.Log.Post(Line(1, "拨号失败：认证错误，请检查用户名和密码 chap-secrets"));
        h.Log.Post(Line(2, "plain ascii line"));
        h.Advance(LogPaneTestsPump);
        var rows = h.Rows.Where(r => r.Contains("拨号失败") || r.Contains("plain ascii")).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(120, PppTui.Tui.Text.Columns.Width(r)));
    }
}
