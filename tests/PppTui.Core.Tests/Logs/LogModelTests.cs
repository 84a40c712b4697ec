namespace PppTui.Core.Tests.Logs;

public class LogModelTests
{
    private static LogLine L(string text) => new(DateTimeOffset.UnixEpoch, null, "pppd", null, LogSeverity.Info, text, "test", text);

    private static LogLine Line(int pid, string program = "pppd", string? message = null) =>
        new SyslogLineParser("test").Parse($"Nov 24 14:12:01 gw {program}[{pid}]: {message ?? "message " + pid}");

    private static List<string> Messages(LogModel model) => Enumerable.Range(0, model.Count).Select(i => model[i].Message).ToList();

    private static LogModel Pumped(int capacity, IEnumerable<LogLine> lines)
    {
        var model = new LogModel(capacity);
        foreach (var line in lines) model.Post(line);
        model.Pump();
        return model;
    }

    [Fact]
    public void Lines_become_visible_only_when_pumped_and_in_one_change()
    {
        var model = new LogModel(10);
        var changes = new List<LogChange>();
        model.Changed += (_, c) => changes.Add(c);
        model.Post(L("a"));
        model.Post(L("b"));
        Assert.Equal(0, model.Count);
        Assert.Equal(2, model.Pump());
        Assert.Equal(2, model.Count);
        Assert.Equal([new LogChange(2, 0, false)], changes);
    }

    [Fact]
    public void A_full_ring_drops_the_oldest_lines_and_says_how_many()
    {
        var model = new LogModel(3);
        foreach (var t in new[] { "1", "2", "3", "4", "5" }) model.Post(L(t));
        LogChange? change = null;
        model.Changed += (_, c) => change = c;
        model.Pump();
        Assert.Equal(["3", "4", "5"], Messages(model));
        Assert.Equal(5, model.Received);
        Assert.Equal(new LogChange(5, 2, false), change);
    }

    [Fact]
    public void Long_lines_drop_out_by_the_byte_bound_before_the_line_count_is_reached()
    {
        var line = new string('x', 1000);
        long cost = LogModel.CostOf(L("0" + line));
        var model = new LogModel(capacity: 1000, maxBytes: 3 * cost);
        LogChange? change = null;
        model.Changed += (_, c) => change = c;

        foreach (var i in Enumerable.Range(0, 10)) model.Post(L(i + line));
        model.Pump();

        Assert.Equal(3, model.Count);
        Assert.Equal(["7", "8", "9"], Messages(model).Select(m => m[..1]));
        Assert.True(model.Bytes <= model.MaxBytes, $"{model.Bytes} > {model.MaxBytes}");
        Assert.Equal(new LogChange(10, 7, false), change);
    }

    [Fact]
    public void A_line_longer_than_the_byte_bound_alone_still_stays_as_the_newest()
    {
        var model = new LogModel(capacity: 10, maxBytes: 100);

        model.Post(L("short"));
        model.Post(L(new string('y', 500)));
        model.Pump();

        Assert.Equal([new string('y', 500)], Messages(model));
    }

    [Fact]
    public void Lines_waiting_is_raised_once_per_batch_until_the_next_pump()
    {
        var model = new LogModel(10);
        int raised = 0;
        model.LinesWaiting += () => raised++;

        model.Post(L("a"));
        model.Post(L("b"));
        Assert.Equal(1, raised);
        model.Pump();
        model.Post(L("c"));

        Assert.Equal(2, raised);
    }

    [Fact]
    public void The_filter_keeps_working_while_old_matches_fall_out_of_the_ring()
    {
        var model = new LogModel(4) { Filter = "lcp" };
        foreach (var t in new[] { "LCP a", "x", "LCP b", "y", "LCP c", "z" }) model.Post(L(t));
        model.Pump();
        // The ring holds "LCP b", "y", "LCP c", "z": "LCP a" fell out.
        Assert.Equal(["LCP b", "LCP c"], Messages(model));
        model.Filter = "";
        Assert.Equal(4, model.Count);
        model.Filter = "-lcp";
        Assert.Equal(["y", "z"], Messages(model));
    }

    [Fact]
    public void Filter_words_match_the_label_too_and_a_lone_dash_is_a_word()
    {
        var model = Pumped(10, [Line(7, message: "a - b"), Line(8, "chat", "c"), Line(9, message: "d")]);
        model.Filter = "chat";
        Assert.Equal(["c"], Messages(model));
        model.Filter = "pppd[9]";
        Assert.Equal(["d"], Messages(model));
        model.Filter = "-";
        Assert.Equal(["a - b"], Messages(model));
        model.Filter = "  -chat   -pppd[7] ";
        Assert.Equal("-chat -pppd[7]", model.Filter);
        Assert.Equal(["d"], Messages(model));
    }

    [Fact]
    public void Changing_the_filter_resets_the_view()
    {
        var model = new LogModel(4);
        model.Post(L("a"));
        model.Pump();
        LogChange? change = null;
        model.Changed += (_, c) => change = c;
        model.Filter = "a";
        Assert.True(change!.Reset);
    }

    [Fact]
    public void The_link_view_asks_the_tracker_at_filter_time_so_pids_learned_later_count()
    {
        var tracker = new LinkTracker();
        var model = Pumped(10, [Line(7, message: "mine"), Line(8, message: "another link's"), L("no pid") with { Link = "myvpn" }]);
        model.Links = tracker;
        model.Link = "myvpn";
        Assert.Equal(["no pid"], Messages(model));

        tracker.AddPid(7, "myvpn");
        model.RefreshLink();
        Assert.Equal(["mine", "no pid"], Messages(model));

        model.Link = null;
        Assert.Equal(3, model.Count);
    }

    [Fact]
    public void A_tracker_can_ask_a_link_table_that_keeps_pid_sets()
    {
        var model = Pumped(10, [Line(7), Line(8)]);
        model.Links = new LinkTracker(isLinkProcess: (link, pid) => link == "dsl" && pid == 8);
        model.Link = "dsl";
        Assert.Equal(["message 8"], Messages(model));
    }

    [Fact]
    public void The_one_filter_type_combines_words_with_programs_regex_invert_severity_and_marks()
    {
        var lines = new[]
        {
            Line(1, "pptp", "anon warn[x] odd"), Line(2, message: "Modem hangup"), Line(3, message: "even"),
            Line(4, message: "LCP: timeout sending Config-Requests"),
        };
        Assert.Equal(["anon warn[x] odd"], lines.Where(new LogFilter { Programs = new HashSet<string> { "pptp" } }.Matches).Select(l => l.Message));
        Assert.Equal(["Modem hangup", "even", "LCP: timeout sending Config-Requests"],
            lines.Where(new LogFilter { Pattern = new Regex("odd"), Invert = true }.Matches).Select(l => l.Message));
        Assert.Equal(["Modem hangup", "LCP: timeout sending Config-Requests"], lines.Where(new LogFilter { MarkedOnly = true }.Matches).Select(l => l.Message));
        Assert.Equal(["anon warn[x] odd", "Modem hangup", "LCP: timeout sending Config-Requests"],
            lines.Where(new LogFilter { MinimumSeverity = LogSeverity.Warning }.Matches).Select(l => l.Message));
        Assert.Equal(["Modem hangup"],
            lines.Where((LogFilter.FromWords("m -lcp -pptp") with { MinimumSeverity = LogSeverity.Warning }).Matches).Select(l => l.Message));
    }

    [Fact]
    public void The_ring_buffer_indexes_from_the_oldest()
    {
        var ring = new RingBuffer<int>(3);
        Assert.False(ring.Add(1));
        ring.Add(2);
        ring.Add(3);
        Assert.True(ring.Add(4));
        Assert.Equal([2, 3, 4], Enumerable.Range(0, ring.Count).Select(i => ring[i]));
        ring.RemoveFirst();
        Assert.Equal([3, 4], Enumerable.Range(0, ring.Count).Select(i => ring[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring[2]);
    }
}
