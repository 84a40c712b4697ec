using System.Formats.Tar;
using System.IO.Compression;

namespace PppTui.Tests.Cli;

public class BundleVerbsTests
{
    private const string OwnPassword = "Chap-Pw-9911";
    private const string OtherUsersPassword = "Bob Secret 77";
    private const string PapPassword = "Pap-Pw-3131";
    private const string PeersPassword = "Peers-Pw-5150";
    private const string Pin = "86429713";
    private static readonly string[] Secrets = [OwnPassword, OtherUsersPassword, PapPassword, PeersPassword, Pin];

    private static void SandboxWithSecrets(CliRunner cli)
    {
        cli.Write("/etc/ppp/peers/office",
            "pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname alice\nremotename office\n" +
            $"password \"{PeersPassword}\"\nlogfile /var/log/ppp-office.log\n" +
            "connect \"/usr/sbin/chat -v -f /etc/chatscripts/office\"\nmtu 1400\nlcp-echo-interval 10\n");
        cli.Write("/etc/ppp/options", "lock\nlcp-echo-failure 4\n");
        cli.Write("/etc/ppp/chap-secrets", $"# client server secret addresses\nalice office {OwnPassword} *\nbob other \"{OtherUsersPassword}\" *\n",
            UnixFileMode.UserRead | UnixFileMode.UserWrite);
        cli.Write("/etc/ppp/pap-secrets", $"carol * {PapPassword} *\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        cli.Write("/etc/chatscripts/office", $"ABORT BUSY\n'' AT\nOK AT+CPIN={Pin}\nOK ATD*99#\nCONNECT ''\n");
        cli.Write("/var/log/ppp-office.log",
            $"Dec  6 01:00:00 box chat[12]: send (AT+CPIN={Pin}^M)\nDec  6 01:00:05 box pppd[11]: No response to 4 echo-requests\n");
        cli.Write("/etc/os-release", "NAME=\"Test\"\nPRETTY_NAME=\"Test Linux 1.0\"\n");
        cli.Write("/proc/sys/kernel/osrelease", "6.1.0-test\n");
    }

    private static Dictionary<string, string> ReadBundle(string path)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            using var reader = new StreamReader(entry.DataStream!);
            entries[entry.Name] = reader.ReadToEnd();
        }
        return entries;
    }

    [Fact]
    public void A_bundle_holds_the_profile_files_log_and_reports_but_none_of_the_sandbox_secrets()
    {
        using var cli = new CliRunner();
        SandboxWithSecrets(cli);
        var runner = new FakeServiceRunner
        {
            Answer = spec => new(0, spec.Program.EndsWith("pppd", StringComparison.Ordinal) ? "pppd version 2.4.9\n" : "default via 192.0.2.254 dev eth0\n", "", TimeSpan.Zero),
        };
        var bundlePath = cli.PathOf("/tmp/bundle.tar.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(bundlePath)!);

        var outcome = ServiceCli.Run(cli, runner, null, "--json", "bundle", "office", "-o", bundlePath);

        Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.ToString());
        var json = JsonNode.Parse(outcome.Out)!;
        Assert.Equal(bundlePath, (string?)json["path"]);
        var entries = ReadBundle(bundlePath);
        const string folder = "ppptui-bundle-office/";
        foreach (var expected in new[] { "versions.txt", "doctor.txt", "effective-options.txt", "etc/ppp/peers/office", "etc/ppp/options",
                     "etc/chatscripts/office", "etc/ppp/chap-secrets.masked", "etc/ppp/pap-secrets.masked", "log.txt", "status.txt", "routes.txt" })
            Assert.True(entries.ContainsKey(folder + expected), $"no {expected} in: {string.Join(", ", entries.Keys)}");
        foreach (var (name, text) in entries)
            foreach (var secret in Secrets)
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{name} holds the secret '{secret}':\n{text}");
        Assert.Contains("mtu 1400", entries[folder + "etc/ppp/peers/office"]);
        Assert.Contains("bob other ********", entries[folder + "etc/ppp/chap-secrets.masked"]);
        Assert.Contains("lcp-echo-failure 4  (/etc/ppp/options:2)", entries[folder + "effective-options.txt"]);
        Assert.Contains("No response to 4 echo-requests", entries[folder + "log.txt"]);
        Assert.Contains("kernel: 6.1.0-test", entries[folder + "versions.txt"]);
        Assert.Contains("distribution: Test Linux 1.0", entries[folder + "versions.txt"]);
        Assert.Contains("default via 192.0.2.254", entries[folder + "routes.txt"]);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(bundlePath));
    }

    [Fact]
    public void A_bundle_of_an_unknown_profile_exits_3()
    {
        using var cli = new CliRunner();

        var outcome = ServiceCli.Run(cli, new FakeServiceRunner(), null, "bundle", "nosuch", "-o", cli.PathOf("/b.tar.gz"));

        Assert.Equal(ExitCodes.NotFound, outcome.ExitCode);
        Assert.False(File.Exists(cli.PathOf("/b.tar.gz")));
    }
}
