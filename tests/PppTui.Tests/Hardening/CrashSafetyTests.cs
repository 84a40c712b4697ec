namespace PppTui.Tests.Hardening;

/// <summary>
/// ppptui killed with SIGKILL at random moments while applying: every file is afterwards either
/// the old or the new version, never a mix, and the secrets file keeps mode 0600.
/// PPPTUI_LONG_TESTS=1 runs ten times as many kills.
/// </summary>
public class CrashSafetyTests
{
    private static readonly int Kills = Environment.GetEnvironmentVariable("PPPTUI_LONG_TESTS") == "1" ? 400 : 40;

    [Fact]
    public void Killing_apply_at_random_moments_leaves_each_file_whole_and_secrets_private()
    {
        using var cli = new CliRunner();
        // A large peers file makes the write window wide enough for kills to land inside it.
        var padding = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"# padding line {i} to widen the write window\n"));
        cli.Write("/etc/ppp/peers/big", "pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname alice\nremotename big\nmtu 1416\n" + padding);
        cli.Write("/etc/ppp/chap-secrets", "alice big s3cret *\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(0, cli.Run("import", "big").ExitCode);
        var versions = new HashSet<string> { cli.Read("/etc/ppp/peers/big") };
        var random = new Random(20261124);
        var killedMidway = 0;

        for (var i = 0; i < Kills; i++)
        {
            var mtu = i % 2 == 0 ? "1400" : "1416";
            Assert.Equal(0, cli.Run("set", "big", "--mtu", mtu).ExitCode);
            versions.Add(cli.Read("/etc/ppp/peers/big").Replace("mtu 1416", "mtu 1400"));
            versions.Add(cli.Read("/etc/ppp/peers/big").Replace("mtu 1400", "mtu 1416"));
            using var child = StartApply(cli.Root);
            Thread.Sleep(random.Next(0, 250));
            if (!child.HasExited)
            {
                child.Kill();
                killedMidway++;
            }
            child.WaitForExit();

            Assert.Contains(cli.Read("/etc/ppp/peers/big"), versions);
            Assert.Equal("alice big s3cret *\n", cli.Read("/etc/ppp/chap-secrets"));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cli.PathOf("/etc/ppp/chap-secrets")));
        }

        Assert.True(killedMidway > Kills / 4, $"only {killedMidway} of {Kills} kills landed while apply ran");
        // The next apply finishes the job and sweeps what the killed ones left behind.
        Assert.Equal(0, cli.Run("apply", "big", "--force").ExitCode);
        Assert.Empty(Directory.GetFiles(cli.PathOf("/etc/ppp/peers"), ".*.tmp"));
    }

    private static Process StartApply(string root)
    {
        var app = typeof(PppTui.Program).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { app, "--root", root, "apply", "big", "--force" }) info.ArgumentList.Add(arg);
        return Process.Start(info)!;
    }
}
