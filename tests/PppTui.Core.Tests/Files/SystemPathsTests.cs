namespace PppTui.Core.Tests.Files;

/// <summary>Every path derived from a profile name or a setting is built in SystemPaths alone.</summary>
public class SystemPathsTests
{
    [Fact]
    public void A_profile_that_refuses_PAP_keeps_its_password_in_chap_secrets_only()
    {
        var paths = new SystemPaths("/tmp/root");
        Assert.Equal([("/etc/ppp/chap-secrets", "/tmp/root/etc/ppp/chap-secrets")], paths.SecretsFilesFor(refusePap: true));
        Assert.Equal(
            [("/etc/ppp/chap-secrets", "/tmp/root/etc/ppp/chap-secrets"), ("/etc/ppp/pap-secrets", "/tmp/root/etc/ppp/pap-secrets")],
            paths.SecretsFilesFor(refusePap: false));
        Assert.Equal(paths.SecretsFilesFor(refusePap: false), paths.SecretsFiles);
    }

    [Fact]
    public void The_peers_file_and_the_chat_script_are_named_after_the_profile()
    {
        Assert.Equal("/etc/ppp/peers/office", SystemPaths.PeerSystemPath("office"));
        Assert.Equal("/etc/chatscripts/office", SystemPaths.ChatScriptSystemPath("office"));
        Assert.Equal(new SystemPaths("/r").PeerFile("office"), new SystemPaths("/r").Resolve(SystemPaths.PeerSystemPath("office")));
    }

    [Fact]
    public void A_route_script_name_with_a_dot_is_spelled_out_so_run_parts_runs_it()
    {
        Assert.Equal("/etc/ppp/ip-up.d/ppptui-office", SystemPaths.RoutesScriptSystemPath("office"));
        Assert.Equal("/etc/ppp/ip-up.d/ppptui--a_2eb", SystemPaths.RoutesScriptSystemPath("a.b"));
        Assert.NotEqual(SystemPaths.RoutesScriptSystemPath("a.b"), SystemPaths.RoutesScriptSystemPath("a_b"));
    }
}
