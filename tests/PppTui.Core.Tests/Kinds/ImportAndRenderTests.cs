namespace PppTui.Core.Tests.Kinds;

public class ImportAndRenderTests
{
    // A new PPTP profile as the New dialog makes it, with its server and user filled in.
    private static Profile NewOfficePptp()
    {
        var profile = KindRegistry.NewProfile("office", ProfileKind.Pptp);
        profile.Pptp!.Server = "vpn.example.com";
        profile.Ppp.User = "alice";
        return profile;
    }

    [Fact]
    public void The_field_report_profile_imports_as_pptp_with_its_settings()
    {
        using var root = new SandboxRoot();
        root.WriteFieldReportFiles();

        var result = new PeersImporter(root.Paths).Import("myvpn");

        var p = result.Profile;
        Assert.Equal(ProfileKind.Pptp, p.Kind);
        Assert.Equal("192.0.2.1", p.Pptp!.Server);
        Assert.Equal(["--loglevel", "0"], p.Pptp!.PptpArguments);
        Assert.Equal(1416, p.Ppp.Mtu);
        Assert.Equal(MppeMode.Required128, p.Ppp.Mppe);
        Assert.Equal(DefaultRouteMode.Add, p.Ppp.DefaultRoute);
        Assert.True(p.Ppp.UsePeerDns);
        Assert.Equal("alice", p.Ppp.User);
        Assert.Equal(["lock", "nodeflate"], p.ExtraOptions);
        Assert.Equal("/etc/ppp/chap-secrets", result.SecretsFile);
        Assert.Equal(3, result.SecretsLine);
    }

    [Fact]
    public void Rendering_an_imported_profile_over_its_file_changes_zero_bytes()
    {
        using var root = new SandboxRoot();
        root.WriteFieldReportFiles();
        var profile = new PeersImporter(root.Paths).Import("myvpn").Profile;

        var plan = new ProfileRenderer(root.Paths).Plan(profile);

        Assert.False(plan.HasChanges);
        Assert.Equal(SeedFiles.Peers, plan.Files.Single(f => f.SystemPath == "/etc/ppp/peers/myvpn").NewText);
    }

    [Fact]
    public void Changing_the_mtu_changes_exactly_one_word_and_keeps_the_comment()
    {
        using var root = new SandboxRoot();
        root.WriteFieldReportFiles();
        var profile = new PeersImporter(root.Paths).Import("myvpn").Profile;
        profile.Ppp.Mtu = 1400;

        var plan = new ProfileRenderer(root.Paths).Plan(profile);

        var peers = plan.Changed.Single();
        Assert.Equal(SeedFiles.Peers.Replace("mtu 1416 #critical!!!", "mtu 1400 #critical!!!"), peers.NewText);
        Assert.Equal((1, 1), Core.Files.TextDiff.Count(peers.Diff()));
    }

    [Fact]
    public void A_new_pptp_profile_gets_an_mtu_and_mru_whose_gre_packet_fits_a_1500_byte_path()
    {
        using var root = new SandboxRoot();
        var profile = NewOfficePptp();

        var peers = new ProfileRenderer(root.Paths).Plan(profile, new ProfileSecrets { Password = "pw" })
            .Files.Single(f => f.Role == Core.Apply.FileRole.Peers).NewText;

        // outer IPv4 20 + enhanced GRE with sequence and ack 16 + PPP address/control and protocol 4.
        Assert.Equal(1500, profile.Ppp.Mtu + 20 + 16 + 4);
        Assert.Equal(profile.Ppp.Mtu, profile.Ppp.Mru);
        Assert.Contains("mtu 1460", peers);
        Assert.Contains("mru 1460", peers);
    }

    [Fact]
    public void An_imported_pptp_peers_file_keeps_its_own_mtu_or_none()
    {
        using var root = new SandboxRoot();
        root.WriteFieldReportFiles();
        File.WriteAllText(root.Paths.PeerFile("bare"), "pty \"pptp 192.0.2.9 --nolaunchpppd\"\nname bob\nrequire-mppe-128\n");

        var fieldReport = new PeersImporter(root.Paths).Import("myvpn").Profile;
        var bare = new PeersImporter(root.Paths).Import("bare").Profile;

        Assert.Equal(1416, fieldReport.Ppp.Mtu);
        Assert.Null(bare.Ppp.Mtu);
        Assert.Null(bare.Ppp.Mru);
    }

    [Fact]
    public void The_mtu_help_on_a_pptp_page_shows_the_arithmetic_and_other_pages_do_not()
    {
        var pptp = ProfileFields.PageFor(ProfileKind.Pptp).Single(f => f.Key == "mtu");
        var pppoe = ProfileFields.PageFor(ProfileKind.Pppoe).Single(f => f.Key == "mtu");

        Assert.All(["1500-byte path - 20 outer IPv4 - 16 GRE", "= 1460", "link shows 1456"], part => Assert.Contains(part, pptp.ShownHelp));
        Assert.DoesNotContain("GRE", pppoe.ShownHelp);
    }

    [Fact]
    public void A_new_pptp_profile_renders_the_pty_the_user_and_mppe_and_a_masked_secret()
    {
        using var root = new SandboxRoot();
        var profile = NewOfficePptp();

        var plan = new ProfileRenderer(root.Paths).Plan(profile, new ProfileSecrets { Password = "p\"a ss#w0rd" });

        var peers = plan.Files.Single(f => f.Role == Core.Apply.FileRole.Peers).NewText;
        Assert.Contains("pty \"pptp vpn.example.com --nolaunchpppd\"", peers);
        Assert.Contains("name alice", peers);
        Assert.Contains("require-mppe-128", peers);
        Assert.Contains("refuse-pap", peers);
        var secrets = plan.Files.Single(f => f.SystemPath == "/etc/ppp/chap-secrets");
        Assert.Contains("alice", secrets.NewText);
        Assert.DoesNotContain("p\"a ss#w0rd", secrets.PreviewText);
        Assert.DoesNotContain("ss#w0rd", secrets.Diff());
        var record = Core.PppConfig.SecretsFile.Parse(secrets.NewText).Find("alice", "office");
        Assert.Equal("p\"a ss#w0rd", record!.Secret);
    }

    [Fact]
    public void A_pppoe_interface_on_its_own_line_is_changed_in_place()
    {
        using var root = new SandboxRoot();
        const string text = "# DSL\nplugin rp-pppoe.so\neth0\nuser \"bob@isp\"\nnoipdefault\ndefaultroute\nhide-password\n";
        root.Write("/etc/ppp/peers/dsl", text);
        var profile = new PeersImporter(root.Paths).Import("dsl").Profile;
        Assert.Equal(ProfileKind.Pppoe, profile.Kind);
        Assert.Equal("eth0", profile.Pppoe!.Interface);
        Assert.Equal("bob@isp", profile.Ppp.User);
        Assert.Equal("user", profile.Ppp.UserKeyword);

        profile.Pppoe!.Interface = "eth1";
        var plan = new ProfileRenderer(root.Paths).Plan(profile);

        Assert.Equal(text.Replace("\neth0\n", "\neth1\n"), plan.Files[0].NewText);
    }

    [Fact]
    public void A_new_modem_profile_writes_a_chat_script_with_apn_pin_and_number_and_masks_the_pin()
    {
        using var root = new SandboxRoot();
        var profile = KindRegistry.NewProfile("lte", ProfileKind.Modem);
        profile.Modem!.Device = "/dev/ttyUSB2";
        profile.Modem!.Apn = "internet.example";

        var plan = new ProfileRenderer(root.Paths).Plan(profile, new ProfileSecrets { Pin = "1234" });

        var peers = plan.Files.Single(f => f.Role == Core.Apply.FileRole.Peers).NewText;
        Assert.Contains("/dev/ttyUSB2", peers);
        Assert.Contains("115200", peers);
        Assert.Contains("connect \"/usr/sbin/chat -v -f /etc/chatscripts/lte\"", peers);
        var chat = plan.Files.Single(f => f.Role == Core.Apply.FileRole.ChatScript);
        Assert.Contains("AT+CGDCONT=1,\"IP\",\"internet.example\"", chat.NewText);
        Assert.Contains("ATD*99#", chat.NewText);
        Assert.Contains("AT+CPIN=1234", chat.NewText);
        Assert.DoesNotContain("1234", chat.PreviewText);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, chat.NewFileMode);
    }

    [Fact]
    public void An_imported_modem_profile_reads_apn_and_number_from_its_chat_script()
    {
        using var root = new SandboxRoot();
        root.Write("/etc/chatscripts/gprs", "ABORT BUSY\n'' AT\nOK 'AT+CGDCONT=1,\"IP\",\"airtelwap.es\"'\nOK ATD*99***1#\nCONNECT ''\n");
        const string peers = "/dev/ttyUSB0\n115200\nconnect \"/usr/sbin/chat -v -f /etc/chatscripts/gprs\"\nnoauth\n";
        root.Write("/etc/ppp/peers/gprs", peers);

        var profile = new PeersImporter(root.Paths).Import("gprs").Profile;

        Assert.Equal(ProfileKind.Modem, profile.Kind);
        Assert.Equal("/dev/ttyUSB0", profile.Modem!.Device);
        Assert.Equal(115200, profile.Modem!.Speed);
        Assert.Equal("airtelwap.es", profile.Modem!.Apn);
        Assert.Equal("*99***1#", profile.Modem!.Number);
        Assert.False(new ProfileRenderer(root.Paths).Plan(profile).HasChanges);

        profile.Modem!.Apn = "internet";
        var chat = new ProfileRenderer(root.Paths).Plan(profile).Changed.Single();
        Assert.Equal("ABORT BUSY\n'' AT\nOK AT+CGDCONT=1,\"IP\",\"internet\"\nOK ATD*99***1#\nCONNECT ''\n", chat.NewText);
    }

    [Fact]
    public void Removing_an_extra_option_removes_only_that_line()
    {
        using var root = new SandboxRoot();
        root.WriteFieldReportFiles();
        var profile = new PeersImporter(root.Paths).Import("myvpn").Profile;
        profile.ExtraOptions.Remove("nodeflate");
        profile.ExtraOptions.Add("asyncmap 0");

        var text = new ProfileRenderer(root.Paths).Plan(profile).Files[0].NewText;

        Assert.Equal(SeedFiles.Peers.Replace("nodeflate\n", "") + "asyncmap 0\n", text);
    }

    [Fact]
    public void Changing_the_user_moves_the_secrets_record_and_keeps_other_lines()
    {
        using var root = new SandboxRoot();
        root.WriteFieldReportFiles();
        var profile = new PeersImporter(root.Paths).Import("myvpn").Profile;
        profile.Ppp.User = "carol";

        var secrets = new ProfileRenderer(root.Paths).Plan(profile).Files.Single(f => f.SystemPath == "/etc/ppp/chap-secrets");

        var parsed = Core.PppConfig.SecretsFile.Parse(secrets.NewText);
        Assert.Null(parsed.Find("alice", "myvpn"));
        Assert.Equal("s3cret-Pass", parsed.Find("carol", "myvpn")!.Secret);
        Assert.Contains("bob * other-secret *\n", secrets.NewText);
        Assert.StartsWith("# Secrets for authentication using CHAP\n", secrets.NewText);
    }

    [Theory]
    [MemberData(nameof(CorpusPeers))]
    public void Every_corpus_peers_file_imports_and_renders_back_to_the_same_bytes(string path)
    {
        using var root = new SandboxRoot();
        var text = Core.Files.TextFile.Decode(File.ReadAllBytes(path), path);
        root.Write("/etc/ppp/peers/corpus", text);

        var result = new PeersImporter(root.Paths).Import("corpus");
        var plan = new ProfileRenderer(root.Paths).Plan(result.Profile);

        Assert.Equal(text, plan.Files[0].NewText);
        Assert.Equal(ExpectedKind(Path.GetFileName(path), text), result.Profile.Kind);
    }

    public static TheoryData<string> CorpusPeers()
    {
        var data = new TheoryData<string>();
        foreach (var f in Corpus.Files("peers")) data.Add(f);
        if (data.Count == 0) data.Add(WriteFallbackPeers());
        return data;
    }

    // Without the shared corpus, the same test runs over a hand-written peers file of our own.
    private static string WriteFallbackPeers()
    {
        var path = Path.Join(Path.GetTempPath(), "ppptui-fallback-pptp-peers");
        File.WriteAllText(path, SeedFiles.Peers.Replace("\n", "\r\n"));
        return path;
    }

    private static ProfileKind ExpectedKind(string fileName, string text)
    {
        if (text.Contains("pty", StringComparison.Ordinal) && text.Contains("pptp ", StringComparison.Ordinal)) return ProfileKind.Pptp;
        if (text.Contains("rp-pppoe.so", StringComparison.Ordinal) || text.Contains("plugin pppoe.so", StringComparison.Ordinal)) return ProfileKind.Pppoe;
        if (fileName.Contains("pppoe", StringComparison.Ordinal) || fileName.Contains("dsl", StringComparison.Ordinal)) return ProfileKind.Custom;
        return ProfileKind.Modem;
    }
}
