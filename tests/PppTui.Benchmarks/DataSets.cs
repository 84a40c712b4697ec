using PppTui.Core.Apply;

namespace PppTui.Benchmarks;

/// <summary>
/// A box with many profiles, as ppptui itself would leave it: each profile's TOML, its peers file
/// (and chat script for modems) rendered by the core, and one chap-secrets with every user.
/// Kinds rotate PPTP, PPPoE, modem. Deterministic, so runs compare.
/// </summary>
public static class ProfileSet
{
    /// <summary>The name of profile <paramref name="index"/>; names sort in index order.</summary>
    public static string NameOf(int index) => "bench-" + index.ToString("D5", CultureInfo.InvariantCulture);

    public static void Generate(string root, int count)
    {
        var paths = new SystemPaths(root);
        foreach (var dir in new[] { paths.ProfilesDir, paths.PeersDir, paths.ChatScriptsDir, paths.RunDir, paths.VarLog })
            Directory.CreateDirectory(dir);
        var service = new ProfileService(paths);
        var secrets = new StringBuilder("# Secrets for authentication using CHAP\n# client\tserver\tsecret\t\t\tIP addresses\n");
        for (int i = 0; i < count; i++)
        {
            var name = NameOf(i);
            var profile = Make(name, i);
            service.Store.Save(profile);
            // Render against an empty disk: peers file and chat script as a first apply writes them.
            var plan = service.Renderer.Plan(profile, null, _ => null);
            foreach (var file in plan.Files.Where(f => f.Role is FileRole.Peers or FileRole.ChatScript or FileRole.RoutesScript))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file.FullPath)!);
                File.WriteAllText(file.FullPath, file.NewText);
            }
            if (profile.Ppp.User is { } user)
                secrets.Append('"').Append(user).Append("\"\t").Append(profile.SecretsServer).Append("\t\"pw-").Append(i).Append("-x7Qe\"\t*\n");
        }
        File.WriteAllText(paths.ChapSecrets, secrets.ToString());
        File.SetUnixFileMode(paths.ChapSecrets, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>A realistic profile of the kind picked by <paramref name="index"/>.</summary>
    public static Profile Make(string name, int index)
    {
        var kind = (index % 3) switch { 0 => ProfileKind.Pptp, 1 => ProfileKind.Pppoe, _ => ProfileKind.Modem };
        var profile = KindRegistry.NewProfile(name, kind);
        profile.Description = $"{kind} link {index} (generated for benchmarks)";
        switch (index % 3)
        {
            case 0:
                profile.Pptp!.Server = $"vpn{index}.example.net";
                profile.Ppp.User = $"alice{index}";
                profile.Ppp.Routes = [$"10.{index % 250}.0.0/16"];
                profile.Ppp.Mtu = 1400;
                break;
            case 1:
                profile.Pppoe!.Interface = "eth" + (index % 4);
                profile.Ppp.User = $"dsl{index}@isp.example";
                break;
            default:
                profile.Modem!.Device = "/dev/ttyUSB" + (index % 4);
                profile.Modem!.Apn = "internet.example";
                break;
        }
        return profile;
    }
}

/// <summary>
/// Peers-file text in the style of the real files users have: comment blocks, blank lines,
/// quoted pty and connect commands, escapes, CRLF-free Unix text. Repeated to any size.
/// </summary>
public static class PeersText
{
    private static readonly string[] Block =
    [
        "# /etc/ppp/peers/provider: written by hand, kept for years",
        "#",
        "# Dial the office VPN. Uncomment \"debug\" to see the negotiation in the syslog.",
        "",
        "pty \"pptp vpn.example.net --nolaunchpppd --loglevel 0\"",
        "name alice",
        "remotename office",
        "require-mppe-128",
        "refuse-pap",
        "refuse-eap",
        "refuse-chap",
        "refuse-mschap",
        "noauth",
        "file /etc/ppp/options.pptp",
        "ipparam office",
        "  mtu 1400    # GRE plus MPPE overhead",
        "mru 1400",
        "lcp-echo-interval 30",
        "lcp-echo-failure 4",
        "persist",
        "holdoff 10",
        "maxfail 0",
        "connect \"/usr/sbin/chat -v -f /etc/chatscripts/gprs -T '*99#'\"",
        "/dev/ttyUSB2",
        "115200",
        "user \"dsl user\\twith tab\"",
        "plugin rp-pppoe.so eth0",
        "#debug",
        "usepeerdns",
        "defaultroute",
        "",
    ];

    private static readonly string[] Commentary =
    [
        "# Office VPN. The server only speaks MS-CHAPv2 and drops the link without MPPE-128.",
        "# GRE (protocol 47) must pass the firewall in both directions, or LCP times out.",
        "# The MTU leaves room for GRE and MPPE; 1400 was the largest that did not fragment.",
        "#",
    ];

    private static readonly string[] PptpOptions =
    [
        "pty \"pptp vpn.example.net --nolaunchpppd\"",
        "name alice",
        "remotename office",
        "require-mppe-128",
        "refuse-pap",
        "refuse-eap",
        "refuse-chap",
        "refuse-mschap",
        "noauth",
        "file /etc/ppp/options.pptp",
        "ipparam office",
        "linkname office",
        "mtu 1400",
        "mru 1400",
        "lcp-echo-interval 30",
        "lcp-echo-failure 4",
        "persist",
        "holdoff 10",
        "maxfail 0",
        "lock",
        "nobsdcomp",
        "nodeflate",
        "#debug",
    ];

    /// <summary>
    /// One coherent hand-written PPTP peers file of about <paramref name="bytes"/> bytes: comment
    /// paragraphs (repeated to the size), then the options, as an import would find it.
    /// </summary>
    public static string PptpPeersFile(int bytes)
    {
        var options = string.Join('\n', PptpOptions) + "\n";
        var paragraph = string.Join('\n', Commentary) + "\n";
        var text = new StringBuilder(bytes + paragraph.Length);
        text.Append("# /etc/ppp/peers/office: written by hand\n");
        while (text.Length + options.Length < bytes) text.Append(paragraph);
        return text.Append(options).ToString();
    }

    /// <summary>About <paramref name="bytes"/> bytes of peers-file text (whole blocks).</summary>
    public static string Make(int bytes)
    {
        var one = string.Join('\n', Block) + "\n";
        var text = new StringBuilder(bytes + one.Length);
        while (text.Length < bytes) text.Append(one);
        return text.ToString();
    }
}
