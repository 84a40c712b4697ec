using PppTui.Core.Tests.Status;

namespace PppTui.Core.Tests.Dialing;

public class LinkDialerTests
{
    private static readonly DialTimings Fast = new(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20));

    private const string SeedPeer = "linkname myvpn\npty \"pptp vpn.example.com --nolaunchpppd\"\nname alice\nusepeerdns\nrequire-mppe-128\ndefaultroute\nmtu 1416\n";

    private static CommandEvent[] Run(int pid, IEnumerable<string> lines, int exit) =>
        [new CommandStarted(pid), .. lines.Select(l => new CommandOutputLine(l, false)), new CommandExited(exit)];

    /// <summary>What the system looks like once pppd detached: the child's process, pid files and interface.</summary>
    private static void Detached(FakeSystem sys, string name, int pid, string iface, int mtu = 1412)
    {
        sys.Pppd(pid, "call", name, "updetach").LinkPidFile(name, pid, iface).InterfacePidFile(iface, pid).Interface(iface, mtu: mtu);
    }

    private static LinkDialer Dialer(FakeSystem sys, FakeCommandRunner runner, ILinkDiagnoser? diagnoser = null) =>
        new(sys.Paths, runner, new PeerOptionsFileReader(sys.Paths), diagnoser ?? new FakeLinkDiagnoser(),
            new PppdCommands("pppd"), timings: Fast);

    // ip answers as on a box whose ppp0 is up with the field report's addresses and holds the default route.
    private static FakeCommandRunner Ppp0UpRunner() => new()
    {
        Run = FakeCommandRunner.Ip(IpJson.Routes(IpJson.DefaultVia("ppp0")), i => IpJson.PppAddress(i, "198.51.100.10", "198.51.100.1")),
    };

    [Fact]
    public async Task Connect_runs_pppd_call_and_reports_every_state_until_up_with_the_live_status()
    {
        using var sys = new FakeSystem().Peer("myvpn", SeedPeer).File_("/etc/ppp/resolv.conf", "nameserver 198.51.100.53\n")
            .File_("/etc/resolv.conf", "nameserver 198.51.100.53\n");
        var runner = Ppp0UpRunner();
        runner.Stream = (_, _) => FakeCommandRunner.Script(Run(900, PppdLogs.PptpUp, 0), () => Detached(sys, "myvpn", 901, "ppp0"));
        var events = new List<LinkEvent>();

        var outcome = await Dialer(sys, runner).ConnectAsync("myvpn", TimeSpan.FromSeconds(10), events.Add);

        Assert.True(outcome.IsUp, outcome.Reason);
        Assert.False(outcome.AlreadyRunning);
        // Up is decided by pppd's lines: the parent's exit may be read before or after that.
        Assert.True(outcome.ExitStatus is null or 0, $"exit status {outcome.ExitStatus}");
        Assert.Equal(["call", "myvpn", "updetach"], runner.Specs.First(s => s.Program == "pppd").Arguments);
        Assert.Equal([LinkState.Starting, LinkState.Connecting, LinkState.NegotiatingIp, LinkState.Up],
            events.OfType<LinkStateChanged>().Select(e => e.New));
        var status = outcome.Status!;
        Assert.Equal(("ppp0", "198.51.100.10", "198.51.100.1", 1412), (status.Interface, status.LocalAddress, status.PeerAddress, status.Mtu));
        Assert.Equal(901, status.Pid);
        Assert.Equal("1416 configured, 1412 after MPPE (MPPE takes 4 bytes)", status.MtuNote);
        Assert.Equal(["198.51.100.53"], status.PeerDns);
        Assert.True(status.OwnsDefaultRoute);
        Assert.Empty(status.Notices);

        var attempt = new DialAttemptStore(sys.Paths).Load("myvpn")!;
        Assert.Equal(LinkState.Up, attempt.Outcome);
        Assert.Equal(900, attempt.Pid);
        Assert.Equal(901, attempt.DaemonPid);
        Assert.Equal(PppdLogs.PptpUp, attempt.Lines);
    }

    [Fact]
    public async Task Up_is_reported_from_pppds_lines_even_while_a_pty_helper_keeps_the_output_open()
    {
        using var sys = new FakeSystem().Peer("myvpn", SeedPeer);
        var runner = Ppp0UpRunner();
        var helperEnds = new TaskCompletionSource();
        // The parent pppd (905) hands over to its child (906) and exits; pptp still holds the pipe.
        runner.Stream = (_, _) =>
        {
            sys.Pppd(905, "call", "myvpn", "updetach");
            return Forever(helperEnds.Task, [new CommandStarted(905), .. PppdLogs.PptpUp.Select(l => new CommandOutputLine(l, false))],
                () => { Detached(sys, "myvpn", 906, "ppp0"); sys.Kill(905); });
        };
        try
        {
            var outcome = await Dialer(sys, runner).ConnectAsync("myvpn", TimeSpan.FromSeconds(20));

            Assert.True(outcome.IsUp, outcome.Reason);
            Assert.False(outcome.TimedOut);
            Assert.Null(outcome.ExitStatus);
            Assert.Equal(906, outcome.Status!.Pid);
            Assert.Equal(906, new DialAttemptStore(sys.Paths).Load("myvpn")!.DaemonPid);
        }
        finally
        {
            helperEnds.SetResult();
        }
    }

    [Fact]
    public async Task A_peers_file_without_linkname_gets_one_on_the_command_line()
    {
        using var sys = new FakeSystem().Peer("dsl", "plugin rp-pppoe.so\nnic-eth0\n");
        var runner = new FakeCommandRunner();
        runner.Stream = (_, _) => FakeCommandRunner.Script([new CommandStarted(1), new CommandExited(2)]);

        await Dialer(sys, runner).ConnectAsync("dsl", TimeSpan.FromSeconds(5));

        Assert.Equal(["call", "dsl", "updetach", "linkname", "dsl"], runner.Specs.Single(s => s.Program == "pppd").Arguments);
    }

    [Fact]
    public async Task A_wrong_password_ends_down_with_the_diagnosis_and_is_kept_for_explain()
    {
        using var sys = new FakeSystem().Peer("myvpn", SeedPeer);
        var runner = new FakeCommandRunner();
        runner.Stream = (_, _) => FakeCommandRunner.Script(Run(910, PppdLogs.PptpWrongPassword, 19));
        var diagnoser = new FakeLinkDiagnoser();
        var events = new List<LinkEvent>();

        var outcome = await Dialer(sys, runner, diagnoser).ConnectAsync("myvpn", TimeSpan.FromSeconds(10), events.Add);

        Assert.Equal(LinkState.Down, outcome.State);
        Assert.Equal(19, outcome.ExitStatus);
        Assert.Equal("auth-failed", outcome.Diagnosis!.Code);
        Assert.Equal("MS-CHAP authentication failed: E=691 Authentication failure", outcome.Diagnosis.Evidence);
        Assert.Single(events.OfType<LinkDown>());
        var explanation = new LinkExplainer(sys.Paths, new PeerOptionsFileReader(sys.Paths), diagnoser, new FakeLogReader()).Explain("myvpn")!;
        Assert.Equal("auth-failed", explanation.Diagnosis!.Code);
        Assert.Equal(19, explanation.ExitStatus);
        Assert.Equal(PppdLogs.PptpWrongPassword, explanation.Lines);
    }

    [Fact]
    public async Task A_link_already_running_is_attached_to_and_not_dialed_again()
    {
        using var sys = new FakeSystem().Peer("myvpn", SeedPeer);
        Detached(sys, "myvpn", 920, "ppp0");
        var runner = Ppp0UpRunner();

        var outcome = await Dialer(sys, runner).ConnectAsync("myvpn", TimeSpan.FromSeconds(5));

        Assert.True(outcome.IsUp);
        Assert.True(outcome.AlreadyRunning);
        Assert.Equal(920, outcome.Status!.Pid);
        Assert.DoesNotContain(runner.Specs, s => s.Program == "pppd");
    }

    [Fact]
    public async Task A_link_found_mid_dial_is_followed_until_it_comes_up()
    {
        using var sys = new FakeSystem().Peer("myvpn", SeedPeer).Pppd(925, "call", "myvpn", "updetach", "linkname", "myvpn")
            .LinkPidFile("myvpn", 925, null);
        var runner = Ppp0UpRunner();
        var events = new List<LinkEvent>();
        var dial = Dialer(sys, runner).ConnectAsync("myvpn", TimeSpan.FromSeconds(10), events.Add);
        await Task.Delay(100);
        sys.Interface("ppp0", mtu: 1412).InterfacePidFile("ppp0", 925).LinkPidFile("myvpn", 925, "ppp0");

        var outcome = await dial;

        Assert.True(outcome.IsUp);
        Assert.True(outcome.AlreadyRunning);
        Assert.Equal([LinkState.Connecting, LinkState.Up], events.OfType<LinkStateChanged>().Select(e => e.New));
    }

    [Fact]
    public async Task When_the_wait_runs_out_pppd_is_left_dialing_and_the_outcome_says_where_it_stands()
    {
        using var sys = new FakeSystem().Peer("dsl", "plugin rp-pppoe.so\nnic-eth0\npersist\n");
        var release = new TaskCompletionSource();
        var runner = new FakeCommandRunner();
        runner.Stream = (_, _) => Forever(release.Task, new CommandStarted(930), new CommandOutputLine("Plugin rp-pppoe.so loaded.", false),
            new CommandOutputLine("Using interface ppp0", false));
        try
        {
            var outcome = await Dialer(sys, runner).ConnectAsync("dsl", TimeSpan.FromMilliseconds(300));

            Assert.True(outcome.TimedOut);
            Assert.Equal(LinkState.Connecting, outcome.State);
            Assert.Contains("pppd (pid 930) keeps trying", outcome.Reason);
            Assert.Contains("ppptui disconnect dsl", outcome.Reason);
            Assert.False(runner.StreamWasCancelled);
        }
        finally
        {
            release.SetResult();
        }
    }

    [Fact]
    public async Task A_persist_link_that_keeps_failing_times_out_redialing_with_the_diagnosis_of_its_failures()
    {
        using var sys = new FakeSystem().Peer("myvpn", SeedPeer).File_("/etc/ppp/options", "persist\nholdoff 30\n");
        var release = new TaskCompletionSource();
        var runner = new FakeCommandRunner();
        runner.Stream = (_, _) => Forever(release.Task, [new CommandStarted(935), .. PppdLogs.PptpWrongPassword.Select(l => new CommandOutputLine(l, false))]);
        try
        {
            var events = new List<LinkEvent>();
            var outcome = await Dialer(sys, runner).ConnectAsync("myvpn", TimeSpan.FromMilliseconds(400), events.Add);

            Assert.True(outcome.TimedOut);
            Assert.Equal(LinkState.Redialing, outcome.State);
            Assert.Equal("auth-failed", outcome.Diagnosis!.Code);
            Assert.Equal("auth-failed for myvpn", events.OfType<LinkStateChanged>().Single(e => e.New == LinkState.Redialing).Reason);
        }
        finally
        {
            release.SetResult();
        }
    }

    [Fact]
    public async Task With_a_logfile_the_progress_is_read_from_the_file_instead_of_stdout()
    {
        using var sys = new FakeSystem().Peer("gprs", "/dev/ttyUSB0\nlogfile /var/log/ppp-gprs.log\nnoipdefault\n")
            .File_("/var/log/ppp-gprs.log", "an older attempt\nConnection terminated.\n");
        var log = sys.Paths.Under("/var/log/ppp-gprs.log");
        var runner = new FakeCommandRunner
        {
            Run = FakeCommandRunner.Ip(IpJson.Routes(), i => IpJson.PppAddress(i, "10.64.0.2", "10.64.0.1", 1500)),
        };
        runner.Stream = (_, _) => FakeCommandRunner.Script([new CommandStarted(940), new CommandExited(0)], () =>
        {
            File.AppendAllLines(log, PppdLogs.ModemUp);
            Detached(sys, "gprs", 941, "ppp0", 1500);
        });
        var events = new List<LinkEvent>();

        var outcome = await Dialer(sys, runner).ConnectAsync("gprs", TimeSpan.FromSeconds(10), events.Add);

        Assert.True(outcome.IsUp, outcome.Reason);
        Assert.Equal(PppdLogs.ModemUp, outcome.Lines);
        Assert.Equal("10.64.0.2", events.OfType<LinkUp>().First().Details.LocalAddress);
        Assert.DoesNotContain("an older attempt", outcome.Lines);
    }

    [Fact]
    public async Task A_failure_written_to_the_logfile_is_diagnosed_from_its_lines()
    {
        using var sys = new FakeSystem().Peer("myvpn", SeedPeer + "logfile /var/log/ppp-myvpn.log\n").File_("/var/log/ppp-myvpn.log", "");
        var runner = new FakeCommandRunner();
        runner.Stream = (_, _) => FakeCommandRunner.Script([new CommandStarted(945), new CommandExited(16)],
            () => File.AppendAllLines(sys.Paths.Under("/var/log/ppp-myvpn.log"), PppdLogs.GreBlocked));

        var outcome = await Dialer(sys, runner).ConnectAsync("myvpn", TimeSpan.FromSeconds(10));

        Assert.Equal(LinkState.Down, outcome.State);
        Assert.Equal("lcp-timeout", outcome.Diagnosis!.Code);
        Assert.Equal(16, outcome.ExitStatus);
    }

    [Fact]
    public async Task A_missing_pppd_is_down_with_the_reason_in_words()
    {
        using var sys = new FakeSystem().Peer("myvpn", SeedPeer);
        var runner = new FakeCommandRunner();
        runner.Stream = (_, _) => FakeCommandRunner.Script([new CommandOutputLine("pppd: No such file or directory", true), new CommandExited(127)]);

        var outcome = await Dialer(sys, runner, new CatalogDiagnoser()).ConnectAsync("myvpn", TimeSpan.FromSeconds(5));

        Assert.Equal(LinkState.Down, outcome.State);
        Assert.Equal("pppd-missing", outcome.Diagnosis!.Code);
        Assert.Contains("apt-get install ppp", outcome.Diagnosis.Fix);
    }

    [Fact]
    public async Task Pppd_killed_with_sigkill_mid_dial_is_down_with_that_reason()
    {
        using var sys = new FakeSystem().Peer("myvpn", SeedPeer);
        var runner = new FakeCommandRunner();
        runner.Stream = (_, _) => FakeCommandRunner.Script(Run(950, PppdLogs.PptpUp.Take(3), 137));

        var outcome = await Dialer(sys, runner, new CatalogDiagnoser()).ConnectAsync("myvpn", TimeSpan.FromSeconds(5));

        Assert.Equal(LinkState.Down, outcome.State);
        Assert.Contains("SIGKILL", outcome.Reason);
    }

    [Fact]
    public async Task A_pppd_that_detached_but_vanished_at_once_is_down()
    {
        using var sys = new FakeSystem().Peer("myvpn", SeedPeer);
        var runner = new FakeCommandRunner { Run = FakeCommandRunner.Ip(IpJson.Routes()) };
        runner.Stream = (_, _) => FakeCommandRunner.Script(Run(960, PppdLogs.PptpUp, 0));

        var outcome = await Dialer(sys, runner).ConnectAsync("myvpn", TimeSpan.FromSeconds(5));

        Assert.Equal(LinkState.Down, outcome.State);
    }

    [Fact]
    public async Task Defaultroute_that_pppd_did_not_add_is_reported_after_up_with_its_log_line()
    {
        using var sys = new FakeSystem().Peer("myvpn", SeedPeer).File_("/etc/resolv.conf", "nameserver 198.51.100.53\n");
        var runner = new FakeCommandRunner
        {
            Run = FakeCommandRunner.Ip(IpJson.Routes(IpJson.PeerRoute("198.51.100.1", "ppp0", "198.51.100.10")),
                i => IpJson.PppAddress(i, "198.51.100.10", "198.51.100.1")),
        };
        string[] lines = [.. PppdLogs.PptpUp.Take(5), "not replacing default route to eth0 [192.0.2.1]", .. PppdLogs.PptpUp.Skip(5)];
        runner.Stream = (_, _) => FakeCommandRunner.Script(Run(970, lines, 0), () => Detached(sys, "myvpn", 971, "ppp0"));
        var events = new List<LinkEvent>();

        var outcome = await Dialer(sys, runner).ConnectAsync("myvpn", TimeSpan.FromSeconds(10), events.Add);

        Assert.True(outcome.IsUp);
        var trap = Assert.Single(outcome.Status!.Notices);
        Assert.Equal("default-route-not-added", trap.Code);
        Assert.Equal("not replacing default route to eth0 [192.0.2.1]", trap.Evidence);
        Assert.Contains(events.OfType<LinkNotice>(), n => n.Diagnosis.Code == "default-route-not-added");
    }

    [Fact]
    public async Task Up_is_reported_once_pppds_ip_up_script_is_done_so_the_dns_it_applies_is_seen()
    {
        using var sys = new FakeSystem().Peer("myvpn", SeedPeer).File_("/etc/ppp/resolv.conf", "nameserver 198.51.100.53\n")
            .File_("/etc/resolv.conf", "nameserver 192.0.2.53\n");
        var runner = Ppp0UpRunner();
        var scriptDone = false;
        runner.Stream = (_, _) => FakeCommandRunner.Script(Run(980, PppdLogs.PptpUp, 0), () =>
        {
            // pppd detached and runs /etc/ppp/ip-up, whose usepeerdns hook merges the DNS a moment later.
            // The script first: once the link can be found, its ip-up child is already there.
            IpUpMergingDns(sys, 982, parentPid: 981, startsAfterMs: 0, () => scriptDone = true);
            Detached(sys, "myvpn", 981, "ppp0");
        });

        var outcome = await Dialer(sys, runner).ConnectAsync("myvpn", TimeSpan.FromSeconds(10));

        Assert.True(outcome.IsUp, outcome.Reason);
        Assert.True(scriptDone);
        Assert.True(outcome.Status!.PeerDnsApplied);
        Assert.Equal(["198.51.100.53"], outcome.Status.Dns);
    }

    [Fact]
    public async Task An_ip_up_script_that_pppd_starts_a_moment_after_it_detached_is_still_awaited()
    {
        using var sys = new FakeSystem().Peer("myvpn", SeedPeer).File_("/etc/ppp/ip-up", "#!/bin/sh\nrun-parts /etc/ppp/ip-up.d\n")
            .File_("/etc/ppp/resolv.conf", "nameserver 198.51.100.53\n").File_("/etc/resolv.conf", "nameserver 192.0.2.53\n");
        var runner = Ppp0UpRunner();
        var scriptDone = false;
        runner.Stream = (_, _) => FakeCommandRunner.Script(Run(990, PppdLogs.PptpUp, 0), () =>
        {
            // Detached, and no ip-up child yet: pppd forks it right after.
            Detached(sys, "myvpn", 991, "ppp0");
            IpUpMergingDns(sys, 992, parentPid: 991, startsAfterMs: 100, () => scriptDone = true);
        });

        var outcome = await Dialer(sys, runner).ConnectAsync("myvpn", TimeSpan.FromSeconds(10));

        Assert.True(outcome.IsUp, outcome.Reason);
        Assert.True(scriptDone);
        Assert.True(outcome.Status!.PeerDnsApplied);
        Assert.DoesNotContain(outcome.Status.Notices, n => n.Code == "peer-dns-not-merged");
    }

    /// <summary>pppd's ip-up child: appears after <paramref name="startsAfterMs"/>, and 300 ms later
    /// its usepeerdns hook has merged the peer's DNS into /etc/resolv.conf and it exits.</summary>
    private static void IpUpMergingDns(FakeSystem sys, int pid, int parentPid, int startsAfterMs, Action done)
    {
        void Start() => sys.Process(pid, ["/bin/sh", "/etc/ppp/ip-up", "ppp0", "", "0", "198.51.100.10", "198.51.100.1", "myvpn"], parentPid: parentPid);
        if (startsAfterMs == 0) Start();
        _ = Task.Run(async () =>
        {
            if (startsAfterMs > 0)
            {
                await Task.Delay(startsAfterMs);
                Start();
            }
            await Task.Delay(300);
            File.WriteAllText(sys.Paths.Under("/etc/resolv.conf"), "nameserver 198.51.100.53\n");
            done();
            sys.Kill(pid);
        });
    }

    [Fact]
    public async Task A_link_whose_pid_files_appear_a_moment_after_pppds_parent_exited_is_up_not_gone()
    {
        using var sys = new FakeSystem().Peer("myvpn", SeedPeer);
        var runner = Ppp0UpRunner();
        // The parent printed the Up lines and exited; the detached child writes its pid files later.
        runner.Stream = (_, _) => FakeCommandRunner.Script(Run(980, PppdLogs.PptpUp, 0), () =>
            _ = Task.Run(async () =>
            {
                await Task.Delay(300);
                Detached(sys, "myvpn", 981, "ppp0");
            }));

        var outcome = await Dialer(sys, runner).ConnectAsync("myvpn", TimeSpan.FromSeconds(10));

        Assert.True(outcome.IsUp, outcome.Reason);
        Assert.Equal(981, outcome.Status!.Pid);
    }

    [Fact]
    public async Task A_pppd_that_detaches_when_IPv6_comes_up_first_is_followed_to_up_though_its_pipe_stays_open()
    {
        using var sys = new FakeSystem().Peer("myvpn", SeedPeer);
        var runner = Ppp0UpRunner();
        // IPV6CP up first: pppd's parent detaches before any IPv4 line, and pptp keeps its stdout open.
        string[] lines = ["Using interface ppp0", "Connect: ppp0 <--> /dev/pts/1", "CHAP authentication succeeded",
            "MPPE 128-bit stateless compression enabled", "local  LL address fe80::1", "remote LL address fe80::2"];
        runner.Stream = (_, _) => HeldOpen([new CommandStarted(990), .. lines.Select(l => new CommandOutputLine(l, false))],
            () => Detached(sys, "myvpn", 991, "ppp0"));

        var outcome = await Dialer(sys, runner).ConnectAsync("myvpn", TimeSpan.FromSeconds(10));

        Assert.True(outcome.IsUp, outcome.Reason);
        Assert.Equal(991, outcome.Status!.Pid);
        Assert.Equal("198.51.100.10", outcome.Status.LocalAddress);
    }

    [Fact]
    public async Task A_link_found_up_before_pppd_added_its_default_route_is_answered_once_the_route_is_there_without_a_false_warning()
    {
        using var sys = new FakeSystem().Peer("myvpn", SeedPeer);
        var routeReads = 0;
        var withRoute = FakeCommandRunner.Ip(IpJson.Routes(IpJson.DefaultVia("ppp0")), i => IpJson.PppAddress(i, "198.51.100.10", "198.51.100.1"));
        var beforeRoute = FakeCommandRunner.Ip(IpJson.Routes(), i => IpJson.PppAddress(i, "198.51.100.10", "198.51.100.1"));
        // The first look at the routes comes between pppd setting the address and adding the default route.
        var runner = new FakeCommandRunner
        {
            Run = spec => spec.Program == "ip" && spec.Arguments.Contains("route") && Interlocked.Increment(ref routeReads) == 1
                ? beforeRoute(spec) : withRoute(spec),
        };
        string[] lines = ["Using interface ppp0", "CHAP authentication succeeded", "local  LL address fe80::1", "remote LL address fe80::2"];
        runner.Stream = (_, _) => HeldOpen([new CommandStarted(992), .. lines.Select(l => new CommandOutputLine(l, false))],
            () => Detached(sys, "myvpn", 993, "ppp0"));

        var outcome = await Dialer(sys, runner).ConnectAsync("myvpn", TimeSpan.FromSeconds(10));

        Assert.True(outcome.IsUp, outcome.Reason);
        Assert.True(outcome.Status!.OwnsDefaultRoute);
        Assert.DoesNotContain(outcome.Status.Notices, n => n.Code == "default-route-not-added");
    }

    private static async IAsyncEnumerable<CommandEvent> HeldOpen(IEnumerable<CommandEvent> events, Action afterLines)
    {
        foreach (var e in events) yield return e;
        afterLines();
        await Task.Delay(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_hung_ip_up_script_holds_up_the_answer_only_until_the_wait_ends()
    {
        using var sys = new FakeSystem().Peer("myvpn", SeedPeer);
        var runner = Ppp0UpRunner();
        runner.Stream = (_, _) => FakeCommandRunner.Script(Run(985, PppdLogs.PptpUp, 0), () =>
        {
            // The script first: once the link can be found, its ip-up child is already there.
            sys.Process(987, ["/etc/ppp/ip-up", "ppp0"], parentPid: 986);
            Detached(sys, "myvpn", 986, "ppp0");
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var outcome = await Dialer(sys, runner).ConnectAsync("myvpn", TimeSpan.FromSeconds(1));

        Assert.True(outcome.IsUp, outcome.Reason);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_modem_that_answers_no_carrier_is_diagnosed_from_the_chat_lines_that_went_to_syslog_only()
    {
        using var sys = new FakeSystem().Peer("modem", "/dev/ttyUSB0\n115200\nconnect \"/usr/sbin/chat -v -f /etc/chatscripts/modem\"\nnoauth\n");
        var t = new DateTimeOffset(2026, 11, 24, 15, 40, 31, TimeSpan.Zero);
        var syslog = new FakeLogReader(
            new PppLogEntry(t.AddSeconds(-5), "chat", 900, "Failed (BUSY)"), // an earlier dial: not this one's
            new PppLogEntry(t, "pppd", 990, "pppd 2.4.9 started by root, uid 0"),
            new PppLogEntry(t, "chat", 991, "send (ATD*99#^M)"),
            new PppLogEntry(t.AddSeconds(2), "chat", 991, "NO CARRIER"),
            new PppLogEntry(t.AddSeconds(2), "chat", 991, "Failed (NO CARRIER)"),
            new PppLogEntry(t.AddSeconds(2), "pppd", 990, "Connect script failed"),
            new PppLogEntry(t.AddSeconds(2), "pppd", 990, "Exit."));
        var runner = new FakeCommandRunner();
        runner.Stream = (_, _) => FakeCommandRunner.Script(Run(990, ["Connect script failed"], 8));
        var dialer = new LinkDialer(sys.Paths, runner, new PeerOptionsFileReader(sys.Paths), new CatalogDiagnoser(),
            new PppdCommands("pppd"), timings: Fast, logs: syslog);

        var outcome = await dialer.ConnectAsync("modem", TimeSpan.FromSeconds(10));

        Assert.Equal(LinkState.Down, outcome.State);
        Assert.Equal("chat-abort", outcome.Diagnosis!.Code);
        Assert.Contains("NO CARRIER", outcome.Diagnosis.Cause);
        Assert.Equal(8, outcome.ExitStatus);
        Assert.Equal(["Connect script failed", "send (ATD*99#^M)", "NO CARRIER", "Failed (NO CARRIER)"], outcome.Lines);
        var explanation = new LinkExplainer(sys.Paths, new PeerOptionsFileReader(sys.Paths), new CatalogDiagnoser(), new FakeLogReader()).Explain("modem")!;
        Assert.Equal("chat-abort", explanation.Diagnosis!.Code);
    }

    [Fact]
    public async Task Chat_lines_the_syslog_daemon_writes_after_pppd_exited_are_still_read()
    {
        using var sys = new FakeSystem().Peer("modem", "/dev/ttyUSB0\n115200\nconnect \"/usr/sbin/chat -v -f /etc/chatscripts/modem\"\nnoauth\n");
        var t = new DateTimeOffset(2026, 11, 24, 16, 59, 2, TimeSpan.Zero);
        // The first reads see only pppd's start: the daemon writes the rest a moment later.
        var syslog = new LaggingLogReader(2,
            [new PppLogEntry(t, "pppd", 995, "pppd 2.4.9 started by root, uid 0")],
            [
                new PppLogEntry(t, "pppd", 995, "pppd 2.4.9 started by root, uid 0"),
                new PppLogEntry(t, "chat", 996, "Failed (NO CARRIER)"),
                new PppLogEntry(t, "pppd", 995, "Connect script failed"),
                new PppLogEntry(t, "pppd", 995, "Exit."),
            ]);
        var runner = new FakeCommandRunner();
        runner.Stream = (_, _) => FakeCommandRunner.Script(Run(995, ["Connect script failed"], 8));
        var dialer = new LinkDialer(sys.Paths, runner, new PeerOptionsFileReader(sys.Paths), new CatalogDiagnoser(),
            new PppdCommands("pppd"), timings: Fast, logs: syslog);

        var outcome = await dialer.ConnectAsync("modem", TimeSpan.FromSeconds(10));

        Assert.Equal("chat-abort", outcome.Diagnosis!.Code);
        Assert.True(syslog.Reads >= 3);
    }

    private static IAsyncEnumerable<CommandEvent> Forever(Task until, params CommandEvent[] first) => Forever(until, first, null);

    private static async IAsyncEnumerable<CommandEvent> Forever(Task until, CommandEvent[] first, Action? afterLines)
    {
        foreach (var e in first) yield return e;
        await Task.Delay(30);
        afterLines?.Invoke();
        await until;
        yield return new CommandExited(5);
    }
}

/// <summary>A log source holding the entries a test gives it.</summary>
public sealed class FakeLogReader(params PppLogEntry[] entries) : IPppLogReader
{
    public string Source => "/var/log/syslog";

    public IReadOnlyList<PppLogEntry> ReadRecent(int maxEntries) => entries.TakeLast(maxEntries).ToList();
}

/// <summary>A log whose newest entries appear only after a few reads, like a busy syslog daemon.</summary>
public sealed class LaggingLogReader(int lateReads, PppLogEntry[] early, PppLogEntry[] late) : IPppLogReader
{
    public int Reads { get; private set; }

    public string Source => "/var/log/syslog";

    public IReadOnlyList<PppLogEntry> ReadRecent(int maxEntries) => ++Reads <= lateReads ? early : late;
}
