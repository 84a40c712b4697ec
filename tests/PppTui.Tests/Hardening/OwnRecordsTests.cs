namespace PppTui.Tests.Hardening;

/// <summary>
/// A profile owns exactly its own secrets record and its own files: a second profile with the
/// same user, or a name that differs only in '.' and '_', never overwrites or deletes them.
/// </summary>
public sealed class OwnRecordsTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string[] KindArguments(string kind) => kind switch
    {
        "modem" => ["--kind", "modem", "--device", "/dev/ttyUSB2", "--apn", "internet", "--number", "*99#"],
        "pppoe" => ["--kind", "pppoe", "--interface", "eth0"],
        _ => ["--kind", "pptp", "--server", "192.0.2.1"],
    };

    private CliOutcome New(string name, string kind, string user, string password, params string[] more) =>
        _cli.RunWithInput(password + "\n", ["new", name, .. KindArguments(kind), "--user", user, "--password-stdin", .. more]);

    // Item 1.
    [Theory]
    [InlineData("modem")]
    [InlineData("pppoe")]
    public void Two_profiles_of_one_user_keep_their_own_passwords_and_deleting_one_keeps_the_others(string kind)
    {
        Assert.Equal(ExitCodes.Ok, New("lte", kind, "x", "first-secret").ExitCode);
        Assert.Equal(ExitCodes.Ok, New("lte2", kind, "x", "second-secret").ExitCode);

        var secrets = SecretsFile.Parse(_cli.Read("/etc/ppp/chap-secrets"));
        Assert.Equal("first-secret", secrets.BestMatch("x", "lte")?.Secret);
        Assert.Equal("second-secret", secrets.BestMatch("x", "lte2")?.Secret);

        Assert.Equal(ExitCodes.Ok, _cli.Run("delete", "lte2").ExitCode);
        Assert.Equal("first-secret", SecretsFile.Parse(_cli.Read("/etc/ppp/chap-secrets")).BestMatch("x", "lte")?.Secret);
        Assert.DoesNotContain("not set", _cli.Run("show", "lte").Out);
    }

    [Fact]
    public void Imported_profiles_sharing_one_record_are_warned_about_and_the_record_is_neither_overwritten_nor_deleted_without_force()
    {
        _cli.Write("/etc/ppp/chap-secrets", "x * shared-secret *\n", Private);
        _cli.Write("/etc/ppp/peers/dsl1", "plugin rp-pppoe.so\neth0\nuser x\n");
        _cli.Write("/etc/ppp/peers/dsl2", "plugin rp-pppoe.so\neth1\nuser x\n");

        var import = _cli.Run("import", "dsl1", "dsl2");
        Assert.Equal(ExitCodes.Ok, import.ExitCode);
        Assert.Contains("shares", import.Out + import.Error);

        var overwrite = _cli.RunWithInput("other-secret\n", "set", "dsl2", "--password-stdin");
        Assert.NotEqual(ExitCodes.Ok, overwrite.ExitCode);
        Assert.Contains("dsl1", overwrite.Error);
        Assert.Equal("shared-secret", SecretsFile.Parse(_cli.Read("/etc/ppp/chap-secrets")).BestMatch("x", "*")?.Secret);

        Assert.Equal(ExitCodes.Ok, _cli.Run("delete", "dsl2").ExitCode);
        Assert.Equal("shared-secret", SecretsFile.Parse(_cli.Read("/etc/ppp/chap-secrets")).BestMatch("x", "*")?.Secret);
    }

    [Fact]
    public void A_forced_delete_removes_a_shared_record()
    {
        _cli.Write("/etc/ppp/chap-secrets", "x * shared-secret *\n", Private);
        _cli.Write("/etc/ppp/peers/dsl1", "plugin rp-pppoe.so\neth0\nuser x\n");
        _cli.Write("/etc/ppp/peers/dsl2", "plugin rp-pppoe.so\neth1\nuser x\n");
        Assert.Equal(ExitCodes.Ok, _cli.Run("import", "dsl1", "dsl2").ExitCode);

        Assert.Equal(ExitCodes.Ok, _cli.Run("delete", "dsl2", "--force").ExitCode);

        Assert.Null(SecretsFile.Parse(_cli.Read("/etc/ppp/chap-secrets")).BestMatch("x", "*"));
    }

    // Item 17.
    [Fact]
    public void Profiles_a_dot_b_and_a_underscore_b_get_separate_route_scripts()
    {
        Assert.Equal(ExitCodes.Ok, New("a.b", "pptp", "alice", "pw1", "--routes", "10.1.0.0/16").ExitCode);
        var first = Directory.GetFiles(_cli.PathOf("/etc/ppp/ip-up.d")).Single();
        var firstText = File.ReadAllText(first);

        Assert.Equal(ExitCodes.Ok, New("a_b", "pptp", "bob", "pw2", "--routes", "10.2.0.0/16").ExitCode);

        Assert.Equal(firstText, File.ReadAllText(first));
        var scripts = Directory.GetFiles(_cli.PathOf("/etc/ppp/ip-up.d"));
        Assert.Equal(2, scripts.Length);
        Assert.Contains(scripts, s => File.ReadAllText(s).Contains("10.2.0.0/16", StringComparison.Ordinal));
    }

    // Item 18.
    [Theory]
    [InlineData("modem")]
    [InlineData("pppoe")]
    [InlineData("pptp")]
    public void A_profile_with_routes_passes_the_ipparam_its_route_script_tests(string kind)
    {
        Assert.Equal(ExitCodes.Ok, New("link", kind, "u", "pw", "--routes", "10.0.0.0/8").ExitCode);

        var peers = OptionFile.Parse(_cli.Read("/etc/ppp/peers/link"));
        var script = File.ReadAllText(Directory.GetFiles(_cli.PathOf("/etc/ppp/ip-up.d")).Single());
        var ipparam = peers.GetArgument("ipparam");
        Assert.NotNull(ipparam);
        Assert.Contains($"= '{ipparam}' ] || exit 0", script);
    }

    [Fact]
    public void Routes_added_later_to_an_imported_pppoe_profile_bring_an_ipparam()
    {
        _cli.Write("/etc/ppp/peers/dsl", "plugin rp-pppoe.so\neth0\nuser x\n");
        Assert.Equal(ExitCodes.Ok, _cli.Run("import", "dsl").ExitCode);

        Assert.Equal(ExitCodes.Ok, _cli.Run("set", "dsl", "--routes", "10.0.0.0/8", "--apply").ExitCode);

        Assert.Equal("dsl", OptionFile.Parse(_cli.Read("/etc/ppp/peers/dsl")).GetArgument("ipparam"));
    }

    // Item 7.
    [Fact]
    public void A_peers_file_with_its_own_password_option_shows_the_password_as_set_and_warns_of_no_missing_secret()
    {
        _cli.Write("/etc/ppp/peers/legacy", "pty \"pptp 192.0.2.9 --nolaunchpppd\"\nname carol\npassword \"s3cret-here\"\n");
        Assert.Equal(ExitCodes.Ok, _cli.Run("import", "legacy").ExitCode);

        var show = _cli.Run("show", "legacy");
        var preview = _cli.Run("preview", "legacy");

        Assert.DoesNotContain("(not set)", show.Out);
        Assert.Contains("password option", show.Out);
        Assert.DoesNotContain("No CHAP secret found", preview.Out + preview.Error);
    }
}
