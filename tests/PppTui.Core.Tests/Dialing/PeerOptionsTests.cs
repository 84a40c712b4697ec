namespace PppTui.Core.Tests.Dialing;

public class PeerOptionsTests
{
    // The seed's own files, as the field report has them.
    private const string SeedPeer = """
        remotename myvpn
        linkname myvpn
        ipparam myvpn
        pty "pptp vpn.example.com --nolaunchpppd --loglevel 0"
        lock
        nodeflate
        name alice
        usepeerdns
        require-mppe
        noauth
        require-mppe-128
        defaultroute
        mtu 1416 #critical!!!
        """;

    private const string SeedOptions = """
        lcp-echo-failure 10
        lcp-echo-interval 10
        lock
        crtscts
        nodeflate
        persist
        asyncmap 0
        noauth
        hide-password
        noipx
        """;

    // The options pppd runs the peer with, read as the dialer reads them.
    private static PeerOptions OptionsOf(FakeSystem sys, string name) => new(new PeerOptionsFileReader(sys.Paths).Read(name));

    [Fact]
    public void I_can_read_the_seed_profile_with_its_global_options()
    {
        using var sys = new FakeSystem().Peer("myvpn", SeedPeer).File_("/etc/ppp/options", SeedOptions);

        var options = OptionsOf(sys, "myvpn");

        Assert.Equal("myvpn", options.LinkName);
        Assert.Equal(1416, options.Mtu);
        Assert.True(options.DefaultRoute);
        Assert.False(options.ReplaceDefaultRoute);
        Assert.True(options.UsePeerDns);
        Assert.True(options.RequiresMppe);
        Assert.True(options.Persist);
        Assert.Equal("alice", options.User);
        Assert.Equal("myvpn", options.RemoteName);
        Assert.Equal("vpn.example.com", options.PptpServer);
        Assert.True(options.IsPptp);
        Assert.Equal("10", options.Value("lcp-echo-interval"));
    }

    [Fact]
    public void A_file_option_pulls_in_the_included_file_where_it_stands()
    {
        using var sys = new FakeSystem()
            .File_("/etc/ppp/options.pptp", "require-mppe-128\ndefaultroute\nmtu 1400\n")
            .Peer("work", "file /etc/ppp/options.pptp\nmtu 1380\n");

        var options = OptionsOf(sys, "work");

        Assert.True(options.RequiresMppe);
        Assert.True(options.DefaultRoute);
        Assert.Equal(1380, options.Mtu);
    }

    [Fact]
    public void A_later_negation_turns_an_option_off()
    {
        using var sys = new FakeSystem()
            .File_("/etc/ppp/options", "defaultroute\npersist\n")
            .Peer("dsl", "nodefaultroute\nnopersist\nplugin rp-pppoe.so\nnic-eth0\n");

        var options = OptionsOf(sys, "dsl");

        Assert.False(options.DefaultRoute);
        Assert.False(options.Persist);
        Assert.True(options.IsPppoe);
        Assert.True(options.Has("nic-eth0"));
    }

    [Fact]
    public void A_missing_peers_file_reads_as_no_options()
    {
        using var sys = new FakeSystem().File_("/etc/ppp/options", "persist\n");

        Assert.Empty(new PeerOptionsFileReader(sys.Paths).Read("absent"));
        Assert.Empty(new PeerOptionsFileReader(sys.Paths).Read("../options"));
    }

    [Fact]
    public void Every_peers_file_of_the_corpus_reads_into_options()
    {
        using var sys = new FakeSystem();
        var files = new List<(string Name, string Text)> { ("self-written", SeedPeer) };
        if (CorpusDirectory() is { } corpus)
            files.AddRange(Directory.EnumerateFiles(Path.Combine(corpus, "peers")).Select(f => (Path.GetFileName(f), File.ReadAllText(f))));

        foreach (var (name, text) in files)
        {
            sys.Peer(name, text);
            var options = OptionsOf(sys, name);
            Assert.True(options.All.Count > 0, $"{name}: no options read");
            if (text.Contains("pty") && text.Contains("pptp ") && !text.Contains("#pty"))
                Assert.False(string.IsNullOrEmpty(options.PptpServer), $"{name}: no PPTP server found in {options.Pty}");
            if (options.Mtu is { } mtu) Assert.InRange(mtu, 128, 16384);
        }
    }

    internal static string? CorpusDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PppTui.sln"))) dir = dir.Parent;
        if (dir?.Parent is null) return null;
        var corpus = Path.Combine(dir.Parent.FullName, "shared", "corpus");
        return Directory.Exists(Path.Combine(corpus, "peers")) ? corpus : null;
    }
}
