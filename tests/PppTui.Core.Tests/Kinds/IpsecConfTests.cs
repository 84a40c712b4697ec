using PppTui.Core.Kinds.L2tp;

namespace PppTui.Core.Tests.Kinds;

public class IpsecConfTests
{
    private const string ForeignConf =
        "# ipsec.conf - strongSwan IPsec configuration file\n\nconfig setup\n\tcharondebug=\"ike 1\"\n\n" +
        "conn branch\n\tkeyexchange=ikev1\n\tright=198.51.100.7\n\tauto=add\n# the end\n";

    private const string ForeignSecrets =
        "# This file holds shared secrets\n198.51.100.7 : PSK \"branch-key\"\n: RSA /etc/ipsec.d/private/host.pem\n";

    private static Profile NewL2tp(string name = "office5")
    {
        var profile = KindRegistry.NewProfile(name, ProfileKind.L2tp);
        profile.L2tp!.Server = "192.0.2.1";
        profile.L2tp!.Ipsec = true;
        profile.Ppp.User = "alice";
        return profile;
    }

    // A box whose strongSwan is run by the ipsec starter: ipsec.conf and ipsec.secrets, no /etc/swanctl.
    private static SandboxRoot StarterBox()
    {
        var root = new SandboxRoot();
        root.Write(IpsecConf.ConfPath, ForeignConf);
        root.Write(IpsecConf.SecretsPath, ForeignSecrets, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return root;
    }

    [Fact]
    public void On_a_box_with_ipsec_conf_and_no_swanctl_the_connection_goes_into_ipsec_conf_and_the_key_into_ipsec_secrets()
    {
        using var root = StarterBox();

        new ProfileService(root.Paths).Apply(NewL2tp(), new ProfileSecrets { Password = "wonderland", Psk = "shared-Secret-42" });

        var conf = root.Read(IpsecConf.ConfPath);
        Assert.StartsWith(ForeignConf, conf);
        Assert.Contains("conn ppptui-office5\n", conf);
        Assert.Equal("192.0.2.1", IpsecConf.Get(conf, "office5", "right"));
        Assert.Equal("transport", IpsecConf.Get(conf, "office5", "type"));
        Assert.Equal("ikev1", IpsecConf.Get(conf, "office5", "keyexchange"));
        var secrets = root.Read(IpsecConf.SecretsPath);
        Assert.StartsWith(ForeignSecrets, secrets);
        Assert.Contains("192.0.2.1 : PSK \"shared-Secret-42\"", secrets);
        Assert.False(root.Exists(SwanctlConf.SystemPath("office5")));
    }

    [Fact]
    public void The_key_in_ipsec_secrets_never_shows_in_a_preview_and_the_foreign_lines_stay_byte_identical_when_it_changes()
    {
        using var root = StarterBox();
        var service = new ProfileService(root.Paths);
        service.Apply(NewL2tp(), new ProfileSecrets { Password = "wonderland", Psk = "shared-Secret-42" });
        var before = root.Read(IpsecConf.SecretsPath);

        var plan = new ProfileRenderer(root.Paths).Plan(NewL2tp(), new ProfileSecrets { Psk = "other \"quoted\" key" });
        var file = plan.Files.Single(f => f.SystemPath == IpsecConf.SecretsPath);

        Assert.DoesNotContain("shared-Secret-42", file.Mask!(file.NewText));
        Assert.DoesNotContain("branch-key", file.Mask!(file.OldText!));
        Assert.Equal("other \"quoted\" key", IpsecConf.ReadPsk(file.NewText, "office5"));
        Assert.Equal(before.Replace("\"shared-Secret-42\"", "0s" + Convert.ToBase64String(Encoding.UTF8.GetBytes("other \"quoted\" key")), StringComparison.Ordinal),
            file.NewText);
    }

    [Fact]
    public void Import_takes_the_ipsec_conf_connection_back_and_renders_it_unchanged()
    {
        using var root = StarterBox();
        new ProfileService(root.Paths).Apply(NewL2tp(), new ProfileSecrets { Password = "wonderland", Psk = "shared-Secret-42" });

        var imported = new PeersImporter(root.Paths).Import("office5").Profile;

        Assert.True(imported.L2tp!.Ipsec);
        Assert.Equal("192.0.2.1", imported.L2tp!.Server);
        Assert.False(new ProfileRenderer(root.Paths).Plan(imported).HasChanges);
    }

    [Fact]
    public void Deleting_the_profile_removes_only_its_conn_section_and_its_secrets_record()
    {
        using var root = StarterBox();
        var service = new ProfileService(root.Paths);
        service.Apply(NewL2tp(), new ProfileSecrets { Password = "wonderland", Psk = "shared-Secret-42" });

        service.Delete("office5");

        Assert.Equal(ForeignConf, root.Read(IpsecConf.ConfPath));
        Assert.Equal(ForeignSecrets, root.Read(IpsecConf.SecretsPath));
    }

    [Fact]
    public void Dialing_an_ipsec_conf_profile_brings_its_conn_up_with_the_ipsec_command_and_down_again()
    {
        using var root = StarterBox();
        new ProfileService(root.Paths).Apply(NewL2tp(), new ProfileSecrets { Password = "wonderland", Psk = "shared-Secret-42" });

        var dial = new L2tpKind().DaemonDial("office5", new KindContext(root.Paths, null))!;

        Assert.Equal(["rereadsecrets", "update", "up ppptui-office5"], dial.Up.Select(c => string.Join(' ', c.Arguments)));
        Assert.Equal("down ppptui-office5", string.Join(' ', dial.Down.Single().Arguments));
    }

    [Fact]
    public void With_a_swanctl_folder_the_connection_stays_a_swanctl_file_even_when_ipsec_conf_exists()
    {
        using var root = StarterBox();
        Directory.CreateDirectory(root.PathOf("/etc/swanctl/conf.d"));

        new ProfileService(root.Paths).Apply(NewL2tp(), new ProfileSecrets { Password = "wonderland", Psk = "shared-Secret-42" });

        Assert.True(root.Exists(SwanctlConf.SystemPath("office5")));
        Assert.Equal(ForeignConf, root.Read(IpsecConf.ConfPath));
        Assert.Equal(ForeignSecrets, root.Read(IpsecConf.SecretsPath));
    }
}
