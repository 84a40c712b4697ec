namespace PppTui.Tests.Hardening;

/// <summary>
/// Settings a profile gets from another file pppd reads (options.pptp, /etc/ppp/options) are shown
/// as inherited with their file:line, and every fix the doctor suggests for them works: each
/// suggested command is run, and the finding is gone.
/// </summary>
public sealed partial class InheritedSettingsTests : IDisposable
{
    private const string Peers = "pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname alice\nremotename office\nfile /etc/ppp/options.pptp\n";

    private static readonly DefaultRoute[] OtherDefault = [new("192.0.2.254", "eth0")];

    private readonly List<CliRunner> _sandboxes = [];

    public void Dispose()
    {
        foreach (var cli in _sandboxes) cli.Dispose();
    }

    [GeneratedRegex(@"ppptui (set \S+(?: --[a-z-]+ [^\s;()]+)+)")]
    private static partial Regex SetCommand();

    private CliRunner Sandbox(string optionsPptp, string peers = Peers, string? options = null)
    {
        var cli = new CliRunner();
        _sandboxes.Add(cli);
        cli.Write("/etc/ppp/options.pptp", optionsPptp);
        if (options is not null) cli.Write("/etc/ppp/options", options);
        cli.Write("/etc/ppp/peers/office", peers);
        Assert.Equal(ExitCodes.Ok, cli.Run("import", "office").ExitCode);
        return cli;
    }

    private static IReadOnlyList<EffectiveOption> Effective(CliRunner cli) => new ProfileService(new SystemPaths(cli.Root)).Effective("office");

    private static List<string[]> SuggestedCommands(string fix) =>
        SetCommand().Matches(fix).Select(m => m.Groups[1].Value.TrimEnd('.', ',').Split(' ')).ToList();

    [Fact]
    public void Show_names_a_default_route_inherited_from_options_pptp_with_its_file_and_line()
    {
        var cli = Sandbox("lock\nnoauth\ndefaultroute\n");

        var show = cli.Run("show", "office");
        var json = cli.Run("--json", "show", "office");

        Assert.Contains("inherited: defaultroute from /etc/ppp/options.pptp:3", show.Out);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Contains(document.RootElement.GetProperty("inherited").EnumerateArray(),
            i => i.GetProperty("field").GetString() == "default-route" && i.GetProperty("source").GetString() == "/etc/ppp/options.pptp:3");
    }

    [Theory]
    [InlineData("lock\ndefaultroute\n", Peers)]
    [InlineData("lock\n", Peers + "defaultroute\n")]
    public void Every_fix_suggested_for_a_default_route_that_adds_nothing_makes_the_finding_go_away(string optionsPptp, string peers)
    {
        var finding = OptionRules.DefaultRouteRule("office", Effective(Sandbox(optionsPptp, peers)), OtherDefault);
        Assert.Equal(CheckStatus.Warn, finding.Status);
        var commands = SuggestedCommands(finding.Fix!);
        Assert.Equal(2, commands.Count);

        foreach (var command in commands)
        {
            var cli = Sandbox(optionsPptp, peers);
            Assert.Equal(ExitCodes.Ok, cli.Run(command).ExitCode);
            Assert.Equal(ExitCodes.Ok, cli.Run("apply", "office").ExitCode);

            var after = OptionRules.DefaultRouteRule("office", Effective(cli), OtherDefault);
            Assert.True(after.Status is not CheckStatus.Warn and not CheckStatus.Fail, string.Join(' ', command) + ": " + after.Detail);
        }
    }

    [Fact]
    public void The_fix_suggested_for_an_inherited_auth_makes_the_finding_go_away()
    {
        var cli = Sandbox("lock\n", options: "auth\n");
        var finding = OptionRules.Auth("office", Effective(cli));
        Assert.Equal(CheckStatus.Fail, finding.Status);
        var commands = SuggestedCommands(finding.Fix!);
        Assert.Single(commands);

        Assert.Equal(ExitCodes.Ok, cli.Run(commands[0]).ExitCode);
        Assert.Equal(ExitCodes.Ok, cli.Run("apply", "office").ExitCode);

        Assert.Equal(CheckStatus.Ok, OptionRules.Auth("office", Effective(cli)).Status);
    }
}
