using System.Text.RegularExpressions;
using PppTui.Core.Logs;

namespace PppTui.Core.Tests.Logs;

public class LogBufferTests
{
    private static LogLine Line(int n, string program = "pppd", string? message = null)
    {
        message ??= "message " + n;
        return new SyslogLineParser("test").Parse($"Nov 24 14:12:01 gw {program}[{n}]: {message}");
    }

    [Fact]
    public void The_oldest_lines_drop_out_when_the_ring_is_full()
    {
        var buffer = new LogBuffer(3);
        for (int i = 1; i <= 5; i++) buffer.Append(Line(i));

        Assert.Equal(3, buffer.Count);
        Assert.Equal(5, buffer.TotalAppended);
        Assert.Equal([3, 4, 5], buffer.Snapshot().Select(l => l.Pid!.Value));
        Assert.Equal(3, buffer[0].Pid);
    }

    [Fact]
    public void A_view_indexes_only_the_matching_lines_and_follows_appends()
    {
        var buffer = new LogBuffer(100);
        using var view = buffer.CreateView(new LogFilter { Programs = new HashSet<string> { "pptp" } });
        for (int i = 0; i < 10; i++) buffer.Append(Line(i, i % 3 == 0 ? "pptp" : "pppd"));

        Assert.Equal(4, view.Count);
        Assert.Equal([0, 3, 6, 9], Enumerable.Range(0, view.Count).Select(i => view[i].Pid!.Value));
    }

    [Fact]
    public void A_view_drops_lines_that_left_the_buffer()
    {
        var buffer = new LogBuffer(4);
        using var view = buffer.CreateView(new LogFilter { Pattern = new Regex("keep") });
        buffer.Append(Line(1, message: "keep one"));
        buffer.Append(Line(2, message: "skip"));
        buffer.Append(Line(3, message: "keep three"));
        Assert.Equal(2, view.Count);

        for (int i = 10; i < 13; i++) buffer.Append(Line(i, message: "skip"));

        Assert.Equal(1, view.Count);
        Assert.Equal(3, view[0].Pid);
    }

    [Fact]
    public void Changing_the_filter_rebuilds_the_view()
    {
        var buffer = new LogBuffer(10);
        buffer.AppendRange(Enumerable.Range(0, 6).Select(i => Line(i, message: i % 2 == 0 ? "even" : "odd")));
        using var view = buffer.CreateView();
        Assert.Equal(6, view.Count);
        var changed = 0;
        view.Changed += (_, _) => changed++;

        view.Filter = new LogFilter { Pattern = new Regex("odd"), Invert = true };

        Assert.Equal(3, view.Count);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal("even", view[i].Message));
        Assert.Equal(1, changed);
    }

    [Fact]
    public void Appends_raise_an_event_with_the_count()
    {
        var buffer = new LogBuffer(10);
        var counts = new List<int>();
        buffer.Appended += (_, e) => counts.Add(e.Count);
        buffer.AppendRange([Line(1), Line(2)]);
        buffer.Append(Line(3));
        Assert.Equal([2, 1], counts);
    }

    [Fact]
    public void Marked_lines_can_be_jumped_to()
    {
        var buffer = new LogBuffer(10);
        buffer.Append(Line(1, message: "Using interface ppp0"));
        buffer.Append(Line(2, message: "LCP: timeout sending Config-Requests"));
        buffer.Append(Line(3, message: "Connection terminated."));
        using var view = buffer.CreateView();
        Assert.Equal(1, view.NextMarked(0));
        Assert.Equal(-1, view.NextMarked(2));
        using var marked = buffer.CreateView(new LogFilter { MarkedOnly = true });
        Assert.Equal(1, marked.Count);
    }

    [Fact]
    public void Severity_and_link_filters_combine()
    {
        var buffer = new LogBuffer(10);
        var tracker = new LinkTracker(new Dictionary<int, string> { [7] = "myvpn" });
        buffer.Append(tracker.Assign(Line(7, message: "Modem hangup")));
        buffer.Append(tracker.Assign(Line(7, message: "Using interface ppp0")));
        buffer.Append(tracker.Assign(Line(8, message: "Modem hangup")));
        using var view = buffer.CreateView(new LogFilter { Link = "myvpn", MinimumSeverity = LogSeverity.Warning });
        Assert.Equal(1, view.Count);
        Assert.Equal(7, view[0].Pid);
    }

    [Fact]
    public async Task Reading_while_another_thread_appends_never_sees_a_torn_view()
    {
        var buffer = new LogBuffer(64);
        using var view = buffer.CreateView(new LogFilter { Pattern = new Regex("even") });
        var writer = Task.Run(() =>
        {
            for (int i = 0; i < 20_000; i++) buffer.Append(Line(i, message: i % 2 == 0 ? "even" : "odd"));
        });
        while (!writer.IsCompleted)
        {
            var count = view.Count;
            for (int i = 0; i < count; i++)
            {
                try
                {
                    Assert.Equal("even", view[i].Message);
                }
                catch (ArgumentOutOfRangeException)
                {
                    break; // the view shrank between Count and the index: allowed, never wrong data
                }
            }
        }
        await writer;
        Assert.Equal(32, view.Count);
        Assert.Equal(19_998, view[31].Pid);
    }

    [Fact]
    public void Clearing_empties_every_view()
    {
        var buffer = new LogBuffer(5);
        using var view = buffer.CreateView();
        buffer.Append(Line(1));
        buffer.Clear();
        Assert.Equal(0, buffer.Count);
        Assert.Equal(0, view.Count);
    }
}
