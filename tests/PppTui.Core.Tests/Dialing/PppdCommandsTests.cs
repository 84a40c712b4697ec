namespace PppTui.Core.Tests.Dialing;

public class PppdCommandsTests
{
    private static PeerOptions Options(params (string Key, string? Value)[] options) =>
        new(options.ToDictionary(o => o.Key, o => o.Value));

    [Fact]
    public void Connect_calls_the_peer_with_updetach_and_names_the_link_after_it()
    {
        var spec = new PppdCommands("/usr/sbin/pppd").Connect("myvpn", Options());

        Assert.Equal("/usr/sbin/pppd", spec.Program);
        Assert.Equal(["call", "myvpn", "updetach", "linkname", "myvpn"], spec.Arguments);
        Assert.Null(spec.StandardInput);
    }

    [Fact]
    public void A_linkname_set_in_the_peers_file_is_kept_and_used_for_the_pid_file()
    {
        var options = Options(("linkname", "office"));

        var spec = new PppdCommands().Connect("myvpn", options);

        Assert.Equal(["call", "myvpn", "updetach"], spec.Arguments);
        Assert.Equal("office", PppdCommands.LinkNameFor("myvpn", options));
        Assert.Equal("myvpn", PppdCommands.LinkNameFor("myvpn", Options()));
    }

    [Fact]
    public void Updetach_comes_after_call_so_it_wins_over_a_nodetach_in_the_peers_file()
    {
        var args = new PppdCommands().Connect("modem", Options(("nodetach", null))).Arguments.ToList();

        Assert.True(args.IndexOf("updetach") > args.IndexOf("call"));
    }

    [Theory]
    [InlineData("../etc/shadow")]
    [InlineData("/etc/ppp/peers/x")]
    [InlineData("sub/dir")]
    [InlineData("-x")]
    [InlineData("two words")]
    [InlineData("")]
    public void Names_that_are_not_a_peers_file_are_refused(string name)
    {
        Assert.NotNull(LinkNames.Problem(name));
        Assert.Throws<ArgumentException>(() => new PppdCommands().Connect(name, Options()));
    }

    [Theory]
    [InlineData("myvpn")]
    [InlineData("dsl-provider")]
    [InlineData("провайдер")]
    [InlineData("a.b_c")]
    public void Ordinary_peer_names_are_accepted(string name)
    {
        Assert.Null(LinkNames.Problem(name));
    }
}
