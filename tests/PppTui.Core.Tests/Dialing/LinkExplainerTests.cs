namespace PppTui.Core.Tests.Dialing;

public class LinkExplainerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static LinkExplainer Explainer(FakeSystem sys, IPppLogReader? logs = null) =>
        new(sys.Paths, new PeerOptionsFileReader(sys.Paths), new FakeLinkDiagnoser(), logs ?? new FakeLogReader());

    [Fact]
    public void The_record_of_the_last_dial_is_explained_with_its_exit_status()
    {
        using var sys = new FakeSystem().Peer("myvpn", "noauth\n");
        new DialAttemptStore(sys.Paths).Save(new DialAttempt
        {
            Name = "myvpn", StartedAt = Start, EndedAt = Start.AddSeconds(12), Pid = 100, ExitStatus = 10,
            Outcome = LinkState.Down, Lines = [.. PppdLogs.GreBlocked],
        });

        var explanation = Explainer(sys).Explain("myvpn")!;

        Assert.Equal("lcp-timeout", explanation.Diagnosis!.Code);
        Assert.Equal(10, explanation.ExitStatus);
        Assert.Equal(Start.AddSeconds(12), explanation.When);
        Assert.Equal("ppptui's record of its last dial", explanation.Source);
        Assert.Null(explanation.Note);
    }

    [Fact]
    public void A_drop_after_a_good_dial_is_explained_from_the_syslog_lines_of_the_pppd_that_lived_on()
    {
        using var sys = new FakeSystem().Peer("myvpn", "noauth\n");
        new DialAttemptStore(sys.Paths).Save(new DialAttempt
        {
            Name = "myvpn", StartedAt = Start, EndedAt = Start.AddSeconds(5), Pid = 100, DaemonPid = 101, ExitStatus = 0,
            Outcome = LinkState.Up, Lines = [.. PppdLogs.PptpUp],
        });
        var logs = new FakeLogReader(
            new PppLogEntry(Start.AddSeconds(1), "pppd", 100, "Using interface ppp0"),
            new PppLogEntry(Start.AddMinutes(30), "pppd", 555, "Connect: ppp1 <--> /dev/ttyUSB0"),
            new PppLogEntry(Start.AddHours(1), "pptp", 102, "anon warn[decaps_hdlc:pptp_gre.c:204]: short read (-1): Message too long"),
            new PppLogEntry(Start.AddHours(1), "pppd", 101, "Modem hangup"),
            new PppLogEntry(Start.AddHours(1).AddSeconds(1), "pppd", 101, "Connection terminated."));

        var explanation = Explainer(sys, logs).Explain("myvpn")!;

        Assert.Equal("hangup", explanation.Diagnosis!.Code);
        Assert.Null(explanation.ExitStatus);
        Assert.Contains("Modem hangup", explanation.Lines);
        Assert.Contains("anon warn[decaps_hdlc:pptp_gre.c:204]: short read (-1): Message too long", explanation.Lines);
        Assert.DoesNotContain("Connect: ppp1 <--> /dev/ttyUSB0", explanation.Lines);
        Assert.Contains("/var/log/syslog", explanation.Source);
    }

    [Fact]
    public void A_link_that_died_of_missed_echoes_is_explained_as_keepalives_unanswered_for_n_x_s_seconds_with_the_fix()
    {
        using var sys = new FakeSystem().Peer("dsl", "plugin rp-pppoe.so\nnic-eth0\nlcp-echo-interval 20\nlcp-echo-failure 3\npersist\n");
        new DialAttemptStore(sys.Paths).Save(new DialAttempt
        {
            Name = "dsl", StartedAt = Start, EndedAt = Start.AddSeconds(5), Pid = 300, DaemonPid = 301, ExitStatus = 0,
            Outcome = LinkState.Up, Lines = ["Using interface ppp0", "local  IP address 203.0.113.10"],
        });
        var logs = new FakeLogReader(
            new PppLogEntry(Start.AddHours(2), "pppd", 301, "No response to 3 echo-requests"),
            new PppLogEntry(Start.AddHours(2), "pppd", 301, "Serial link appears to be disconnected."),
            new PppLogEntry(Start.AddHours(2).AddSeconds(1), "pppd", 301, "Connection terminated."));
        var explainer = new LinkExplainer(sys.Paths, new PeerOptionsFileReader(sys.Paths), new CatalogDiagnoser(), logs);

        var d = explainer.Explain("dsl")!.Diagnosis!;

        Assert.Equal("peer-dead", d.Code);
        Assert.Contains("The peer stopped answering keepalives after 3 x 20 seconds", d.Cause);
        Assert.Contains("about 60 s", d.Cause);
        Assert.Contains("`lcp-echo-failure 7`", d.Fix);
        Assert.Contains("/etc/ppp/peers/dsl", d.Fix);
    }

    [Fact]
    public void With_a_logfile_the_lines_since_the_recorded_offset_are_the_account()
    {
        using var sys = new FakeSystem().Peer("gprs", "logfile /var/log/ppp-gprs.log\n")
            .File_("/var/log/ppp-gprs.log", "old line\n" + string.Join('\n', PppdLogs.GreBlocked) + "\n");
        new DialAttemptStore(sys.Paths).Save(new DialAttempt
        {
            Name = "gprs", StartedAt = Start, Outcome = LinkState.Down, ExitStatus = 16, LogFile = "/var/log/ppp-gprs.log",
            LogFileOffset = "old line\n".Length,
        });

        var explanation = Explainer(sys).Explain("gprs")!;

        Assert.Equal(PppdLogs.GreBlocked, explanation.Lines);
        Assert.Equal("lcp-timeout", explanation.Diagnosis!.Code);
    }

    [Fact]
    public void Without_a_record_the_last_attempt_in_the_logfile_is_used()
    {
        var text = string.Join('\n', [.. PppdLogs.PptpUp, "Terminating on signal 15", "Connection terminated.", .. PppdLogs.PptpWrongPassword]) + "\n";
        using var sys = new FakeSystem().Peer("myvpn", "logfile /var/log/ppp-myvpn.log\n").File_("/var/log/ppp-myvpn.log", text);

        var explanation = Explainer(sys).Explain("myvpn")!;

        Assert.Equal("auth-failed", explanation.Diagnosis!.Code);
        Assert.Equal(PppdLogs.PptpWrongPassword, explanation.Lines);
    }

    [Fact]
    public void Without_a_record_or_logfile_the_latest_pppd_session_in_syslog_is_used_and_said_to_be_a_guess()
    {
        using var sys = new FakeSystem().Peer("myvpn", "noauth\n");
        var logs = new FakeLogReader(
            new PppLogEntry(Start, "pppd", 300, "Using interface ppp0"),
            new PppLogEntry(Start.AddSeconds(1), "pppd", 300, "Connection terminated."),
            new PppLogEntry(Start.AddMinutes(1), "pppd", 301, "Using interface ppp0"),
            new PppLogEntry(Start.AddMinutes(1).AddSeconds(2), "chat", 302, "Failed (NO CARRIER)"),
            new PppLogEntry(Start.AddMinutes(1).AddSeconds(31), "pppd", 301, "LCP: timeout sending Config-Requests"));

        var explanation = Explainer(sys, logs).Explain("myvpn")!;

        Assert.Equal(["Using interface ppp0", "Failed (NO CARRIER)", "LCP: timeout sending Config-Requests"], explanation.Lines);
        Assert.Equal("lcp-timeout", explanation.Diagnosis!.Code);
        Assert.Contains("may belong to another link", explanation.Note);
    }

    [Fact]
    public void Nothing_anywhere_means_no_explanation()
    {
        using var sys = new FakeSystem().Peer("myvpn", "noauth\n");

        Assert.Null(Explainer(sys).Explain("myvpn"));
    }

    [Fact]
    public void The_last_attempt_of_a_logfile_is_what_follows_the_last_ending()
    {
        string[] lines = ["a", "Connection terminated.", "b", "c", "Connection terminated.", "d"];

        Assert.Equal(["d"], LinkExplainer.LastAttempt(lines));
        Assert.Equal(["b", "c", "Connection terminated."], LinkExplainer.LastAttempt(lines[..5]));
        Assert.Equal(["x", "y"], LinkExplainer.LastAttempt(["x", "y"]));
        Assert.Equal(["b", "Connection terminated.", "Modem hangup", "Waiting for 1 child processes...", "Exit."],
            LinkExplainer.LastAttempt(["a", "Connection terminated.", "b", "Connection terminated.", "Modem hangup",
                "Waiting for 1 child processes...", "Exit."]));
    }
}

public sealed class SyslogFileLogReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ppptui-syslog-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Syslog(DateTime? written, params string[] lines)
    {
        var file = Path.Combine(_dir, "syslog");
        File.WriteAllText(file, string.Join('\n', lines) + "\n");
        if (written is { } time) File.SetLastWriteTime(file, time);
        return file;
    }

    [Fact]
    public void Traditional_and_iso_syslog_lines_parse_into_program_pid_and_message()
    {
        var file = Syslog(new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Local),
            "Nov 24 11:59:01 gw pppd[1234]: local  IP address 198.51.100.10",
            "2026-11-24T11:59:02.123456+00:00 gw pptp[1240]: anon log[main:pptp.c:353]: The synchronous pptp option is NOT activated",
            "Nov  3 01:02:03 gw chat[77]: Failed (NO CARRIER)",
            "not a syslog line");

        var entries = new SyslogFileLogReader([file]).ReadRecent(10);

        Assert.Equal(3, entries.Count);
        var (classic, iso, single) = (entries[0], entries[1], entries[2]);
        Assert.Equal(("pppd", 1234, "local  IP address 198.51.100.10"), (classic.Program, classic.Pid, classic.Message));
        Assert.Equal(new DateTimeOffset(new DateTime(2026, 11, 24, 11, 59, 1, DateTimeKind.Local)), classic.Time);
        Assert.Equal(("pptp", 1240), (iso.Program, iso.Pid));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 11, 59, 2, 123, TimeSpan.Zero).AddTicks(4560), iso.Time);
        Assert.Equal(("chat", 77, "Failed (NO CARRIER)"), (single.Program, single.Pid, single.Message));
    }

    [Fact]
    public void A_traditional_timestamp_takes_its_year_from_when_the_file_was_written_not_from_today()
    {
        // A log last written just after New Year 2025 and read long after (a quiet link, a copied
        // file): its December lines are from 2024. Judged against today they would land in this
        // year or the last, which is wrong for any reading after 2025.
        var file = Syslog(new DateTime(2025, 1, 1, 0, 5, 0, DateTimeKind.Local),
            "Dec 31 23:59:58 gw pppd[9]: Connection terminated.", "Jan  1 00:00:01 gw pppd[9]: Exit.");

        var entries = new SyslogFileLogReader([file]).ReadRecent(10);

        Assert.Equal([2024, 2025], entries.Select(e => e.Time!.Value.Year));
    }

    [Fact]
    public void The_dialer_and_ppptui_logs_count_the_same_ppp_programs_but_only_the_log_view_adds_our_own()
    {
        var file = Syslog(null,
            "Nov 24 11:00:01 gw pppoe-discovery[5]: Timeout waiting for PADO packets",
            "Nov 24 11:00:02 gw pppoe-server[6]: Session 1 created for client 02:00:00:00:00:01",
            "Nov 24 11:00:03 gw ppptui[7]: [INF] dialing dsl");

        var dialer = new SyslogFileLogReader([file]).ReadRecent(10).Select(e => e.Program);
        var shown = new LogFileSource(file).ReadNewest(10, new LogFilter { Programs = LogFilter.DefaultPrograms }).Lines.Select(l => l.Program);

        Assert.Equal(["pppoe-discovery", "pppoe-server"], dialer);
        Assert.Equal(["pppoe-discovery", "pppoe-server", "ppptui"], shown);
    }

    [Fact]
    public void Only_pppd_and_its_helpers_are_read_from_the_file()
    {
        var file = Syslog(null,
            "Nov 24 11:00:00 gw sshd[10]: Accepted publickey for root",
            "Nov 24 11:00:01 gw pppd[11]: pppd 2.4.9 started by root, uid 0",
            "Nov 24 11:00:02 gw chat[12]: send (ATZ^M)",
            "Nov 24 11:00:03 gw kernel: [  1.0] PPP generic driver version 2.4.2",
            "Nov 24 11:00:04 gw pppd[11]: Connect script failed");
        var reader = new SyslogFileLogReader([Path.Combine(_dir, "missing"), file]);

        var entries = reader.ReadRecent(100);

        Assert.Equal(file, reader.Source);
        Assert.Equal(["pppd 2.4.9 started by root, uid 0", "send (ATZ^M)", "Connect script failed"], entries.Select(e => e.Message));
        Assert.Equal(["Connect script failed"], reader.ReadRecent(1).Select(e => e.Message));
    }

    [Fact]
    public void No_syslog_file_reads_as_nothing()
    {
        Assert.Empty(new SyslogFileLogReader(["/nonexistent/ppptui/syslog"]).ReadRecent(10));
    }
}

public class DialAttemptStoreTests
{
    [Fact]
    public void An_attempt_round_trips_and_is_readable_by_its_owner_only()
    {
        using var sys = new FakeSystem();
        var store = new DialAttemptStore(sys.Paths);
        var attempt = new DialAttempt
        {
            Name = "myvpn", StartedAt = DateTimeOffset.UnixEpoch, Pid = 5, ExitStatus = 19, Outcome = LinkState.Down,
            Reason = "wrong password", Lines = ["CHAP authentication failed"],
        };

        Assert.True(store.Save(attempt));
        var loaded = store.Load("myvpn")!;

        Assert.Equal(attempt.Lines, loaded.Lines);
        Assert.Equal(attempt with { Lines = loaded.Lines }, loaded);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.FileFor("myvpn")));
        Assert.Null(store.Load("other"));
        Assert.False(store.Save(attempt with { Name = "../escape" }));
    }

    [Fact]
    public void A_damaged_record_reads_as_none()
    {
        using var sys = new FakeSystem();
        var store = new DialAttemptStore(sys.Paths);
        Directory.CreateDirectory(store.Directory);
        File.WriteAllText(store.FileFor("myvpn"), "{ not json");

        Assert.Null(store.Load("myvpn"));
    }
}

public class PppdLogFileFollowerTests
{
    [Fact]
    public void New_complete_lines_are_returned_once_and_a_half_written_line_waits()
    {
        var file = Path.Combine(Path.GetTempPath(), "ppptui-tail-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllText(file, "before\n");
            var tail = FileFollower.ForPppdLogFile(file, FileFollower.LengthOf(file));
            File.AppendAllText(file, "one\r\ntw");

            Assert.Equal(["one"], tail.ReadNew().Select(l => l.Message));
            File.AppendAllText(file, "o\n");
            Assert.Equal(["two"], tail.ReadNew().Select(l => l.Message));
            Assert.Empty(tail.ReadNew());

            File.WriteAllText(file, "rotated\n");
            Assert.Equal(["rotated"], tail.ReadNew().Select(l => l.Message));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
