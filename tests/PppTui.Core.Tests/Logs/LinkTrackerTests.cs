namespace PppTui.Core.Tests.Logs;

public class LinkTrackerTests
{
    private static LogLine Line(int pid, string message, string program = "pppd") =>
        new SyslogLineParser("t").Parse($"Nov 24 14:12:01 gw {program}[{pid}]: {message}");

    [Fact]
    public void Pids_given_by_the_dialing_side_name_the_link()
    {
        var tracker = new LinkTracker(new Dictionary<int, string> { [1234] = "myvpn", [1240] = "myvpn" });
        Assert.Equal("myvpn", tracker.Assign(Line(1234, "Modem hangup")).Link);
        Assert.Equal("myvpn", tracker.Assign(Line(1240, "anon log[x]: y", "pptp")).Link);
        Assert.Null(tracker.Assign(Line(99, "Modem hangup")).Link);
    }

    [Fact]
    public void A_pppd_naming_the_links_interface_is_learned()
    {
        var tracker = new LinkTracker();
        tracker.AddInterface("ppp0", "office");

        Assert.Null(tracker.Assign(Line(500, "pppd 2.4.9 started by root, uid 0")).Link);
        Assert.Equal("office", tracker.Assign(Line(500, "Using interface ppp0")).Link);
        Assert.Equal("office", tracker.Assign(Line(500, "LCP terminated by peer")).Link);
        Assert.Null(tracker.Assign(Line(501, "Using interface ppp1")).Link);
    }

    [Fact]
    public void A_restarted_pid_forgets_what_was_learned()
    {
        var tracker = new LinkTracker();
        tracker.AddInterface("ppp0", "office");
        tracker.Assign(Line(500, "Connect: ppp0 <--> /dev/pts/3"));
        Assert.Equal("office", tracker.LinkOf(500));

        tracker.Assign(Line(500, "pppd 2.4.9 started by root, uid 0"));

        Assert.Null(tracker.LinkOf(500));
    }

    [Fact]
    public void A_lookup_asks_the_dialing_side_for_unknown_pids()
    {
        var tracker = new LinkTracker(lookup: pid => pid == 42 ? "dsl" : null);
        Assert.Equal("dsl", tracker.Assign(Line(42, "x")).Link);
    }
}
