namespace PppTui.Core.Tests.Dialing;

/// <summary>Dialing a link whose pppd xl2tpd starts: IPsec first, then "c NAME" to the control file.</summary>
public class DaemonDialTests
{
    private const string Lac = "[lac office2]\nlns = 192.0.2.1\npppoptfile = /etc/ppp/peers/office2\n";
    private const string Swan = "connections {\n    ppptui-office2 {\n    }\n}\n";
    private const string Control = "/var/run/xl2tpd/l2tp-control";

    private static LinkManager Manager(SystemPaths paths, FakeCommandRunner runner, IPppLogReader? logs = null, FakeProcessSignals? signals = null) =>
        new(new LinkServices(paths, runner, signals ?? new FakeProcessSignals(), new PeerOptionsFileReader(paths),
            new CatalogDiagnoser(), logs ?? new FakeLogReader(), new PppdCommands("pppd"), () => true, TimeProvider.System,
            new DialTimings(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20))));

    private static FakeSystem L2tpPeer(bool ipsec, bool xl2tpdRuns = true)
    {
        var sys = new FakeSystem().Peer("office2", "linkname office2\nuser alice\nremotename office2\n")
            .File_("/etc/xl2tpd/xl2tpd.conf", Lac);
        // A plain file stands in for xl2tpd's FIFO: what is written to it can be read back.
        if (xl2tpdRuns) sys.File_(Control, "");
        if (ipsec) sys.File_("/etc/swanctl/conf.d/ppptui-office2.conf", Swan);
        return sys;
    }

    [Fact]
    public async Task An_l2tp_ipsec_dial_brings_ipsec_up_before_it_tells_xl2tpd_to_dial()
    {
        using var sys = L2tpPeer(ipsec: true);
        var runner = new FakeCommandRunner();
        runner.Run = spec =>
        {
            // The LAC dials only after IPsec: when swanctl runs, xl2tpd has not been told yet.
            Assert.Equal("", File.ReadAllText(sys.Paths.Resolve(Control)));
            return new CommandResult(0, "", "", TimeSpan.Zero);
        };

        var outcome = await Manager(sys.Paths, runner).ConnectAsync("office2", TimeSpan.FromMilliseconds(300));

        Assert.Equal(["--load-all --noprompt", "--initiate --child ppptui-office2 --timeout 30"],
            runner.Specs.Select(s => string.Join(' ', s.Arguments)));
        Assert.Equal("c office2\n", File.ReadAllText(sys.Paths.Resolve(Control)));
        Assert.NotEqual(LinkState.Up, outcome.State);
    }

    [Fact]
    public async Task Plain_l2tp_runs_no_ipsec_command()
    {
        using var sys = L2tpPeer(ipsec: false);
        var runner = new FakeCommandRunner();

        await Manager(sys.Paths, runner).ConnectAsync("office2", TimeSpan.FromMilliseconds(200));

        Assert.Empty(runner.Specs);
        Assert.Equal("c office2\n", File.ReadAllText(sys.Paths.Resolve(Control)));
    }

    [Fact]
    public async Task Without_xl2tpd_the_dial_ends_down_saying_xl2tpd_is_not_running()
    {
        using var sys = L2tpPeer(ipsec: false, xl2tpdRuns: false);

        var outcome = await Manager(sys.Paths, new FakeCommandRunner()).ConnectAsync("office2", TimeSpan.FromSeconds(5));

        Assert.Equal(LinkState.Down, outcome.State);
        Assert.Equal("xl2tpd-not-running", outcome.Diagnosis?.Code);
        Assert.Contains("systemctl start xl2tpd", outcome.Diagnosis!.Fix);
    }

    [Theory]
    [InlineData("[IKE] sending retransmit 5 of request message ID 0, seq 1\n[IKE] giving up after 5 retransmits", "ipsec-no-answer")]
    [InlineData("[IKE] received INVALID_HASH_INFORMATION error notify\n[IKE] establishing connection 'ppptui-office2' failed", "ipsec-psk-wrong")]
    [InlineData("[ENC] invalid HASH_V1 payload length, decryption failed?\n[ENC] could not decrypt payloads", "ipsec-psk-wrong")]
    // The lab's own charon lines when the guest kernel lacked a cipher module.
    [InlineData("[KNL] received netlink error: No such file or directory (2)\n[KNL] unable to add SAD entry with SPI ce56b19c (FAILED)\n" +
                "[IKE] unable to install inbound and outbound IPsec SA (SAD) in kernel\n[ENC] generating INFORMATIONAL_V1 request 2599089542 [ HASH N(NO_PROP) ]",
        "ipsec-kernel-refused")]
    public async Task When_ipsec_fails_the_dial_ends_down_with_why_and_xl2tpd_is_never_told(string swanctlOutput, string code)
    {
        using var sys = L2tpPeer(ipsec: true);
        var runner = new FakeCommandRunner
        {
            Run = spec => spec.Arguments.Contains("--initiate")
                ? new CommandResult(1, swanctlOutput, "initiate failed: establishing CHILD_SA 'ppptui-office2' failed", TimeSpan.Zero)
                : new CommandResult(0, "", "", TimeSpan.Zero),
        };

        var outcome = await Manager(sys.Paths, runner).ConnectAsync("office2", TimeSpan.FromSeconds(5));

        Assert.Equal(LinkState.Down, outcome.State);
        Assert.Equal(code, outcome.Diagnosis?.Code);
        Assert.Equal("", File.ReadAllText(sys.Paths.Resolve(Control)));
    }

    [Fact]
    public async Task When_xl2tpd_gives_up_on_the_tunnel_the_dial_ends_down_saying_the_lns_does_not_answer()
    {
        using var sys = L2tpPeer(ipsec: false);
        var logs = new FakeLogReader(new PppLogEntry(DateTimeOffset.UtcNow.AddSeconds(2), "xl2tpd", 700,
            "Maximum retries exceeded for tunnel 40291.  Closing."));

        var outcome = await Manager(sys.Paths, new FakeCommandRunner(), logs).ConnectAsync("office2", TimeSpan.FromSeconds(5));

        Assert.Equal(LinkState.Down, outcome.State);
        Assert.Equal("l2tp-no-answer", outcome.Diagnosis?.Code);
        Assert.Contains("192.0.2.1", outcome.Diagnosis!.Cause);
    }

    [Fact]
    public async Task Disconnect_tells_xl2tpd_to_hang_up_stops_pppd_and_takes_ipsec_down()
    {
        using var sys = L2tpPeer(ipsec: true);
        sys.Process(8100, ["/usr/sbin/pppd", "38400", "passive", "nodetach", "file", "/etc/ppp/peers/office2"]).LinkPidFile("office2", 8100, "ppp0");
        var signals = new FakeProcessSignals().Running(8100);
        signals.OnDeath = pid => sys.Kill(pid);
        var runner = new FakeCommandRunner();

        var outcome = await Manager(sys.Paths, runner, signals: signals).DisconnectAsync("office2", force: false);

        Assert.True(outcome.Stopped);
        Assert.Equal("d office2\n", File.ReadAllText(sys.Paths.Resolve(Control)));
        Assert.Equal("--terminate --ike ppptui-office2 --timeout 10", string.Join(' ', runner.Specs.Single().Arguments));
        Assert.Contains("--terminate --ike ppptui-office2", outcome.Message);
    }

    [Fact]
    public async Task An_ipsec_command_that_exits_0_but_says_the_sa_failed_ends_the_dial_down_before_xl2tpd_is_told()
    {
        using var sys = L2tpPeer(ipsec: true);
        // What `ipsec up` printed in the lab, with exit status 0, when the kernel refused the SA.
        var runner = new FakeCommandRunner
        {
            Run = spec => spec.Arguments.Contains("--initiate")
                ? new CommandResult(0, "[KNL] unable to add SAD entry with SPI c8555424 (FAILED)\n" +
                    "[IKE] unable to install inbound and outbound IPsec SA (SAD) in kernel\n" +
                    "establishing connection 'ppptui-office2' failed", "", TimeSpan.Zero)
                : new CommandResult(0, "", "", TimeSpan.Zero),
        };

        var outcome = await Manager(sys.Paths, runner).ConnectAsync("office2", TimeSpan.FromSeconds(5));

        Assert.Equal(LinkState.Down, outcome.State);
        Assert.Equal("ipsec-kernel-refused", outcome.Diagnosis?.Code);
        Assert.Equal("", File.ReadAllText(sys.Paths.Resolve(Control)));
    }

    [Fact]
    public void Our_own_hang_up_of_an_l2tp_tunnel_is_not_taken_for_a_refusal()
    {
        var ours = DiagnosisCatalog.MatchLine("control_finish: Connection closed to 192.0.2.1, port 1701 (Goodbye!), Local: 5, Remote: 9");
        var theirs = DiagnosisCatalog.MatchLine("control_finish: Connection closed to 192.0.2.1, port 1701 (No Authorization), Local: 5, Remote: 9");

        Assert.Null(ours);
        Assert.Equal("l2tp-refused", theirs?.Code);
    }
}

public class DaemonDialLabLinesTests
{
    [Fact]
    public async Task A_pppd_that_fails_on_its_options_before_its_pid_file_ends_the_dial_down_with_its_own_line()
    {
        // As the lab showed: xl2tpd's pppd refused 'lock' and exited before it wrote a pid file.
        using var sys = new FakeSystem().Peer("office2", "linkname office2\nuser alice\n")
            .File_("/etc/xl2tpd/xl2tpd.conf", "[lac office2]\nlns = 192.0.2.1\npppoptfile = /etc/ppp/peers/office2\n")
            .File_("/var/run/xl2tpd/l2tp-control", "");
        var now = DateTimeOffset.UtcNow.AddSeconds(1);
        var logs = new FakeLogReader(
            new PppLogEntry(now, "pppd", 1433, "In file /etc/ppp/peers/office2: unrecognized option 'lock'"),
            new PppLogEntry(now, "xl2tpd", 1415, "child_handler : pppd exited for call 58001 with code 2"));
        var manager = new LinkManager(new LinkServices(sys.Paths, new FakeCommandRunner(), new FakeProcessSignals(),
            new PeerOptionsFileReader(sys.Paths), new CatalogDiagnoser(), logs, new PppdCommands("pppd"), () => true, TimeProvider.System,
            new DialTimings(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20))));

        var outcome = await manager.ConnectAsync("office2", TimeSpan.FromSeconds(5));

        Assert.Equal(LinkState.Down, outcome.State);
        Assert.Equal("unrecognized-option", outcome.Diagnosis?.Code);
    }

    // As the lab showed under load: a wrong password, and xl2tpd's pppd was refused and gone
    // within the second it started, before a pid file could be seen.
    private static PppLogEntry[] RefusedBeforeItsPidFile(DateTimeOffset at, params PppLogEntry[] before) =>
    [
        .. before,
        new(at, "xl2tpd", 1362, "start_pppd: I'm running: "),
        new(at, "xl2tpd", 1362, "\"/usr/sbin/pppd\" "),
        new(at, "xl2tpd", 1362, "\"file\" "),
        new(at, "xl2tpd", 1362, "\"/etc/ppp/peers/office2\" "),
        new(at, "pppd", 1373, "Plugin pppol2tp.so loaded."),
        new(at, "pppd", 1373, "pppd 2.4.9 started by root, uid 0"),
        new(at, "pppd", 1373, "MS-CHAP authentication failed: Access denied"),
        new(at, "pppd", 1373, "CHAP authentication failed"),
        new(at, "pppd", 1373, "Exit."),
        new(at, "xl2tpd", 1362, "control_finish: Connection closed to 192.0.2.1, serial 1 ()"),
        new(at, "xl2tpd", 1362, "child_handler : pppd exited for call 51156 with code 19"),
    ];

    private static Task<ConnectOutcome> DialWith(params PppLogEntry[] lines)
    {
        var sys = new FakeSystem().Peer("office2", "linkname office2\nuser alice\n")
            .File_("/etc/xl2tpd/xl2tpd.conf", "[lac office2]\nlns = 192.0.2.1\npppoptfile = /etc/ppp/peers/office2\n")
            .File_("/var/run/xl2tpd/l2tp-control", "");
        var manager = new LinkManager(new LinkServices(sys.Paths, new FakeCommandRunner(), new FakeProcessSignals(),
            new PeerOptionsFileReader(sys.Paths), new CatalogDiagnoser(), new FakeLogReader(lines), new PppdCommands("pppd"), () => true,
            TimeProvider.System, new DialTimings(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20))));
        return DisposeAfter(sys, manager.ConnectAsync("office2", TimeSpan.FromSeconds(5)));
    }

    private static async Task<ConnectOutcome> DisposeAfter(FakeSystem sys, Task<ConnectOutcome> dial)
    {
        using (sys) return await dial;
    }

    [Fact]
    public async Task A_pppd_that_xl2tpd_started_and_that_ended_before_its_pid_file_was_seen_still_gives_the_dial_its_reason()
    {
        var outcome = await DialWith(RefusedBeforeItsPidFile(DateTimeOffset.UtcNow.AddSeconds(1)));

        Assert.Equal(LinkState.Down, outcome.State);
        Assert.Equal("auth-rejected", outcome.Diagnosis?.Code);
    }

    [Fact]
    public async Task A_pppd_of_another_link_that_logs_before_xl2tpd_starts_the_dials_own_is_not_taken_for_it()
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(1);
        var outcome = await DialWith(RefusedBeforeItsPidFile(at,
            new PppLogEntry(at, "pppd", 900, "In file /etc/ppp/peers/other: unrecognized option 'lock'"),
            new PppLogEntry(at, "pppd", 900, "Plugin pppol2tp.so loaded.")));

        Assert.Equal("auth-rejected", outcome.Diagnosis?.Code);
        Assert.DoesNotContain(outcome.Lines, line => line.Contains("unrecognized option"));
    }
}
