namespace PppTui.Core.Tests.Profiles;

public class ProfileTomlTests
{
    [Fact]
    public void A_profile_round_trips_through_toml()
    {
        var profile = KindRegistry.NewProfile("office", ProfileKind.Pptp);
        profile.Pptp!.Server = "vpn.example.com";
        profile.Pptp!.PptpArguments = ["--loglevel", "0"];
        profile.Ppp.User = "DOMAIN\\alice \"quoted\"";
        profile.Ppp.Mtu = 1416;
        profile.Ppp.Routes = ["10.0.0.0/8"];
        profile.Description = "Büro 办公室";
        profile.ExtraOptions.Add("asyncmap 0");

        var text = ProfileToml.Write(profile);
        var back = ProfileToml.Parse(text, "office.toml", out var problems);

        Assert.Empty(problems);
        Assert.NotNull(back);
        Assert.Equal(text, ProfileToml.Write(back!));
        Assert.Equal("DOMAIN\\alice \"quoted\"", back!.Ppp.User);
        Assert.Equal("Büro 办公室", back.Description);
    }

    [Fact]
    public void A_syntax_error_names_the_line_and_column()
    {
        var profile = ProfileToml.Parse("name = \"x\"\nkind = \"pptp\n", "x.toml", out var problems);

        Assert.Null(profile);
        Assert.Contains(problems, p => p.File == "x.toml" && p.Line == 2);
    }

    [Fact]
    public void A_wrong_type_and_an_unknown_key_name_their_line()
    {
        var profile = ProfileToml.Parse("name = \"x\"\nkind = \"pptp\"\n\n[ppp]\nmtu = \"1400\"\nmtuu = 3\n", "x.toml", out var problems);

        Assert.Null(profile);
        Assert.Contains(problems, p => p.Line == 5 && p.Message.Contains("ppp.mtu: must be a whole number"));
        Assert.Contains(problems, p => p.Line == 6 && p.Message.Contains("unknown key"));
    }

    [Fact]
    public void A_password_key_is_refused_with_the_way_to_set_it()
    {
        ProfileToml.Parse("name = \"x\"\nkind = \"pptp\"\n[ppp]\npassword = \"hunter2\"\n", "x.toml", out var problems);

        var problem = Assert.Single(problems);
        Assert.Contains("--password-stdin", problem.Message);
        Assert.DoesNotContain("hunter2", problem.ToString());
    }

    [Theory]
    [InlineData("vpn.example.com", null)]
    [InlineData("192.0.2.1", null)]
    [InlineData("2001:db8::1", null)]
    [InlineData("host;reboot", "server")]
    [InlineData("$(id)", "server")]
    [InlineData("a b", "server")]
    [InlineData("-oProxyCommand", "server")]
    [InlineData("", "server")]
    [InlineData("999.1.1.1", "server")]
    public void The_pptp_server_must_be_a_plain_host_name_or_address(string server, string? errorField)
    {
        var profile = KindRegistry.NewProfile("vpn", ProfileKind.Pptp);
        profile.Pptp!.Server = server;
        profile.Ppp.User = "u";

        var errors = ProfileValidator.Validate(profile);

        if (errorField is null) Assert.Empty(errors);
        else Assert.Contains(errors, e => e.Field == errorField);
    }

    [Theory]
    [InlineData("myvpn", true)]
    [InlineData("my.vpn-2_a", true)]
    [InlineData("..", false)]
    [InlineData("a..b", false)]
    [InlineData("-x", false)]
    [InlineData(".hidden", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("", false)]
    public void Profile_names_follow_pppds_call_rule_and_ours(string name, bool valid) =>
        Assert.Equal(valid, ValueRules.CheckProfileName(name) is null);

    [Fact]
    public void Field_messages_name_the_field_for_each_kind()
    {
        var pppoe = KindRegistry.NewProfile("dsl", ProfileKind.Pppoe);
        pppoe.Ppp.Mtu = 100;
        pppoe.Pppoe!.Interface = "eth 0";
        var modem = KindRegistry.NewProfile("lte", ProfileKind.Modem);
        modem.Modem!.Apn = "inter net";

        var pppoeErrors = ProfileValidator.Validate(pppoe);
        var modemErrors = ProfileValidator.Validate(modem, new ProfileSecrets { Pin = "12" });

        Assert.Contains(pppoeErrors, e => e.Field == "interface" && e.Message.Contains("interface name"));
        Assert.Contains(pppoeErrors, e => e.Field == "mtu" && e.Message == "must be between 128 and 16384");
        Assert.Contains(modemErrors, e => e.Field == "device");
        Assert.Contains(modemErrors, e => e.Field == "apn");
        Assert.Contains(modemErrors, e => e.Field == "pin");
    }
}
