using System.Security.Cryptography;

namespace PppTui.Tests.Hardening;

/// <summary>
/// ppptui run by an unprivileged user against a system owned by root: every read-only verb works
/// (or says plainly that a file is root's), every write is refused with exit code 4, the reason
/// and the fix, no stack trace, and not one byte or mode under the root changes. As root the test
/// drops to nobody with setpriv (root ignores file modes); otherwise it runs as the current user
/// against a tree whose modes deny writing.
/// </summary>
public sealed class NotRootTests(ITestOutputHelper output) : IDisposable
{
    private const string Password = "Root-Only-Pw-77";

    private static readonly bool IsRoot = Environment.UserName == "root" || Core.Logging.UnixIdentity.IsRoot;

    private readonly CliRunner _cli = new();

    public void Dispose()
    {
        foreach (var dir in Directory.EnumerateDirectories(_cli.Root, "*", SearchOption.AllDirectories).Prepend(_cli.Root))
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        _cli.Dispose();
    }

    [Fact]
    public void Reads_work_and_writes_are_refused_with_the_fix_for_a_user_who_is_not_root()
    {
        // A system as root would leave it: profiles imported, secrets 0600, a log and a running pppd.
        _cli.Write("/etc/ppp/peers/office", "pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname alice\nremotename office\nrequire-mppe-128\nmtu 1400\n");
        _cli.Write("/etc/ppp/peers/spare", "plugin rp-pppoe.so eth0\nuser bob\n");
        _cli.Write("/etc/ppp/options", "lock\nlcp-echo-interval 30\n");
        _cli.Write("/etc/ppp/chap-secrets", $"alice office {Password} *\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _cli.Write("/var/log/syslog", "Nov 24 14:12:01 host pppd[4321]: Connect: ppp0 <--> /dev/pts/1\nNov 24 14:12:05 host pppd[4321]: MS-CHAP authentication failed: E=691\n");
        _cli.Write("/proc/4321/cmdline", "/usr/sbin/pppd\0call\0office\0updetach\0");
        _cli.Write("/run/ppp-office.pid", "4321\nppp0\n");
        Assert.Equal(0, _cli.Run("import", "office").ExitCode);
        LockDown(_cli.Root);
        var before = Snapshot(_cli.Root);

        var reads = new (string[] Args, string Expect)[]
        {
            (["list"], "office"),
            (["--json", "list"], "\"office\""),
            (["show", "office"], "192.0.2.1"),
            (["--json", "show", "office"], "\"server\": \"192.0.2.1\""),
            (["effective", "office"], "lcp-echo-interval 30"),
            (["--json", "effective", "office"], "\"require-mppe-128\""),
            (["status"], "office"),
            (["logs", "--source", _cli.PathOf("/var/log/syslog")], "MS-CHAP authentication failed"),
            (["explain", "office"], "office"),
        };
        foreach (var (args, expect) in reads)
        {
            var (code, stdout, stderr) = RunUnprivileged(null, args);
            Assert.True(code == 0 || (args[0] == "explain" && code is 0 or 1), $"ppptui {string.Join(' ', args)} exited {code}: {stderr}");
            Assert.Contains(expect, stdout);
            AssertNoStackTrace(stderr);
        }

        // The password is root's: show says where it is only if it can tell, never that it is missing.
        var show = RunUnprivileged(null, "show", "office");
        Assert.DoesNotContain("(not set)", show.Out);
        Assert.Contains("password", show.Out);
        Assert.Contains("root", show.Out);

        // Previews need the secrets file to compute its change: refused with the reason.
        foreach (var verb in new[] { "preview", "diff" })
        {
            var (code, _, stderr) = RunUnprivileged(null, verb, "office");
            Assert.Equal(ExitCodes.NeedsRoot, code);
            Assert.Contains("chap-secrets", stderr);
            Assert.Contains("fix:", stderr);
            Assert.Contains("root", stderr);
            AssertNoStackTrace(stderr);
        }

        var writes = new (string? Stdin, string[] Args)[]
        {
            (Password + "2", ["new", "home", "--kind", "pptp", "--server", "192.0.2.2", "--user", "bob", "--password-stdin"]),
            (null, ["new", "home", "--kind", "pptp", "--server", "192.0.2.2", "--user", "bob", "--no-apply"]),
            (null, ["set", "office", "--mtu", "1300"]),
            (Password + "3", ["set", "office", "--password-stdin"]),
            (null, ["apply", "office"]),
            (null, ["apply"]),
            (null, ["import", "spare"]),
            (null, ["delete", "office"]),
        };
        foreach (var (stdin, args) in writes)
        {
            var (code, stdout, stderr) = RunUnprivileged(stdin, args);
            Assert.True(code == ExitCodes.NeedsRoot, $"ppptui {string.Join(' ', args)} exited {code}, not {ExitCodes.NeedsRoot}:\n{stdout}\n{stderr}");
            Assert.Contains("fix: Run it as root (sudo ppptui ...), or use --root DIR to work on a copy", stderr);
            AssertNoStackTrace(stderr);
            Assert.DoesNotContain(Password, stdout + stderr);
        }

        Assert.Equal(before, Snapshot(_cli.Root));
        output.WriteLine($"{reads.Length + 3} reads and {writes.Length} writes run as {(IsRoot ? "nobody (setpriv)" : Environment.UserName)}; nothing under the root changed");
    }

    [Fact]
    public void A_peers_folder_only_root_and_dip_may_read_is_permission_denied_not_missing()
    {
        _cli.Write("/etc/ppp/peers/provider", "plugin rp-pppoe.so eth0\nuser bob\n");
        LockDown(_cli.Root);
        // Debian's 2750 root:dip: the unprivileged user is neither owner nor in the group.
        File.SetUnixFileMode(_cli.PathOf("/etc/ppp/peers"), IsRoot ? (UnixFileMode)0b111_101_000 : UnixFileMode.None);

        foreach (var args in new[] { new[] { "effective", "provider" }, ["import", "provider"], ["list"] })
        {
            var (code, stdout, stderr) = RunUnprivileged(null, args);
            Assert.True(code == ExitCodes.NeedsRoot, $"ppptui {string.Join(' ', args)} exited {code}:\n{stdout}\n{stderr}");
            Assert.DoesNotContain("does not exist", stderr);
            Assert.Contains("/etc/ppp/peers", stderr);
            AssertNoStackTrace(stderr);
        }
    }

    [Fact]
    public void A_bundle_made_without_root_is_written_partial_with_a_note_of_what_it_could_not_read()
    {
        _cli.Write("/etc/ppp/peers/office", "pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname alice\nremotename office\nmtu 1400\n");
        _cli.Write("/etc/ppp/options", "lock\nlcp-echo-interval 30\n");
        _cli.Write("/etc/ppp/chap-secrets", $"alice office {Password} *\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        LockDown(_cli.Root);
        File.SetUnixFileMode(_cli.PathOf("/etc/ppp/peers"), IsRoot ? (UnixFileMode)0b111_101_000 : UnixFileMode.None);
        var outDir = Path.Join(_cli.Root, "out");
        Directory.CreateDirectory(outDir);
        File.SetUnixFileMode(outDir, (UnixFileMode)0b111_111_111);
        var bundle = Path.Join(outDir, "office.tar.gz");

        var (code, stdout, stderr) = RunUnprivileged(null, "bundle", "office", "-o", bundle);

        Assert.True(code == 0, $"ppptui bundle exited {code}:\n{stdout}\n{stderr}");
        AssertNoStackTrace(stderr);
        Assert.Contains("Partial: ", stdout);
        Assert.Contains("/etc/ppp/chap-secrets: only root may read it", stdout);
        Assert.Contains("/etc/ppp/peers/office: only root may read it", stdout);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var tar = new System.Formats.Tar.TarReader(new System.IO.Compression.GZipStream(File.OpenRead(bundle), System.IO.Compression.CompressionMode.Decompress)))
            while (tar.GetNextEntry() is { } entry)
                entries[entry.Name] = new StreamReader(entry.DataStream!).ReadToEnd();
        var note = entries["ppptui-bundle-office/NOT-READ.txt"];
        Assert.Contains("/etc/ppp/chap-secrets: only root may read it", note);
        Assert.Contains("sudo ppptui bundle office", note);
        Assert.Contains("lcp-echo-interval 30", entries["ppptui-bundle-office/etc/ppp/options"]);
        Assert.DoesNotContain(entries.Keys, k => k.EndsWith("chap-secrets.masked", StringComparison.Ordinal));
        Assert.All(entries.Values, text => Assert.DoesNotContain(Password, text));
    }

    private static void AssertNoStackTrace(string stderr)
    {
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Exception", stderr);
    }

    /// <summary>Root's modes (0755 folders, 0644 files, secrets 0600); without root, folders lose their write bit and secrets all bits.</summary>
    private static void LockDown(string root)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var secret = Path.GetFileName(file) is "chap-secrets" or "pap-secrets";
            File.SetUnixFileMode(file, secret ? (IsRoot ? UnixFileMode.UserRead | UnixFileMode.UserWrite : UnixFileMode.None)
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        foreach (var dir in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Prepend(root))
            File.SetUnixFileMode(dir, IsRoot ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b101_101_101);
    }

    private static List<string> Snapshot(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => $"{Path.GetRelativePath(root, p)} {File.GetUnixFileMode(p)} " +
                         (File.Exists(p) && (IsRoot || Path.GetFileName(p) != "chap-secrets") ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))) : "dir"))
            .ToList();

    private (int Code, string Out, string Error) RunUnprivileged(string? stdin, params string[] args)
    {
        var app = typeof(PppTui.Program).Assembly.Location;
        ProcessStartInfo info;
        if (IsRoot)
        {
            if (!File.Exists("/usr/bin/setpriv") && !File.Exists("/bin/setpriv"))
                throw new InvalidOperationException("running as root, this test needs setpriv (util-linux) to drop to an unprivileged user");
            info = new ProcessStartInfo("setpriv");
            foreach (var arg in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "dotnet" }) info.ArgumentList.Add(arg);
        }
        else info = new ProcessStartInfo("dotnet");
        foreach (var arg in new[] { app, "--root", _cli.Root }.Concat(args)) info.ArgumentList.Add(arg);
        info.RedirectStandardInput = info.RedirectStandardOutput = info.RedirectStandardError = true;
        // No writable home: ppptui's own log must fall back quietly, not fail the command.
        info.Environment["HOME"] = "/nonexistent";
        info.Environment.Remove("XDG_STATE_HOME");
        info.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        using var process = Process.Start(info)!;
        if (stdin is not null) process.StandardInput.WriteLine(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), $"ppptui {string.Join(' ', args)} did not finish");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
