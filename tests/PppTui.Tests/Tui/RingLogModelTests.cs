using PppTui.Tui.Models;

namespace PppTui.Tests.Tui;

public class RingLogModelTests
{
    private static LogLine L(string text) => new(DateTimeOffset.UnixEpoch, "pppd", text);

    [Fact]
    public void Lines_become_visible_only_when_pumped_and_in_one_change()
    {
        var model = new RingLogModel(10);
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
        var model = new RingLogModel(3);
        foreach (var t in new[] { "1", "2", "3", "4", "5" }) model.Post(L(t));
        LogChange? change = null;
        model.Changed += (_, c) => change = c;
        model.Pump();
        Assert.Equal(["3", "4", "5"], Enumerable.Range(0, model.Count).Select(i => model[i].Text));
        Assert.Equal(new LogChange(5, 2, false), change);
    }

    [Fact]
    public void The_filter_keeps_working_while_old_matches_fall_out_of_the_ring()
    {
        var model = new RingLogModel(4) { Filter = "lcp" };
        foreach (var t in new[] { "LCP a", "x", "LCP b", "y", "LCP c", "z" }) model.Post(L(t));
        model.Pump();
        // The ring holds "LCP b", "y", "LCP c", "z": "LCP a" fell out.
        Assert.Equal(["LCP b", "LCP c"], Enumerable.Range(0, model.Count).Select(i => model[i].Text));
        model.Filter = "";
        Assert.Equal(4, model.Count);
        model.Filter = "-lcp";
        Assert.Equal(["y", "z"], Enumerable.Range(0, model.Count).Select(i => model[i].Text));
    }

    [Fact]
    public void Changing_the_filter_resets_the_view()
    {
        var model = new RingLogModel(4);
        model.Post(L("a"));
        model.Pump();
        LogChange? change = null;
        model.Changed += (_, c) => change = c;
        model.Filter = "a";
        Assert.True(change!.Reset);
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
