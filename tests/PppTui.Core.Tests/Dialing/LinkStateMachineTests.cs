namespace PppTui.Core.Tests.Dialing;

public class LinkStateMachineTests
{
    private static (LinkStateMachine Machine, List<LinkEvent> Events) Dial(string[] lines, int? exit, bool persist = false,
        ILinkDiagnoser? diagnoser = null)
    {
        var machine = new LinkStateMachine("myvpn", persist, diagnoser ?? new FakeLinkDiagnoser());
        var events = new List<LinkEvent>();
        events.AddRange(machine.Observe(new DialStarted(4242)));
        foreach (var line in lines) events.AddRange(machine.Observe(new PppdOutput(line)));
        if (exit is { } status) events.AddRange(machine.Observe(new PppdExited(status)));
        return (machine, events);
    }

    private static List<LinkState> States(IEnumerable<LinkEvent> events) =>
        events.OfType<LinkStateChanged>().Select(e => e.New).ToList();

    [Fact]
    public void A_pptp_dial_goes_through_every_state_and_comes_up_with_its_details()
    {
        var (machine, events) = Dial(PppdLogs.PptpUp, exit: 0);

        Assert.Equal([LinkState.Starting, LinkState.Connecting, LinkState.NegotiatingIp, LinkState.Up], States(events));
        var up = Assert.Single(events.OfType<LinkUp>());
        Assert.Equal("ppp0", up.Details.Interface);
        Assert.Equal("/dev/pts/1", up.Details.Device);
        Assert.Equal("198.51.100.10", up.Details.LocalAddress);
        Assert.Equal("198.51.100.1", up.Details.PeerAddress);
        Assert.Equal(["198.51.100.53"], up.Details.Dns);
        Assert.Equal("MPPE 128-bit stateless", up.Details.Compression);
        Assert.Equal(4242, up.Details.Pid);
        Assert.Equal(LinkState.Up, machine.State);
        Assert.Equal(PppdLogs.PptpUp.Length, events.OfType<LinkLogLine>().Count());
    }

    [Fact]
    public void Up_waits_for_the_dns_lines_that_follow_the_address()
    {
        var machine = new LinkStateMachine("myvpn", false, new FakeLinkDiagnoser());
        machine.Observe(new DialStarted(1));

        var afterAddress = machine.Observe(new PppdOutput("local  IP address 198.51.100.10"));
        var afterDns = machine.Observe(new PppdOutput("primary   DNS address 198.51.100.53"));
        var afterQuiet = machine.Observe(new QuietPeriod());

        Assert.DoesNotContain(afterAddress, e => e is LinkUp);
        Assert.DoesNotContain(afterDns, e => e is LinkUp);
        var up = Assert.Single(afterQuiet.OfType<LinkUp>());
        Assert.Equal(["198.51.100.53"], up.Details.Dns);
    }

    [Fact]
    public void A_pppoe_dial_comes_up_through_the_plugin_lines()
    {
        var (_, events) = Dial(PppdLogs.PppoeUp, exit: 0);

        Assert.Equal([LinkState.Starting, LinkState.Connecting, LinkState.NegotiatingIp, LinkState.Up], States(events));
        Assert.Equal("203.0.113.10", events.OfType<LinkUp>().Single().Details.LocalAddress);
        Assert.Equal("eth-isp", events.OfType<LinkUp>().Single().Details.Device);
    }

    [Fact]
    public void A_modem_dial_counts_the_chat_exchange_as_connecting_and_ignores_the_ipv6_complaint()
    {
        var (machine, events) = Dial(PppdLogs.ModemUp, exit: 0);

        Assert.Equal([LinkState.Starting, LinkState.Connecting, LinkState.Up], States(events));
        Assert.Equal("10.64.0.2", events.OfType<LinkUp>().Single().Details.LocalAddress);
        var notice = Assert.Single(events.OfType<LinkNotice>());
        Assert.Equal("ipv6-off", notice.Diagnosis.Code);
        Assert.Equal(LinkState.Up, machine.State);
    }

    [Fact]
    public void Debug_authentication_packets_show_the_authenticating_state()
    {
        string[] lines =
        [
            "Connect: ppp0 <--> /dev/pts/1",
            "sent [LCP ConfReq id=0x1 <asyncmap 0x0> <magic 0x5a5a5a5a>]",
            "rcvd [CHAP Challenge id=0x1 <a1b2>, name = \"server\"]",
            "sent [CHAP Response id=0x1 <c3d4>, name = \"alice\"]",
            "rcvd [CHAP Success id=0x1 \"S=...\"]",
            "CHAP authentication succeeded",
            "sent [IPCP ConfReq id=0x1 <addr 0.0.0.0>]",
        ];

        var (_, events) = Dial(lines, exit: null);

        Assert.Equal([LinkState.Starting, LinkState.Connecting, LinkState.Authenticating, LinkState.NegotiatingIp], States(events));
    }

    [Fact]
    public void A_wrong_password_ends_down_with_the_diagnosis_of_the_evidence_line()
    {
        var diagnoser = new FakeLinkDiagnoser();

        var (machine, events) = Dial(PppdLogs.PptpWrongPassword, exit: 19, diagnoser: diagnoser);

        var down = Assert.Single(events.OfType<LinkDown>());
        Assert.Equal(19, down.ExitStatus);
        Assert.Equal("auth-failed", down.Diagnosis!.Code);
        Assert.Equal("MS-CHAP authentication failed: E=691 Authentication failure", down.Diagnosis.Evidence);
        Assert.Equal(down.Diagnosis.Cause, down.Reason);
        Assert.Equal(LinkState.Down, machine.State);
        Assert.Equal(PppdLogs.PptpWrongPassword, diagnoser.ExplainCalls[^1].Lines);
        Assert.Equal(19, diagnoser.ExplainCalls[^1].Exit);
    }

    [Fact]
    public void Without_persist_a_dropped_attempt_stays_put_until_pppd_exits()
    {
        var (machine, events) = Dial(PppdLogs.GreBlocked, exit: null);

        Assert.Equal(LinkState.Connecting, machine.State);
        Assert.DoesNotContain(events, e => e is LinkDown);

        var exit = machine.Observe(new PppdExited(16));
        Assert.Equal("lcp-timeout", exit.OfType<LinkDown>().Single().Diagnosis!.Code);
    }

    [Fact]
    public void With_persist_a_dropped_attempt_is_redialing_with_its_reason_and_the_next_attempt_connects()
    {
        var (machine, events) = Dial(PppdLogs.GreBlocked, exit: null, persist: true);

        var redial = events.OfType<LinkStateChanged>().Single(e => e.New == LinkState.Redialing);
        Assert.Equal("lcp-timeout for myvpn", redial.Reason);

        var again = PppdLogs.PptpUp.SelectMany(l => machine.Observe(new PppdOutput(l))).ToList();
        again.AddRange(machine.Observe(new QuietPeriod()));
        Assert.Equal([LinkState.Connecting, LinkState.NegotiatingIp, LinkState.Up], States(again));
    }

    [Fact]
    public void A_link_that_was_up_and_dropped_with_persist_redials()
    {
        var (machine, _) = Dial(PppdLogs.PptpUp, exit: 0, persist: true);

        var drop = new[] { "No response to 4 echo-requests", "Serial link appears to be disconnected.", "Connection terminated." }
            .SelectMany(l => machine.Observe(new PppdOutput(l))).ToList();

        Assert.Equal([LinkState.Redialing], States(drop));
        Assert.Null(machine.Details.LocalAddress);
    }

    [Fact]
    public void Sigterm_goes_through_disconnecting_to_down_on_request()
    {
        var (machine, _) = Dial(PppdLogs.PptpUp, exit: null);
        machine.Observe(new QuietPeriod());

        var events = machine.Observe(new DisconnectRequested("ppptui disconnect")).ToList();
        events.AddRange(machine.Observe(new PppdOutput("Terminating on signal 15")));
        events.AddRange(machine.Observe(new PppdExited(5)));

        Assert.Equal([LinkState.Disconnecting, LinkState.Down], States(events));
        Assert.Equal("disconnected on request", events.OfType<LinkDown>().Single().Reason);
    }

    [Fact]
    public void A_sigterm_from_someone_else_after_a_failed_authentication_is_that_failure_not_a_request()
    {
        // xl2tpd stops its pppd with SIGTERM right after the authentication fails (lab: l2tp-badpass).
        var (_, events) = Dial([.. PppdLogs.PptpUp.Take(3), "MS-CHAP authentication failed: E=691 Authentication failure",
            "Terminating on signal 15"], exit: 5);

        var down = events.OfType<LinkDown>().Single();
        Assert.Equal("auth-failed", down.Diagnosis!.Code);
        Assert.Equal("auth-failed for myvpn", down.Reason);
    }

    [Fact]
    public void A_pppd_someone_else_stopped_and_that_vanished_is_not_down_on_request()
    {
        var (machine, _) = Dial(PppdLogs.PptpUp, exit: 0);
        machine.Observe(new PppdOutput("Modem hangup"));
        machine.Observe(new PppdOutput("Terminating on signal 15"));

        var down = machine.Observe(new LinkProbed(new LinkProbe(ProcessAlive: false, Pid: 4242, Interface: null, InterfaceUp: false, LocalAddress: null, PeerAddress: null, Mtu: null))).OfType<LinkDown>().Single();

        Assert.NotEqual("disconnected on request", down.Reason);
        Assert.Equal("hangup", down.Diagnosis!.Code);
    }

    [Fact]
    public void A_hangup_signal_means_redialing_with_persist_and_disconnecting_without()
    {
        var (withPersist, _) = Dial(PppdLogs.PptpUp, exit: 0, persist: true);
        var (without, _) = Dial(PppdLogs.PptpUp, exit: 0);

        Assert.Equal(LinkState.Redialing, States(withPersist.Observe(new PppdOutput("Hangup (SIGHUP)"))).Single());
        Assert.Equal(LinkState.Disconnecting, States(without.Observe(new PppdOutput("Hangup (SIGHUP)"))).Single());
    }

    [Fact]
    public void Pppd_killed_with_sigkill_while_attached_is_down_with_the_signal_as_reason()
    {
        var (machine, _) = Dial(PppdLogs.PptpUp.Take(3).ToArray(), exit: null, diagnoser: new CatalogDiagnoser());

        var events = machine.Observe(new PppdExited(137));

        var down = events.OfType<LinkDown>().Single();
        Assert.Equal("killed", down.Diagnosis!.Code);
        Assert.Contains("SIGKILL", down.Reason);
    }

    [Fact]
    public void A_link_found_running_comes_up_from_a_probe_and_goes_down_when_pppd_vanishes()
    {
        var machine = new LinkStateMachine("work", false, new FakeLinkDiagnoser());

        var dialing = machine.Observe(new LinkProbed(new LinkProbe(true, 77, null, false, null, null, null)));
        var up = machine.Observe(new LinkProbed(new LinkProbe(true, 77, "ppp1", true, "10.0.0.2", "10.0.0.1", 1500)));
        var again = machine.Observe(new LinkProbed(new LinkProbe(true, 77, "ppp1", true, "10.0.0.2", "10.0.0.1", 1500)));
        var gone = machine.Observe(new LinkProbed(new LinkProbe(false, 77, "ppp1", false, null, null, null, "stale ppp-work.pid, ppp1.pid")));

        Assert.Equal([LinkState.Connecting], States(dialing));
        Assert.Equal([LinkState.Up], States(up));
        Assert.Equal("ppp1", up.OfType<LinkUp>().Single().Details.Interface);
        Assert.Empty(again);
        var down = gone.OfType<LinkDown>().Single();
        Assert.Equal("pppd-vanished", down.Diagnosis!.Code);
        Assert.Contains("SIGKILL", down.Reason);
        Assert.Equal("stale ppp-work.pid, ppp1.pid", down.Diagnosis.Evidence);
    }

    [Fact]
    public void A_probe_that_loses_the_address_of_an_up_link_is_redialing_with_persist()
    {
        var machine = new LinkStateMachine("work", true, new FakeLinkDiagnoser());
        machine.Observe(new LinkProbed(new LinkProbe(true, 77, "ppp1", true, "10.0.0.2", "10.0.0.1", 1500)));

        var lost = machine.Observe(new LinkProbed(new LinkProbe(true, 77, null, false, null, null, null)));

        Assert.Equal([LinkState.Redialing], States(lost));
    }

    [Fact]
    public void A_line_with_a_warning_is_reported_as_a_notice_without_changing_state()
    {
        var (machine, _) = Dial(PppdLogs.PptpUp.Take(5).ToArray(), exit: null);

        var events = machine.Observe(new PppdOutput("not replacing default route to eth0 [192.0.2.1]"));

        Assert.Equal("default-route-not-added", events.OfType<LinkNotice>().Single().Diagnosis.Code);
        Assert.Empty(States(events));
    }

    [Fact]
    public void Every_event_carries_the_link_name_and_the_time_it_was_observed()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var machine = new LinkStateMachine("myvpn", false, new FakeLinkDiagnoser(), time: time);

        var events = machine.Observe(new DialStarted(1));

        Assert.All(events, e => Assert.Equal("myvpn", e.Link));
        Assert.All(events, e => Assert.Equal(time.Now, e.At));
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}

public class PppdProgressTests
{
    [Theory]
    [InlineData("Using interface ppp0", PppdLineKind.Connecting, "ppp0")]
    [InlineData("Connect: ppp0 <--> /dev/ttyUSB0", PppdLineKind.Connecting, "ppp0")]
    [InlineData("Serial connection established.", PppdLineKind.Connecting, null)]
    [InlineData("PPP session is 7", PppdLineKind.Connecting, null)]
    [InlineData("Plugin rp-pppoe.so loaded.", PppdLineKind.Starting, null)]
    [InlineData("CHAP authentication succeeded", PppdLineKind.NegotiatingIp, null)]
    [InlineData("PAP authentication succeeded", PppdLineKind.NegotiatingIp, null)]
    [InlineData("MPPE 128-bit stateless compression enabled", PppdLineKind.NegotiatingIp, "MPPE 128-bit stateless")]
    [InlineData("local  IP address 198.51.100.10", PppdLineKind.LocalAddress, "198.51.100.10")]
    [InlineData("remote IP address 198.51.100.1", PppdLineKind.RemoteAddress, "198.51.100.1")]
    [InlineData("primary   DNS address 198.51.100.53", PppdLineKind.Dns, "198.51.100.53")]
    [InlineData("secondary DNS address 198.51.100.54", PppdLineKind.Dns, "198.51.100.54")]
    [InlineData("Terminating on signal 15", PppdLineKind.Terminating, "15")]
    [InlineData("Hangup (SIGHUP)", PppdLineKind.Hangup, null)]
    [InlineData("Connection terminated.", PppdLineKind.AttemptEnded, null)]
    [InlineData("Modem hangup", PppdLineKind.AttemptEnded, null)]
    [InlineData("LCP terminated by peer (MPPE required but peer refused)", PppdLineKind.AttemptEnded, null)]
    [InlineData("IPv6 socket creation failed", PppdLineKind.Other, null)]
    [InlineData("Connect time 5.0 minutes.", PppdLineKind.Other, null)]
    public void Each_marker_line_says_how_far_the_link_got(string line, PppdLineKind kind, string? value)
    {
        var classified = PppdProgress.Classify(line);

        Assert.Equal(kind, classified.Kind);
        Assert.Equal(value, classified.Value);
    }
}
