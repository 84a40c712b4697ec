using PppTui.Core.Kinds.L2tp;

namespace PppTui.Core.Tests.Kinds;

public class L2tpKindTests
{
    private const string OtherSections =
        "[global]\r\nport = 1701\r\n\r\n; the office LNS\r\n[lac branch]\r\nlns = 198.51.100.7\r\npppoptfile = /etc/ppp/options.branch\r\n";

    private static Profile NewL2tp(string name = "office2", bool ipsec = false)
    {
        var profile = KindRegistry.NewProfile(name, ProfileKind.L2tp);
        profile.L2tp!.Server = "192.0.2.1";
        profile.L2tp!.Ipsec = ipsec;
        profile.Ppp.User = "alice";
        return profile;
    }

    [Fact]
    public void A_new_l2tp_profile_writes_its_lac_section_its_peers_file_and_a_secrets_record_keyed_by_its_name()
    {
        using var root = new SandboxRoot();

        new ProfileService(root.Paths).Apply(NewL2tp(), new ProfileSecrets { Password = "wonderland" });

        var conf = Xl2tpdConf.Parse(root.Read(L2tpKind.XlConfPath));
        Assert.Equal("192.0.2.1", conf.Get("office2", "lns"));
        Assert.Equal("/etc/ppp/peers/office2", conf.Get("office2", "pppoptfile"));
        var peers = root.Read("/etc/ppp/peers/office2");
        Assert.Contains("linkname office2", peers);
        Assert.Contains("remotename office2", peers);
        Assert.Contains("refuse-chap", peers);
        Assert.DoesNotContain("refuse-mschap-v2", peers);
        Assert.Contains("alice office2 wonderland", root.Read("/etc/ppp/chap-secrets"));
        Assert.False(root.Exists(SwanctlConf.SystemPath("office2")));
    }

    [Fact]
    public void The_lac_section_is_edited_in_place_and_the_other_sections_stay_byte_identical()
    {
        using var root = new SandboxRoot();
        root.Write(L2tpKind.XlConfPath, OtherSections + "\r\n[lac office2]\r\nlns = 203.0.113.9 ; old\r\nredial = yes\r\n");

        var plan = new ProfileRenderer(root.Paths).Plan(NewL2tp());

        var conf = plan.Files.Single(f => f.SystemPath == L2tpKind.XlConfPath).NewText;
        Assert.Equal(OtherSections + "\r\n[lac office2]\r\nlns = 192.0.2.1 ; old\r\nredial = yes\r\npppoptfile = /etc/ppp/peers/office2\r\nlength bit = yes\r\n", conf);
    }

    [Fact]
    public void With_ipsec_the_psk_goes_into_a_0600_swanctl_file_and_never_into_a_preview_or_diff()
    {
        using var root = new SandboxRoot();
        var profile = NewL2tp(ipsec: true);
        var secrets = new ProfileSecrets { Password = "wonderland", Psk = "shared-Secret-42" };

        var plan = new ProfileRenderer(root.Paths).Plan(profile, secrets);
        var swan = plan.Files.Single(f => f.SystemPath == "/etc/swanctl/conf.d/ppptui-office2.conf");

        Assert.Contains("secret = \"shared-Secret-42\"", swan.NewText);
        Assert.Contains("mode = transport", swan.NewText);
        Assert.Contains("version = 1", swan.NewText);
        Assert.DoesNotContain("shared-Secret-42", swan.PreviewText);
        Assert.DoesNotContain("shared-Secret-42", plan.Diff());
        new ProfileService(root.Paths).Apply(profile, secrets);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(root.PathOf(swan.SystemPath)));
    }

    [Fact]
    public void Applying_again_without_a_psk_keeps_the_key_already_in_the_swanctl_file()
    {
        using var root = new SandboxRoot();
        var service = new ProfileService(root.Paths);
        service.Apply(NewL2tp(ipsec: true), new ProfileSecrets { Psk = "shared-Secret-42" });
        var profile = service.Load("office2");
        profile.L2tp!.Server = "192.0.2.2";

        service.Apply(profile);

        var text = root.Read(SwanctlConf.SystemPath("office2"));
        Assert.Equal("shared-Secret-42", SwanctlConf.ReadPsk(text));
        Assert.Contains("remote_addrs = 192.0.2.2", text);
    }

    [Fact]
    public void When_the_swanctl_file_cannot_be_written_nothing_of_the_profile_is_applied()
    {
        using var root = new SandboxRoot();
        root.Write(L2tpKind.XlConfPath, OtherSections);
        // A file where the conf.d folder should be: the swanctl file cannot be written.
        root.Write("/etc/swanctl/conf.d", "not a folder\n");

        Assert.ThrowsAny<Exception>(() =>
            new ProfileService(root.Paths).Apply(NewL2tp(ipsec: true), new ProfileSecrets { Psk = "shared-Secret-42" }));

        Assert.Equal(OtherSections, root.Read(L2tpKind.XlConfPath));
        Assert.False(root.Exists("/etc/ppp/peers/office2"));
    }

    [Fact]
    public void Import_recognises_a_lac_section_naming_the_peers_file_and_renders_it_back_unchanged()
    {
        using var root = new SandboxRoot();
        var service = new ProfileService(root.Paths);
        service.Apply(NewL2tp(ipsec: true), new ProfileSecrets { Password = "wonderland", Psk = "shared-Secret-42" });

        var imported = new PeersImporter(root.Paths).Import("office2").Profile;

        Assert.Equal(ProfileKind.L2tp, imported.Kind);
        Assert.Equal("192.0.2.1", imported.L2tp!.Server);
        Assert.True(imported.L2tp!.Ipsec);
        Assert.False(new ProfileRenderer(root.Paths).Plan(imported).HasChanges);
    }

    [Fact]
    public void A_lac_section_whose_options_file_is_elsewhere_imports_with_that_files_options()
    {
        using var root = new SandboxRoot();
        root.Write(L2tpKind.XlConfPath, OtherSections);
        root.Write("/etc/ppp/options.branch", "ipcp-accept-local\nrefuse-eap\nrequire-mschap-v2\nname carol\nmtu 1410\nmru 1410\nlcp-echo-interval 30\n");
        var importer = new PeersImporter(root.Paths);

        Assert.Contains("branch", importer.PeerNames());
        var imported = importer.Import("branch").Profile;

        Assert.Equal(ProfileKind.L2tp, imported.Kind);
        Assert.Equal("198.51.100.7", imported.L2tp!.Server);
        Assert.Equal("carol", imported.Ppp.User);
        Assert.Equal(1410, imported.Ppp.Mtu);
        Assert.Contains("require-mschap-v2", imported.ExtraOptions);
    }

    [Fact]
    public void Applying_an_imported_lac_with_options_elsewhere_moves_them_to_the_peers_file_and_leaves_the_old_file_as_it_was()
    {
        using var root = new SandboxRoot();
        root.Write(L2tpKind.XlConfPath, OtherSections);
        const string options = "name carol\nmtu 1410\nlcp-echo-interval 30\n";
        root.Write("/etc/ppp/options.branch", options);
        var service = new ProfileService(root.Paths);
        service.Import(["branch"]);

        service.Apply(service.Store.Load("branch"), new ProfileSecrets());

        Assert.Equal("/etc/ppp/peers/branch", Xl2tpdConf.Parse(root.Read(L2tpKind.XlConfPath)).Get("branch", "pppoptfile"));
        Assert.Contains("lcp-echo-interval 30", root.Read("/etc/ppp/peers/branch"));
        Assert.Equal(options, root.Read("/etc/ppp/options.branch"));
        Assert.Equal(ProfileKind.L2tp, new PeersImporter(root.Paths).Import("branch").Profile.Kind);
    }

    [Fact]
    public void A_peers_file_without_a_lac_section_is_not_taken_for_l2tp()
    {
        using var root = new SandboxRoot();
        root.Write("/etc/ppp/peers/plain", "noauth\nuser bob\n");
        root.Write(L2tpKind.XlConfPath, OtherSections);

        Assert.NotEqual(ProfileKind.L2tp, new PeersImporter(root.Paths).Import("plain").Profile.Kind);
    }

    [Fact]
    public void Deleting_the_profile_removes_only_its_lac_section()
    {
        using var root = new SandboxRoot();
        root.Write(L2tpKind.XlConfPath, OtherSections);
        var service = new ProfileService(root.Paths);
        service.Apply(NewL2tp(), new ProfileSecrets { Password = "wonderland" });

        service.Delete("office2");

        Assert.Equal(OtherSections, root.Read(L2tpKind.XlConfPath));
    }

    [Fact]
    public void A_new_l2tp_profile_gets_an_mtu_whose_esp_packet_fits_a_1500_byte_path()
    {
        var profile = NewL2tp();
        // PPP 4 + L2TP 8 + UDP 8 + ESP at worst 57 + outer IPv4 20.
        Assert.True(profile.Ppp.Mtu + 4 + 8 + 8 + 57 + 20 <= 1500);
        Assert.Equal(profile.Ppp.Mtu, profile.Ppp.Mru);
        Assert.Contains($"= {profile.Ppp.Mtu}", ProfileFields.PageFor(ProfileKind.L2tp).Single(f => f.Key == "mtu").ShownHelp);
    }

    [Fact]
    public void The_l2tp_kind_is_offered_by_its_id_with_a_digit_in_it()
    {
        Assert.True(KindRegistry.TryParse("L2TP", out var kind));
        Assert.Equal(ProfileKind.L2tp, kind);
    }
}
