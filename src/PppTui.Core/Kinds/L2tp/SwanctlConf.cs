namespace PppTui.Core.Kinds.L2tp;

/// <summary>
/// The strongSwan side of L2TP/IPsec: one swanctl <c>conf.d</c> file per profile holding the
/// connection (IKEv1, pre-shared key, transport mode for UDP port 1701 only, the common "L2TP/IPsec
/// PSK" of phones and NetworkManager-l2tp) and its secret. The file is 0600 because of the secret;
/// previews and diffs mask it.
/// </summary>
public static partial class SwanctlConf
{
    /// <summary>The connection's name in charon (also the child's): what dialing initiates and terminates.</summary>
    public static string ConnectionName(string profile) => "ppptui-" + profile;

    public static string SystemPath(string profile) => $"/etc/swanctl/conf.d/ppptui-{profile}.conf";

    /// <summary>The file for <paramref name="profile"/> with the key <paramref name="psk"/> (null: none yet).</summary>
    public static string Render(string profile, string server, string? psk)
    {
        var name = ConnectionName(profile);
        var text = new StringBuilder();
        text.Append("# ppptui profile ").Append(profile).Append(": IPsec for L2TP to ").Append(server).Append(" (IKEv1, PSK, transport mode).\n");
        text.Append("# ppptui writes this file whole; change the profile instead of editing it.\n");
        text.Append("connections {\n");
        text.Append("    ").Append(name).Append(" {\n");
        text.Append("        version = 1\n");
        text.Append("        remote_addrs = ").Append(server).Append('\n');
        // The proposals most L2TP/IPsec servers (Windows RRAS, libreswan, strongSwan, routers) accept.
        text.Append("        proposals = aes256-sha256-modp2048,aes128-sha1-modp2048,aes256-sha1-modp1024,3des-sha1-modp1024\n");
        text.Append("        local {\n            auth = psk\n        }\n");
        text.Append("        remote {\n            auth = psk\n        }\n");
        text.Append("        children {\n");
        text.Append("            ").Append(name).Append(" {\n");
        text.Append("                mode = transport\n");
        // Only L2TP (UDP 1701) goes through the SA: the tunnel, not the host's other traffic.
        text.Append("                local_ts = dynamic[udp/1701]\n");
        text.Append("                remote_ts = dynamic[udp/1701]\n");
        text.Append("                esp_proposals = aes256-sha256,aes128-sha1,3des-sha1\n");
        text.Append("                start_action = none\n");
        text.Append("            }\n");
        text.Append("        }\n");
        text.Append("    }\n");
        text.Append("}\n");
        text.Append("secrets {\n");
        text.Append("    ike-").Append(name).Append(" {\n");
        // IKEv1 main mode picks the key by the peer's address, before any identity is known.
        text.Append("        id = ").Append(server).Append('\n');
        text.Append("        secret = ").Append(psk is null ? "\"\"" : Quote(psk)).Append('\n');
        text.Append("    }\n");
        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>The file of a profile whose IPsec is off: no connection, no key.</summary>
    public static string Off(string profile) =>
        $"# ppptui profile {profile}: IPsec is off for this profile (plain L2TP); no connection is defined.\n";

    /// <summary>True when the file defines a connection (IPsec is on for its profile).</summary>
    public static bool Defines(string text) => text.Contains("connections {", StringComparison.Ordinal);

    /// <summary>The pre-shared key the file holds (null when none or empty).</summary>
    public static string? ReadPsk(string? text)
    {
        if (text is null) return null;
        var m = SecretLine().Match(text);
        if (!m.Success) return null;
        var value = m.Groups["value"].Value.Trim();
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            value = value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        return value.Length == 0 ? null : value;
    }

    /// <summary>Hides the key in the file's text (previews, diffs).</summary>
    public static string MaskPsk(string text) =>
        SecretLine().Replace(text, m => m.Value[..(m.Groups["value"].Index - m.Index)] + "\"********\"");

    // swanctl strings: double quotes, with \" and \\ inside.
    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"(?m)^[ \t]*secret[ \t]*=[ \t]*(?<value>.*?)[ \t]*$")]
    private static partial Regex SecretLine();
}
