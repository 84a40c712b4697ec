namespace PppTui.Tests.Cli;

public class ServiceVerbsTests
{
    private static CliRunner WithPeers()
    {
        var cli = new CliRunner();
        cli.Write("/etc/ppp/peers/office", "pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname alice\nnoauth\n");
        return cli;
    }

    [Fact]
    public void Under_a_sandbox_root_enable_runs_systemctl_on_that_root_only()
    {
        using var cli = WithPeers();
        var runner = new FakeServiceRunner();

        var outcome = ServiceCli.Run(cli, runner, null, "service", "enable", "office");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        var command = Assert.Single(runner.Commands);
        Assert.Equal("systemctl", command.Program);
        Assert.Equal([$"--root={cli.Root}", "enable", "ppptui@office.service"], command.Arguments);
        Assert.Contains("wrote /etc/systemd/system/ppptui@.service", outcome.Out);
        Assert.Contains("ExecStart=/usr/sbin/pppd call %i nodetach nolog up_sdnotify", cli.Read("/etc/systemd/system/ppptui@.service"));
    }

    [Fact]
    public void I_can_enable_check_and_disable_a_service_in_a_sandbox_with_the_real_systemctl()
    {
        using var cli = WithPeers();

        var enabled = cli.Run("--json", "service", "enable", "office");
        Assert.True(enabled.ExitCode == 0, enabled.ToString());
        var json = JsonNode.Parse(enabled.Out)!;
        Assert.Equal("ppptui@office.service", (string?)json["unit"]);
        Assert.True((bool)json["status"]!["enabled"]!);
        Assert.Equal("offline", (string?)json["status"]!["systemd"]);
        Assert.True(File.Exists(cli.PathOf("/etc/systemd/system/multi-user.target.wants/ppptui@office.service")));

        var status = cli.Run("service", "status", "office");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("enabled (offline root: not running here)", status.Out);

        var disabled = cli.Run("service", "disable", "office");
        Assert.Equal(0, disabled.ExitCode);
        Assert.False(File.Exists(cli.PathOf("/etc/systemd/system/multi-user.target.wants/ppptui@office.service")));
        Assert.Contains("disabled", cli.Run("service", "status", "office").Out);
    }

    [Fact]
    public void A_profile_never_applied_cannot_become_a_service()
    {
        using var cli = new CliRunner();
        var outcome = ServiceCli.Run(cli, new FakeServiceRunner(), null, "service", "enable", "office");
        Assert.Equal(ExitCodes.Failure, outcome.ExitCode);
        Assert.Contains("/etc/ppp/peers/office does not exist", outcome.Error);
        Assert.Contains("fix: Write the profile's files first: 'ppptui apply office'.", outcome.Error);
    }

    [Fact]
    public void Status_of_every_profile_lists_the_enabled_units_too()
    {
        using var cli = WithPeers();
        cli.Write("/etc/systemd/system/ppptui@.service", "x");
        Directory.CreateDirectory(cli.PathOf("/etc/systemd/system/multi-user.target.wants"));
        File.CreateSymbolicLink(cli.PathOf("/etc/systemd/system/multi-user.target.wants/ppptui@legacy.service"), "/etc/systemd/system/ppptui@.service");

        var outcome = cli.Run("--json", "service", "status");

        var list = JsonNode.Parse(outcome.Out)!.AsArray();
        var legacy = Assert.Single(list);
        Assert.Equal("legacy", (string?)legacy!["profile"]);
        Assert.True((bool)legacy["enabled"]!);
    }

    [Fact]
    public void The_unit_verb_prints_the_template()
    {
        using var cli = new CliRunner();
        var outcome = cli.Run("service", "unit");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Type=notify", outcome.Out);
        Assert.Contains("ExecStart=/usr/sbin/pppd call %i nodetach nolog up_sdnotify", outcome.Out);
    }

    [Fact]
    public void The_version_is_the_release_number()
    {
        using var cli = new CliRunner();
        var outcome = cli.Run("--version");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+\n$", outcome.Out.Replace("\r", ""));
    }
}
