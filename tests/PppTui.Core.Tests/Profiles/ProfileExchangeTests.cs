namespace PppTui.Core.Tests.Profiles;

public class ProfileExchangeTests
{
    private const string OfficeToml =
        "name = \"office\"\nkind = \"pptp\"\n\n[ppp]\nuser = \"alice\"\nremotename = \"office\"\nnoauth = true\nmppe = \"required-128\"\nmtu = 1400\n\n[pptp]\nserver = \"192.0.2.1\"\n";

    private static UnixFileMode OwnerOnly => UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void I_can_export_a_profile_and_import_it_on_another_machine_with_its_password_from_a_secrets_file()
    {
        using var source = new SandboxRoot();
        using var target = new SandboxRoot();
        var sourceService = new ProfileService(source.Paths);
        sourceService.Apply(ProfileExchange.Parse(OfficeToml, "office.toml"), new ProfileSecrets { Password = "s3cret" });

        var toml = new ProfileExchange(sourceService).Export("office");
        Assert.DoesNotContain("s3cret", toml);
        target.Write("/fleet/secrets", "# fleet\noffice.password=s3cret\n", OwnerOnly);
        var secrets = ProfileExchange.ReadSecretsFile(target.PathOf("/fleet/secrets"), null);

        var results = new ProfileExchange(new ProfileService(target.Paths)).Import([("office.toml", toml)], secrets, replace: false);

        Assert.Equal("created", results.Single().Outcome);
        Assert.Equal(toml, target.Read("/etc/ppptui/profiles/office.toml"));
        Assert.Equal(source.Read("/etc/ppp/peers/office"), target.Read("/etc/ppp/peers/office"));
        Assert.Contains("alice office s3cret", target.Read("/etc/ppp/chap-secrets"));
    }

    [Fact]
    public void Importing_the_same_file_again_changes_nothing()
    {
        using var target = new SandboxRoot();
        var exchange = new ProfileExchange(new ProfileService(target.Paths));
        var secrets = new Dictionary<string, ProfileSecrets> { ["office"] = new() { Password = "pw1" } };
        exchange.Import([("office.toml", OfficeToml)], secrets, replace: false);
        var before = Directory.EnumerateFiles(target.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);

        var again = exchange.Import([("office.toml", OfficeToml)], new Dictionary<string, ProfileSecrets>(), replace: false).Single();

        Assert.Equal("unchanged", again.Outcome);
        Assert.False(again.Applied!.ChangedAnything);
        var after = Directory.EnumerateFiles(target.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);
        Assert.Equal(string.Join("\n", before.Keys.Order()), string.Join("\n", after.Keys.Order()));
        foreach (var (file, bytes) in before) Assert.True(bytes.SequenceEqual(after[file]), file + " changed");
    }

    [Fact]
    public void Different_settings_need_replace_and_nothing_is_written_without_it()
    {
        using var target = new SandboxRoot();
        var exchange = new ProfileExchange(new ProfileService(target.Paths));
        exchange.Import([("office.toml", OfficeToml)], new Dictionary<string, ProfileSecrets>(), replace: false);
        var changed = OfficeToml.Replace("mtu = 1400", "mtu = 1380");

        var ex = Assert.Throws<PppTuiException>(() => exchange.Import([("office.toml", changed)], new Dictionary<string, ProfileSecrets>(), replace: false));
        Assert.Contains("--replace", ex.Fix);
        Assert.Contains("mtu 1400", target.Read("/etc/ppp/peers/office"));

        var replaced = exchange.Import([("office.toml", changed)], new Dictionary<string, ProfileSecrets>(), replace: true).Single();
        Assert.Equal("replaced", replaced.Outcome);
        Assert.Contains("mtu 1380", target.Read("/etc/ppp/peers/office"));
    }

    [Fact]
    public void A_password_inside_the_TOML_is_refused_with_file_and_line()
    {
        var ex = Assert.Throws<ProfileInvalidException>(() => ProfileExchange.Parse(OfficeToml + "password = \"oops\"\n", "office.toml"));
        Assert.Contains("office.toml:", ex.Message);
        Assert.Contains("passwords do not belong in profile files", ex.Message);
        Assert.DoesNotContain("oops", ex.Message);
    }

    [Fact]
    public void A_secrets_file_readable_by_others_is_refused()
    {
        using var sandbox = new SandboxRoot();
        sandbox.Write("/secrets", "password=pw\n", OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var ex = Assert.Throws<PppTuiException>(() => ProfileExchange.ReadSecretsFile(sandbox.PathOf("/secrets"), "office"));
        Assert.Contains("mode 0644", ex.Message);
        Assert.StartsWith("chmod 600", ex.Fix);
    }

    [Fact]
    public void A_bare_password_line_belongs_to_the_one_profile_and_a_bad_line_names_its_number_not_its_value()
    {
        using var sandbox = new SandboxRoot();
        sandbox.Write("/secrets", "password=a=b c\npin=1234\n", OwnerOnly);
        var secrets = ProfileExchange.ReadSecretsFile(sandbox.PathOf("/secrets"), "office");
        Assert.Equal("a=b c", secrets["office"].Password);
        Assert.Equal("1234", secrets["office"].Pin);

        Assert.Throws<PppTuiException>(() => ProfileExchange.ReadSecretsFile(sandbox.PathOf("/secrets"), null));
        sandbox.Write("/secrets", "office.password=ok\nhunter2\n", OwnerOnly);
        var ex = Assert.Throws<PppTuiException>(() => ProfileExchange.ReadSecretsFile(sandbox.PathOf("/secrets"), null));
        Assert.Contains(":2:", ex.Message);
        Assert.DoesNotContain("hunter2", ex.Message);
    }

    [Fact]
    public void Export_refuses_a_profile_that_keeps_a_password_option()
    {
        using var sandbox = new SandboxRoot();
        var service = new ProfileService(sandbox.Paths);
        var profile = ProfileExchange.Parse(OfficeToml, "office.toml");
        profile.ExtraOptions.Add("password hunter2");
        service.Store.Save(profile, validate: false);

        var ex = Assert.Throws<PppTuiException>(() => new ProfileExchange(service).Export("office"));
        Assert.DoesNotContain("hunter2", ex.Message + ex.Fix);
        Assert.Contains("--remove-option password", ex.Fix);
    }

    [Fact]
    public void A_bad_file_in_a_batch_stops_the_whole_batch_before_anything_is_written()
    {
        using var target = new SandboxRoot();
        var bad = "name = \"home\"\nkind = \"pptp\"\n[ppp]\nmtu = 99999\n[pptp]\nserver = \"192.0.2.9\"\n";
        Assert.Throws<ProfileInvalidException>(() => new ProfileExchange(new ProfileService(target.Paths))
            .Import([("office.toml", OfficeToml), ("home.toml", bad)], new Dictionary<string, ProfileSecrets>(), replace: false));
        Assert.False(target.Exists("/etc/ppptui/profiles/office.toml"));
        Assert.False(target.Exists("/etc/ppp/peers/office"));
    }
}
