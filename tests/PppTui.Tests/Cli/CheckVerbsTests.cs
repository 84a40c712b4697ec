namespace PppTui.Tests.Cli;

/// <summary>
/// <c>new --check</c> and <c>set --check</c>: a dry run that says, as data, whether applying would
/// change a file (the profile's own TOML included), with ppptui's masked diff. Fleet tools (the
/// Ansible collection) decide "changed" from it.
/// </summary>
public class CheckVerbsTests
{
    private const string Password = "Fleet-S3cret-41";

    private static readonly string[] NewOffice =
        ["new", "office", "--kind", "pptp", "--server", "192.0.2.1", "--user", "alice", "--password-stdin"];

    private static JsonElement Json(CliOutcome outcome)
    {
        Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.ToString());
        return JsonDocument.Parse(outcome.Out).RootElement.Clone();
    }

    private static List<string> ChangedPaths(JsonElement plan) =>
        plan.GetProperty("files").EnumerateArray().Where(f => f.GetProperty("changes").GetBoolean())
            .Select(f => f.GetProperty("path").GetString()!).ToList();

    [Fact]
    public void New_with_check_predicts_every_file_and_writes_none_of_them()
    {
        using var cli = new CliRunner();

        var check = Json(cli.RunWithInput(Password + "\n", [.. NewOffice, "--check", "--json"]));

        Assert.True(check.GetProperty("changes").GetBoolean());
        Assert.Equal(["/etc/ppptui/profiles/office.toml", "/etc/ppp/peers/office", "/etc/ppp/chap-secrets"], ChangedPaths(check));
        Assert.False(File.Exists(cli.PathOf("/etc/ppptui/profiles/office.toml")));
        Assert.False(File.Exists(cli.PathOf("/etc/ppp/peers/office")));
        Assert.False(File.Exists(cli.PathOf("/etc/ppp/chap-secrets")));
    }

    [Fact]
    public void Set_with_check_after_the_same_settings_were_applied_reports_no_changes()
    {
        using var cli = new CliRunner();
        Assert.Equal(ExitCodes.Ok, cli.RunWithInput(Password + "\n", NewOffice).ExitCode);

        var again = Json(cli.RunWithInput(Password + "\n",
            "set", "office", "--server", "192.0.2.1", "--user", "alice", "--password-stdin", "--check", "--json"));

        Assert.False(again.GetProperty("changes").GetBoolean());
        Assert.Empty(ChangedPaths(again));
    }

    [Fact]
    public void Set_with_check_shows_the_changed_line_in_a_diff_and_leaves_the_profile_and_files_as_they_were()
    {
        using var cli = new CliRunner();
        cli.RunWithInput(Password + "\n", NewOffice);
        var profileBefore = cli.Read("/etc/ppptui/profiles/office.toml");
        var peersBefore = cli.Read("/etc/ppp/peers/office");

        var text = cli.Run("set", "office", "--mtu", "1400", "--check");
        var check = Json(cli.Run("set", "office", "--mtu", "1400", "--check", "--json"));

        Assert.Contains("+mtu 1400", text.Out);
        Assert.Equal(["/etc/ppptui/profiles/office.toml", "/etc/ppp/peers/office"], ChangedPaths(check));
        Assert.Equal(profileBefore, cli.Read("/etc/ppptui/profiles/office.toml"));
        Assert.Equal(peersBefore, cli.Read("/etc/ppp/peers/office"));
    }

    [Fact]
    public void A_new_password_is_predicted_as_a_change_of_the_secrets_file_without_showing_either_password()
    {
        using var cli = new CliRunner();
        cli.RunWithInput(Password + "\n", NewOffice);

        var text = cli.RunWithInput("Another-S3cret-42\n", "set", "office", "--password-stdin", "--check");
        var check = Json(cli.RunWithInput("Another-S3cret-42\n", "set", "office", "--password-stdin", "--check", "--json"));

        Assert.Equal(["/etc/ppp/chap-secrets"], ChangedPaths(check));
        foreach (var output in new[] { text.Out + text.Error, check.ToString() })
        {
            Assert.DoesNotContain(Password, output);
            Assert.DoesNotContain("Another-S3cret-42", output);
        }
        Assert.Contains(Password, cli.Read("/etc/ppp/chap-secrets"));
    }

    [Fact]
    public void Applying_a_new_description_alone_is_reported_as_a_change_of_the_profile_file()
    {
        using var cli = new CliRunner();
        cli.RunWithInput(Password + "\n", NewOffice);

        var applied = Json(cli.Run("set", "office", "--description", "Head office", "--apply", "--json"));
        var again = Json(cli.Run("set", "office", "--description", "Head office", "--apply", "--json"));

        Assert.True(applied.GetProperty("changed").GetBoolean());
        Assert.Equal(["/etc/ppptui/profiles/office.toml"], applied.GetProperty("written").EnumerateArray().Select(e => e.GetString()));
        Assert.False(again.GetProperty("changed").GetBoolean());
    }
}
