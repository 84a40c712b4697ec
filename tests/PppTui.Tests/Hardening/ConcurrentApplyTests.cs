namespace PppTui.Tests.Hardening;

/// <summary>
/// Two ppptui processes applying at the same moment: one waits for the other (or refuses with
/// the reason), nothing is interleaved, and the files end as one whole version, with every
/// change that was reported as applied still in them. PPPTUI_LONG_TESTS=1 runs more rounds.
/// </summary>
public class ConcurrentApplyTests(ITestOutputHelper output)
{
    private static readonly int Rounds = Environment.GetEnvironmentVariable("PPPTUI_LONG_TESTS") == "1" ? 40 : 6;

    // Large files widen the time between reading and writing, where two applies could overlap.
    private static readonly string Padding =
        string.Concat(Enumerable.Range(0, 20_000).Select(i => $"# padding line {i} to widen the window between read and write\n"));

    [Fact]
    public void Two_applies_of_one_profile_at_once_leave_one_whole_version_with_an_applied_password()
    {
        using var cli = new CliRunner();
        cli.Write("/etc/ppp/peers/office", "pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname alice\nremotename office\nmtu 1416\n" + Padding);
        cli.Write("/etc/ppp/chap-secrets", "# secrets\n" + Padding + "alice office old-secret *\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(0, cli.Run("import", "office").ExitCode);
        var peers = cli.Read("/etc/ppp/peers/office");
        var (bothApplied, oneRefused) = (0, 0);

        for (var round = 0; round < Rounds; round++)
        {
            var passwords = new[] { $"first-{round}-Pw", $"second-{round}-Pw" };
            var results = RunTogether(cli.Root, [["apply", "office", "--password-stdin"], ["apply", "office", "--password-stdin"]], passwords);

            foreach (var (code, _, error) in results)
            {
                Assert.True(code is 0 or 5, $"apply exited {code}: {error}");
                if (code == 5) Assert.Contains("changed on disk since it was read", error);
                Assert.DoesNotContain("   at ", error);
            }
            Assert.Contains(results, r => r.Code == 0);
            if (results.All(r => r.Code == 0)) bothApplied++;
            else oneRefused++;

            var secrets = SecretsFile.Parse(cli.Read("/etc/ppp/chap-secrets"));
            var record = Assert.Single(secrets.Records, r => r.Client == "alice" && r.Server == "office");
            var applied = passwords.Where((_, i) => results[i].Code == 0).ToList();
            Assert.Contains(record.Secret, applied);
            Assert.StartsWith("# secrets\n# padding line 0", secrets.Text);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cli.PathOf("/etc/ppp/chap-secrets")));
            Assert.Equal(peers, cli.Read("/etc/ppp/peers/office"));
            AssertNoTemporaries(cli);
        }
        output.WriteLine($"{Rounds} rounds of two concurrent applies: both applied (one waited) {bothApplied}, one refused {oneRefused}");
    }

    [Fact]
    public void Two_applies_of_different_profiles_at_once_keep_both_passwords_even_when_forced()
    {
        using var cli = new CliRunner();
        foreach (var name in new[] { "east", "west" })
        {
            cli.Write($"/etc/ppp/peers/{name}", $"pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname {name}-user\nremotename {name}\n" + Padding);
            Assert.Equal(0, cli.Run("import", name).ExitCode);
        }
        cli.Write("/etc/ppp/chap-secrets", "# secrets\n" + Padding, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        for (var round = 0; round < Rounds; round++)
        {
            var passwords = new[] { $"east-{round}-Pw", $"west-{round}-Pw" };
            var results = RunTogether(cli.Root, [["apply", "east", "--force", "--password-stdin"], ["apply", "west", "--force", "--password-stdin"]], passwords);
            foreach (var (code, _, error) in results) Assert.True(code == 0, $"apply exited {code}: {error}");

            var secrets = SecretsFile.Parse(cli.Read("/etc/ppp/chap-secrets"));
            Assert.Equal(passwords[0], Assert.Single(secrets.Records, r => r.Client == "east-user").Secret);
            Assert.Equal(passwords[1], Assert.Single(secrets.Records, r => r.Client == "west-user").Secret);
            Assert.Equal(2, secrets.Records.Count);
            AssertNoTemporaries(cli);
        }
        output.WriteLine($"{Rounds} rounds of two concurrent applies of different profiles: every password kept");
    }

    private static void AssertNoTemporaries(CliRunner cli)
    {
        foreach (var dir in new[] { "/etc/ppp", "/etc/ppp/peers", "/etc/ppptui/profiles" })
            Assert.Empty(Directory.GetFiles(cli.PathOf(dir), "*.tmp"));
    }

    /// <summary>Starts one ppptui process per argument list at the same moment, each given its
    /// line on stdin; the results come back in the order of the commands.</summary>
    private static List<(int Code, string Out, string Error)> RunTogether(string root, string[][] commands, string[] inputs)
    {
        var app = typeof(PppTui.Program).Assembly.Location;
        var processes = new Process[commands.Length];
        using var go = new ManualResetEventSlim();
        var threads = commands.Select((args, i) => new Thread(() =>
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { app, "--root", root }.Concat(args)) info.ArgumentList.Add(arg);
            go.Wait();
            var process = Process.Start(info)!;
            process.StandardInput.WriteLine(inputs[i]);
            process.StandardInput.Close();
            processes[i] = process;
        })).ToList();
        threads.ForEach(t => t.Start());
        go.Set();
        threads.ForEach(t => t.Join());

        var results = new List<(int, string, string)>();
        foreach (var process in processes)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(120_000), "an apply did not finish within two minutes");
            results.Add((process.ExitCode, stdout.Result, stderr.Result));
            process.Dispose();
        }
        return results;
    }
}
