namespace PppTui.Core.Tests.Logs;

public class LogSourceDetectorTests
{
    private static readonly LogReaderIdentity Root = new(true, new HashSet<string>(), "root");
    private static readonly LogReaderIdentity Alice = new(false, new HashSet<string> { "alice" }, "alice");
    private static readonly LogReaderIdentity AliceInAdm = new(false, new HashSet<string> { "alice", "adm" }, "alice");

    private static LogSourceDetector Detector(SystemPaths paths, LogReaderIdentity who, bool journalctl = true,
        Func<string, bool>? canRead = null, IReadOnlyList<string>? systemJournal = null) =>
        new(paths, who, _ => journalctl, canRead ?? (_ => true), systemJournal);

    // The root in dir, with these files (a line each) in its /var/log.
    private static SystemPaths VarLogWith(TempDir dir, params string[] files)
    {
        var paths = new SystemPaths(dir.Path);
        Directory.CreateDirectory(paths.VarLog);
        foreach (var file in files) File.WriteAllText(Path.Join(paths.VarLog, file), "x\n");
        return paths;
    }

    [Fact]
    public void Auto_reads_the_syslog_file_when_there_is_no_journal()
    {
        using var dir = new TempDir();
        var paths = VarLogWith(dir, "syslog");

        var decision = Detector(paths, Root).Decide("auto");

        Assert.Equal(LogSourceKind.File, decision.Plan?.Kind);
        Assert.Equal(Path.Join(paths.VarLog, "syslog"), decision.Plan?.FilePath);
    }

    [Fact]
    public void Auto_prefers_the_more_recently_written_of_syslog_and_messages()
    {
        using var dir = new TempDir();
        var paths = VarLogWith(dir, "syslog", "messages");
        File.SetLastWriteTimeUtc(Path.Join(paths.VarLog, "syslog"), DateTime.UtcNow.AddDays(-3));

        Assert.EndsWith("messages", Detector(paths, Root).Decide("auto").Plan!.FilePath);
    }

    [Fact]
    public void Auto_prefers_a_journal_under_the_root()
    {
        using var dir = new TempDir();
        var paths = VarLogWith(dir, "syslog");
        var machine = Path.Join(paths.Under("/var/log/journal"), "0123abcd");
        Directory.CreateDirectory(machine);
        File.WriteAllText(Path.Join(machine, "system.journal"), "");

        var plan = Detector(paths, Root).Decide("auto").Plan!;

        Assert.Equal(LogSourceKind.Journal, plan.Kind);
        Assert.Equal(machine, plan.JournalDirectory);
    }

    [Fact]
    public void Nothing_at_all_says_there_is_no_journal_and_no_syslog_file()
    {
        using var dir = new TempDir();
        var decision = Detector(new SystemPaths(dir.Path), Root).Decide("auto");

        Assert.Null(decision.Plan);
        Assert.All(["No readable log source", "no journal", "syslog", "rsyslog"], part => Assert.Contains(part, decision.Problem));
    }

    [Fact]
    public void An_unreadable_syslog_names_the_adm_group()
    {
        using var dir = new TempDir();
        var paths = VarLogWith(dir, "syslog");

        var decision = Detector(paths, Alice, canRead: _ => false).Decide("auto");

        Assert.Null(decision.Plan);
        Assert.Contains("alice may not read it", decision.Problem);
        Assert.Contains("usermod -aG adm alice", decision.Problem);
    }

    [Fact]
    public void On_the_live_system_a_user_outside_the_journal_groups_is_told_why()
    {
        using var dir = new TempDir();
        var journal = Path.Join(dir.Path, "journal");
        Directory.CreateDirectory(journal);
        File.WriteAllText(Path.Join(journal, "system.journal"), "");
        // The live system ("/") with this test's journal directory and no syslog reachable.
        var detector = new LogSourceDetector(new SystemPaths("/"), Alice, _ => true, _ => false, [journal]);

        var decision = detector.Decide("auto");

        // Whether or not this machine has a syslog file, the journal's refusal is explained.
        var said = decision.Problem ?? decision.Plan!.Why;
        Assert.Contains("not root and not in the systemd-journal or adm group", said);
        Assert.Contains("usermod -aG systemd-journal alice", said);
    }

    [Fact]
    public void A_member_of_adm_may_read_the_live_journal()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("system.journal"), "");
        var detector = new LogSourceDetector(new SystemPaths("/"), AliceInAdm, _ => true, _ => true, [dir.Path]);
        Assert.Equal(LogSourceKind.Journal, detector.Decide("auto").Plan?.Kind);
    }

    [Fact]
    public void An_empty_live_journal_directory_is_explained_and_syslog_is_used_instead()
    {
        using var journal = new TempDir();
        using var root = new TempDir();
        var detector = new LogSourceDetector(new SystemPaths("/"), Root, _ => true, _ => false, [journal.Path]);

        var said = detector.Decide("auto") is { Plan: { } plan } ? plan.Why : detector.Decide("auto").Problem!;

        Assert.Contains("has no files yet", said);
    }

    [Fact]
    public void Without_journalctl_the_journal_is_not_an_option()
    {
        using var dir = new TempDir();
        var decision = Detector(new SystemPaths("/"), Root, journalctl: false, systemJournal: [dir.Path]).Decide("journal");
        Assert.Null(decision.Plan);
        Assert.Contains("journalctl is not installed", decision.Problem);
    }

    [Fact]
    public void A_missing_path_is_not_found_unless_following_waits_for_it()
    {
        using var dir = new TempDir();
        var detector = Detector(new SystemPaths(dir.Path), Root);
        var missing = Path.Join(dir.Path, "ppp.log");

        var now = detector.Decide(missing);
        var later = detector.Decide(missing, follow: true);

        Assert.True(now.NotFound);
        Assert.Contains("does not exist", now.Problem);
        Assert.Equal(missing, later.Plan?.FilePath);
        Assert.Contains("waiting for it to appear", later.Plan?.Why);
    }
}
