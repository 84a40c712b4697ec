namespace PppTui.Tests.Cli;

public class ProfileVerbsTests
{
    private const string SeedPeers =
        "remotename myvpn\nlinkname myvpn\nipparam myvpn\npty \"pptp 192.0.2.1 --nolaunchpppd --loglevel 0\"\nlock\nnodeflate\nname alice\nusepeerdns\nrequire-mppe\nnoauth\nrequire-mppe-128\ndefaultroute\nmtu 1416 #critical!!!\n";

    // The field report's files on a fresh root.
    private static CliRunner SeededCli()
    {
        var cli = new CliRunner();
        cli.Write("/etc/ppp/peers/myvpn", SeedPeers);
        cli.Write("/etc/ppp/chap-secrets", "alice myvpn s3cret *\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        cli.Write("/etc/ppp/options", "lcp-echo-failure 10\nlcp-echo-interval 10\nlock\ncrtscts\nnodeflate\npersist\nasyncmap 0\nnoauth\nhide-password\nnoipx\n");
        cli.Write("/etc/ppp/options.pptp", "lock\nnoauth\nrefuse-pap\nrefuse-eap\nrefuse-chap\nrefuse-mschap\nnobsdcomp\nnodeflate\nrequire-mppe-128\nipparam myvpn\ndefaultroute\n");
        return cli;
    }

    // The field report's profile, imported.
    private static CliRunner ImportedSeed()
    {
        var cli = SeededCli();
        cli.Run("import");
        return cli;
    }

    [Fact]
    public void I_can_import_the_field_report_profile_and_show_it_as_json()
    {
        using var cli = SeededCli();

        var import = cli.Run("import");
        var show = cli.Run("show", "myvpn", "--json");

        Assert.Equal(ExitCodes.Ok, import.ExitCode);
        Assert.Equal(ExitCodes.Ok, show.ExitCode);
        using var json = JsonDocument.Parse(show.Out);
        var root = json.RootElement;
        Assert.Equal("pptp", root.GetProperty("kind").GetString());
        Assert.Equal("192.0.2.1", root.GetProperty("server").GetString());
        Assert.Equal(1416, root.GetProperty("mtu").GetInt32());
        Assert.True(root.GetProperty("mppe_required").GetBoolean());
        Assert.Equal(128, root.GetProperty("mppe_bits").GetInt32());
        Assert.True(root.GetProperty("defaultroute").GetBoolean());
        Assert.True(root.GetProperty("usepeerdns").GetBoolean());
        Assert.DoesNotContain("s3cret", show.Out);
    }

    [Fact]
    public void Setting_the_mtu_then_diff_shows_exactly_one_changed_line()
    {
        using var cli = ImportedSeed();

        var set = cli.Run("set", "myvpn", "--mtu", "1400");
        var diff = cli.Run("diff", "myvpn");

        Assert.Equal(ExitCodes.Ok, set.ExitCode);
        var changed = diff.Out.Split('\n').Where(l => (l.StartsWith('-') || l.StartsWith('+')) && !l.StartsWith("---") && !l.StartsWith("+++")).ToList();
        Assert.Equal(["-mtu 1416 #critical!!!", "+mtu 1400 #critical!!!"], changed);
        Assert.Equal(SeedPeers, cli.Read("/etc/ppp/peers/myvpn"));
    }

    [Fact]
    public void Applying_twice_changes_nothing_the_second_time()
    {
        using var cli = ImportedSeed();
        cli.Run("set", "myvpn", "--mtu", "1400");

        var first = cli.Run("apply", "myvpn");
        var second = cli.Run("apply", "myvpn");

        Assert.Contains("wrote /etc/ppp/peers/myvpn", first.Out);
        Assert.Contains("nothing to change", second.Out);
        Assert.Equal(SeedPeers.Replace("mtu 1416", "mtu 1400"), cli.Read("/etc/ppp/peers/myvpn"));
    }

    [Fact]
    public void New_writes_the_peers_file_and_a_0600_secret_and_a_second_user_leaves_the_first_record_alone()
    {
        using var cli = new CliRunner();

        var first = cli.RunWithInput("hunter2\n", "new", "office", "--kind", "pptp", "--server", "192.0.2.1", "--user", "alice", "--password-stdin");
        var afterFirst = File.ReadAllBytes(cli.PathOf("/etc/ppp/chap-secrets"));
        var second = cli.RunWithInput("other pass\n", "new", "lab", "--kind", "pptp", "--server", "192.0.2.9", "--user", "bob", "--password-stdin");

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        Assert.Contains("pty \"pptp 192.0.2.1 --nolaunchpppd\"", cli.Read("/etc/ppp/peers/office"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cli.PathOf("/etc/ppp/chap-secrets")));
        var secrets = cli.Read("/etc/ppp/chap-secrets");
        Assert.StartsWith(System.Text.Encoding.UTF8.GetString(afterFirst), secrets);
        Assert.Contains("bob lab \"other pass\"", secrets);
        Assert.DoesNotContain("hunter2", first.Out + first.Error + second.Out + second.Error);
        Assert.DoesNotContain("hunter2", cli.Read("/etc/ppptui/profiles/office.toml"));
    }

    [Fact]
    public void Delete_removes_only_its_own_secrets_record()
    {
        using var cli = new CliRunner();
        cli.Write("/etc/ppp/chap-secrets", "# keep me\nalice office-x keep *\nofficemate * keep2\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        cli.RunWithInput("hunter2\n", "new", "office", "--kind", "pptp", "--server", "192.0.2.1", "--user", "alice", "--password-stdin");

        var delete = cli.Run("delete", "office");

        Assert.Equal(ExitCodes.Ok, delete.ExitCode);
        Assert.Equal("# keep me\nalice office-x keep *\nofficemate * keep2\n", cli.Read("/etc/ppp/chap-secrets"));
        Assert.False(File.Exists(cli.PathOf("/etc/ppp/peers/office")));
        Assert.False(File.Exists(cli.PathOf("/etc/ppptui/profiles/office.toml")));
    }

    [Fact]
    public void A_hand_edit_after_import_makes_apply_refuse_with_the_difference_until_forced()
    {
        using var cli = ImportedSeed();
        cli.Run("set", "myvpn", "--mtu", "1400");
        cli.Write("/etc/ppp/peers/myvpn", SeedPeers + "debug\n");

        var refused = cli.Run("apply", "myvpn");
        var forced = cli.Run("apply", "myvpn", "--force");

        Assert.Equal(ExitCodes.Conflict, refused.ExitCode);
        Assert.Contains("+debug", refused.Error);
        Assert.Equal(ExitCodes.Ok, forced.ExitCode);
        // Forced, the profile wins; the hand-edited version is kept as a backup.
        Assert.Equal(SeedPeers.Replace("mtu 1416", "mtu 1400"), cli.Read("/etc/ppp/peers/myvpn"));
        var backups = Directory.GetFiles(cli.PathOf("/var/backups/ppptui"), "etc_ppp_peers_myvpn.*");
        Assert.Contains(backups, b => File.ReadAllText(b).EndsWith("debug\n"));
    }

    [Fact]
    public void Invalid_values_are_refused_with_the_field_named_and_nothing_written()
    {
        using var cli = new CliRunner();

        var badMtu = cli.RunWithInput("x\n", "new", "vpn", "--kind", "pptp", "--server", "192.0.2.1", "--user", "a", "--mtu", "99999", "--password-stdin");
        var injection = cli.RunWithInput("x\n", "new", "vpn2", "--kind", "pptp", "--server", "host; rm -rf /", "--user", "a", "--password-stdin");
        var badName = cli.Run("new", "../etc", "--kind", "pptp");

        // Values typed on the command line are bad input (2); 6 is for files that do not parse.
        Assert.Equal(ExitCodes.Usage, badMtu.ExitCode);
        Assert.Contains("mtu: must be between 128 and 16384", badMtu.Error);
        Assert.Equal(ExitCodes.Usage, injection.ExitCode);
        Assert.Contains("server:", injection.Error);
        Assert.Equal(ExitCodes.Usage, badName.ExitCode);
        Assert.False(File.Exists(cli.PathOf("/etc/ppp/peers/vpn")));
        Assert.False(File.Exists(cli.PathOf("/etc/ppp/peers/vpn2")));
        Assert.DoesNotContain("   at ", badMtu.Error + injection.Error + badName.Error);
    }

    [Fact]
    public void List_and_import_take_the_peers_files_only_not_a_readme_a_backup_or_a_chat_script()
    {
        using var cli = new CliRunner();
        cli.Write("/etc/ppp/peers/myvpn", "pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname alice\nrequire-mppe-128\nmtu 1416\n");
        cli.Write("/etc/ppp/peers/README", "Put one file per connection in this folder.\n");
        cli.Write("/etc/ppp/peers/myvpn.orig", "pty \"pptp 192.0.2.1 --nolaunchpppd\"\n");
        cli.Write("/etc/ppp/peers/gprs-chat", "ABORT BUSY\n'' ATZ\nOK ATDT*99#\nCONNECT ''\n");

        var list = cli.Run("list");
        var importReadme = cli.Run("import", "README");
        var import = cli.Run("import");

        Assert.Equal(["myvpn"], list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]));
        Assert.NotEqual(ExitCodes.Ok, importReadme.ExitCode);
        Assert.Contains("/etc/ppp/peers/README is not a peers file", importReadme.Error);
        Assert.Equal(ExitCodes.Ok, import.ExitCode);
        Assert.Equal(["myvpn.toml"], Directory.GetFiles(cli.PathOf("/etc/ppptui/profiles"), "*.toml").Select(Path.GetFileName));
    }

    [Fact]
    public void A_broken_profile_file_is_reported_with_file_line_and_column_and_the_others_still_list()
    {
        using var cli = new CliRunner();
        cli.RunWithInput("x\n", "new", "good", "--kind", "pptp", "--server", "192.0.2.1", "--user", "a", "--password-stdin");
        cli.Write("/etc/ppptui/profiles/bad.toml", "name = \"bad\"\nkind = \"pptp\"\n[ppp]\nmtu = \"fourteen\"\n");

        var list = cli.Run("list");

        Assert.Equal(ExitCodes.Invalid, list.ExitCode);
        Assert.Contains("good", list.Out);
        Assert.Contains("bad.toml:4:1: ppp.mtu: must be a whole number", list.Error);
    }

    [Fact]
    public void Effective_shows_where_each_option_comes_from_and_what_overrides_it()
    {
        using var cli = SeededCli();
        cli.Write("/etc/ppp/peers/myvpn", SeedPeers + "file /etc/ppp/options.pptp\n");

        var effective = cli.Run("effective", "myvpn", "--all");

        Assert.Equal(ExitCodes.Ok, effective.ExitCode);
        Assert.Contains("persist", effective.Out);
        Assert.Matches(@"mtu 1416\s+/etc/ppp/peers/myvpn:13", effective.Out);
        Assert.Matches(@"refuse-pap\s+/etc/ppp/options.pptp:3", effective.Out);
        Assert.Matches(@"ipparam myvpn\s+/etc/ppp/peers/myvpn:3\s+\(overridden by /etc/ppp/options.pptp:10\)", effective.Out);
    }

    [Fact]
    public void A_missing_etc_ppp_gives_a_clear_message()
    {
        using var cli = new CliRunner();
        Directory.Delete(cli.PathOf("/etc/ppp"), recursive: true);

        var import = cli.Run("import");

        Assert.Equal(ExitCodes.Failure, import.ExitCode);
        Assert.Contains("does not exist: pppd is not installed here", import.Error);
    }
}
