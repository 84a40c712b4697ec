using PppTui.Core.Files;
using PppTui.Core.PppConfig;
using PppTui.Core.Profiles;

namespace PppTui.Core.Kinds.Pptp;

/// <summary>
/// PPTP VPN: pppd runs <c>pptp SERVER --nolaunchpppd</c> as its pty, authenticates with MS-CHAPv2
/// and encrypts with MPPE. The server goes into a command pppd hands to /bin/sh, so it must be a
/// plain host name or address (the validator makes sure).
/// </summary>
public sealed class PptpKind : IProfileKind
{
    public ProfileKind Kind => ProfileKind.Pptp;
    public string DisplayName => "PPTP VPN";
    public string Description => "A PPTP VPN server (pptp-linux), MS-CHAPv2 with MPPE encryption";

    public IReadOnlyList<string> FieldKeys { get; } =
        ["name", "description", "server", "user", "password", "remotename", "mppe", "mtu", "default-route",
         "usepeerdns", "persist", "routes", "pptp-args"];

    public bool Recognises(OptionFile peers) => IsPptpCommand(peers.GetArgument("pty"));

    public bool Models(OptionEntry entry, OptionFile peers) => entry.Name == "pty" && Recognises(peers);

    public void Import(OptionFile peers, Profile profile, KindContext context)
    {
        var words = CommandWords.Split(peers.GetArgument("pty") ?? "");
        var pptp = profile.Pptp!;
        pptp.Server = words.Count > 1 ? words[1] : null;
        pptp.PptpArguments = words.Skip(2).Where(w => w != "--nolaunchpppd").ToList();
    }

    public void Render(PeersEditor peers, Profile profile, KindContext context)
    {
        var pptp = profile.Pptp!;
        var current = CommandWords.Split(peers.Argument("pty") ?? "");
        var same = IsPptpCommand(peers.Argument("pty")) && (current.Count > 1 ? current[1] : null) == pptp.Server &&
                   current.Skip(2).Where(w => w != "--nolaunchpppd").SequenceEqual(pptp.PptpArguments);
        if (same) return;
        var program = current.Count > 0 && CommandWords.ProgramName(current) == "pptp" ? current[0] : "pptp";
        var command = string.Join(' ', new[] { program, pptp.Server ?? "", "--nolaunchpppd" }.Concat(pptp.PptpArguments));
        peers.Value("pty", command);
    }

    public void ApplyDefaults(Profile profile)
    {
        var ppp = profile.Ppp;
        ppp.RemoteName = profile.Name;
        ppp.LinkName = profile.Name;
        ppp.IpParam = profile.Name;
        ppp.NoAuth = true;
        ppp.RefusePap = ppp.RefuseEap = ppp.RefuseChap = ppp.RefuseMsChap = true;
        ppp.Mppe = MppeMode.Required128;
        profile.ExtraOptions = ["lock", "nobsdcomp", "nodeflate"];
    }

    public IEnumerable<PlannedFile> RenderOwnFiles(Profile profile, KindContext context, Func<string, string?> readDisk) => [];

    private static bool IsPptpCommand(string? pty) =>
        pty is not null && CommandWords.ProgramName(CommandWords.Split(pty)) == "pptp";
}
