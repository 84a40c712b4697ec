namespace PppTui.Tests.Cli;

public class FleetVerbsTests
{
    private static UnixFileMode OwnerOnly => UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static CliRunner WithOffice()
    {
        var cli = new CliRunner();
        var created = cli.RunWithInput("s3cret\n", "new", "office", "--kind", "pptp", "--server", "192.0.2.1", "--user", "alice", "--password-stdin");
        Assert.True(created.ExitCode == 0, created.ToString());
        return cli;
    }

    [Fact]
    public void I_can_move_a_profile_to_another_server_as_TOML_with_the_password_from_a_secrets_file()
    {
        using var source = WithOffice();
        using var target = new CliRunner();
        var export = source.Run("export", "office");
        Assert.Equal(0, export.ExitCode);
        Assert.DoesNotContain("s3cret", export.Out);
        target.Write("/fleet/office.toml", export.Out);
        target.Write("/fleet/secrets", "office.password=s3cret\n", OwnerOnly);

        var imported = target.Run("import", "--toml", target.PathOf("/fleet/office.toml"), "--secrets-file", target.PathOf("/fleet/secrets"));

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Contains("office: created from", imported.Out);
        Assert.Contains("wrote /etc/ppp/peers/office", imported.Out);
        Assert.Equal(source.Read("/etc/ppp/peers/office"), target.Read("/etc/ppp/peers/office"));
        Assert.Contains("s3cret", target.Read("/etc/ppp/chap-secrets"));

        var again = target.Run("--json", "import", "--toml", target.PathOf("/fleet/office.toml"));
        Assert.Equal(0, again.ExitCode);
        var result = JsonNode.Parse(again.Out)!.AsArray().Single()!;
        Assert.Equal("unchanged", (string?)result["outcome"]);
        Assert.False((bool)result["changed"]!);
    }

    [Fact]
    public void The_password_can_come_from_stdin_for_one_file()
    {
        using var source = WithOffice();
        using var target = new CliRunner();
        target.Write("/office.toml", source.Run("export", "office").Out);

        var imported = target.RunWithInput("from-stdin\n", "import", "--toml", target.PathOf("/office.toml"), "--password-stdin");

        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("from-stdin", target.Read("/etc/ppp/chap-secrets"));
        Assert.DoesNotContain("from-stdin", imported.Out + imported.Error);
    }

    [Fact]
    public void A_password_in_the_TOML_is_refused_with_the_line()
    {
        using var target = new CliRunner();
        target.Write("/office.toml", "name = \"office\"\nkind = \"pptp\"\npassword = \"inline\"\n[pptp]\nserver = \"192.0.2.1\"\n");

        var outcome = target.Run("import", "--toml", target.PathOf("/office.toml"));

        Assert.Equal(ExitCodes.Invalid, outcome.ExitCode);
        Assert.Contains("office.toml:3:", outcome.Error);
        Assert.Contains("passwords do not belong in profile files", outcome.Error);
        Assert.DoesNotContain("inline", outcome.Error);
    }

    [Fact]
    public void A_secrets_file_others_can_read_is_refused()
    {
        using var source = WithOffice();
        using var target = new CliRunner();
        target.Write("/office.toml", source.Run("export", "office").Out);
        target.Write("/secrets", "password=x\n", OwnerOnly | UnixFileMode.OtherRead);

        var outcome = target.Run("import", "--toml", target.PathOf("/office.toml"), "--secrets-file", target.PathOf("/secrets"));

        Assert.Equal(ExitCodes.Failure, outcome.ExitCode);
        Assert.Contains("chmod 600", outcome.Error);
        Assert.False(File.Exists(target.PathOf("/etc/ppp/peers/office")));
    }

    [Fact]
    public void Exporting_several_profiles_needs_a_directory()
    {
        using var cli = WithOffice();
        Assert.Equal(0, cli.RunWithInput("pw\n", "new", "home", "--kind", "pptp", "--server", "192.0.2.9", "--user", "bob", "--password-stdin").ExitCode);

        Assert.Equal(ExitCodes.Usage, cli.Run("export").ExitCode);
        var dir = cli.PathOf("/out");
        var outcome = cli.Run("export", "--dir", dir);
        Assert.Equal(0, outcome.ExitCode);
        Assert.True(File.Exists(Path.Join(dir, "office.toml")));
        Assert.True(File.Exists(Path.Join(dir, "home.toml")));
    }

    [Fact]
    public void Peers_names_and_toml_files_do_not_mix()
    {
        using var cli = new CliRunner();
        cli.Write("/a.toml", "name = \"a\"\n");
        Assert.Equal(ExitCodes.Usage, cli.Run("import", "legacy", "--toml", cli.PathOf("/a.toml")).ExitCode);
    }
}
