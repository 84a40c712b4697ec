namespace PppTui.Core.Kinds.L2tp;

/// <summary>
/// The older strongSwan set-up, for a box that has /etc/ipsec.conf and no swanctl: the profile's
/// connection is one <c>conn ppptui-NAME</c> section of /etc/ipsec.conf (the same IKEv1, PSK,
/// transport-mode connection as the swanctl file) and its key one record of /etc/ipsec.secrets,
/// under a comment line that names the profile. Every other byte of both files stays as it was.
/// </summary>
public static partial class IpsecConf
{
    public const string ConfPath = "/etc/ipsec.conf";
    public const string SecretsPath = "/etc/ipsec.secrets";

    /// <summary>True when /etc/ipsec.conf has the profile's <c>conn</c> section.</summary>
    public static bool HasConn(string? conf, string profile) => ConnRange(Lines(conf ?? ""), SwanctlConf.ConnectionName(profile)) is not null;

    /// <summary>The value of <paramref name="key"/> in the profile's <c>conn</c> section, or null.</summary>
    public static string? Get(string? conf, string profile, string key)
    {
        var lines = Lines(conf ?? "");
        if (ConnRange(lines, SwanctlConf.ConnectionName(profile)) is not var (start, end)) return null;
        string? value = null;
        for (var i = start + 1; i < end; i++)
            if (Setting().Match(lines[i]) is { Success: true } m && m.Groups["key"].Value == key) value = m.Groups["value"].Value;
        return value;
    }

    /// <summary>/etc/ipsec.conf with the profile's section written (or added at the end); null server: the section removed.</summary>
    public static string WithConn(string? conf, string profile, string? server)
    {
        var text = conf ?? "";
        var newline = TextEdits.DetectLineEnding(text);
        var lines = Lines(text);
        var section = server is null ? [] : ConnLines(profile, server);
        if (ConnRange(lines, SwanctlConf.ConnectionName(profile)) is var (start, end))
        {
            lines.RemoveRange(start, end - start);
            lines.InsertRange(start, section);
            // A removed section takes the blank line that set it off with it.
            if (section.Count == 0 && start > 0 && lines[start - 1].Trim().Length == 0 && (start == lines.Count || lines[start].Trim().Length == 0))
                lines.RemoveAt(start - 1);
        }
        else if (section.Count > 0)
        {
            if (conf is null) lines.Add("# ipsec.conf - strongSwan IPsec configuration; ppptui edits only its conn ppptui-NAME sections.");
            if (lines.Count > 0 && lines[^1].Trim().Length > 0) lines.Add("");
            lines.AddRange(section);
        }
        return Join(lines, newline, text);
    }

    /// <summary>The profile's section: what <see cref="SwanctlConf.Render"/> says, in ipsec.conf words.</summary>
    private static List<string> ConnLines(string profile, string server) =>
    [
        "conn " + SwanctlConf.ConnectionName(profile),
        $"\t# ppptui profile {profile}: IPsec for L2TP to {server} (IKEv1, PSK, transport mode); ppptui rewrites this section.",
        "\tkeyexchange=ikev1",
        "\tauthby=secret",
        "\ttype=transport",
        "\tleft=%any",
        // Only L2TP (UDP 1701) goes through the SA: the tunnel, not the host's other traffic.
        "\tleftprotoport=17/1701",
        "\tright=" + server,
        "\trightprotoport=17/1701",
        "\tike=aes256-sha256-modp2048,aes128-sha1-modp2048,aes256-sha1-modp1024,3des-sha1-modp1024!",
        "\tesp=aes256-sha256,aes128-sha1,3des-sha1!",
        // Loaded, not started: ppptui brings it up when it dials (ipsec up), down when it hangs up.
        "\tauto=add",
    ];

    /// <summary>True when /etc/ipsec.secrets holds the profile's record.</summary>
    public static bool HasSecret(string? secrets, string profile) => SecretIndex(Lines(secrets ?? ""), profile) >= 0;

    /// <summary>The profile's pre-shared key in /etc/ipsec.secrets, or null.</summary>
    public static string? ReadPsk(string? secrets, string profile)
    {
        var lines = Lines(secrets ?? "");
        var i = SecretIndex(lines, profile);
        if (i < 0 || PskRecord().Match(lines[i]) is not { Success: true } m) return null;
        var value = m.Groups["value"].Value;
        if (value.StartsWith("0s", StringComparison.Ordinal))
        {
            try { return Encoding.UTF8.GetString(Convert.FromBase64String(value[2..])); }
            catch (FormatException) { return null; }
        }
        return value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;
    }

    /// <summary>
    /// /etc/ipsec.secrets with the profile's record (the comment line naming the profile, then
    /// <c>SERVER : PSK "key"</c>) written, added at the end, or removed (null server); every other
    /// line stays byte for byte.
    /// </summary>
    public static string WithSecret(string? secrets, string profile, string? server, string? psk)
    {
        var text = secrets ?? "";
        var newline = TextEdits.DetectLineEnding(text);
        var lines = Lines(text);
        var i = SecretIndex(lines, profile);
        List<string> record = server is null ? [] : [Marker(profile), $"{server} : PSK {QuotePsk(psk ?? "")}"];
        if (i >= 0)
        {
            lines.RemoveRange(i - 1, 2);
            lines.InsertRange(i - 1, record);
        }
        else
        {
            lines.AddRange(record);
        }
        return Join(lines, newline, text);
    }

    /// <summary>Hides the keys of ppptui's records (previews, diffs).</summary>
    public static string MaskPsk(string text) => PskValue().Replace(text, m => m.Value[..(m.Groups["value"].Index - m.Index)] + "\"********\"");

    // ipsec.secrets has no escapes inside quotes: a key with a double quote is written in base64 (0s...).
    private static string QuotePsk(string psk) =>
        psk.Contains('"', StringComparison.Ordinal) || psk.Contains('\n', StringComparison.Ordinal)
            ? "0s" + Convert.ToBase64String(Encoding.UTF8.GetBytes(psk))
            : "\"" + psk + "\"";

    private static string Marker(string profile) => $"# ppptui profile {profile} (conn {SwanctlConf.ConnectionName(profile)})";

    // The record's line: the one after the profile's comment line.
    private static int SecretIndex(List<string> lines, string profile)
    {
        var marker = Marker(profile);
        for (var i = 0; i + 1 < lines.Count; i++)
            if (lines[i] == marker) return i + 1;
        return -1;
    }

    // The header line and the line after the section's last indented line: a section is its
    // header and the indented (or blank) lines under it; any line at column 0 ends it.
    private static (int Start, int End)? ConnRange(List<string> lines, string conn)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (ConnHeader().Match(lines[i]) is not { Success: true } m || m.Groups["name"].Value != conn) continue;
            var end = i + 1;
            var last = i;
            for (; end < lines.Count && (lines[end].Length == 0 || char.IsWhiteSpace(lines[end][0])); end++)
                if (lines[end].Trim().Length > 0) last = end;
            return (i, last + 1);
        }
        return null;
    }

    private static List<string> Lines(string text)
    {
        if (text.Length == 0) return [];
        var newline = TextEdits.DetectLineEnding(text);
        var body = text.EndsWith('\n') ? text[..^newline.Length] : text;
        return [.. body.Split(newline)];
    }

    private static string Join(List<string> lines, string newline, string old) =>
        lines.Count == 0 ? "" : string.Join(newline, lines) + (old.Length == 0 || old.EndsWith('\n') ? newline : "");

    [GeneratedRegex(@"^conn\s+(?<name>\S+)\s*(?:#.*)?$")]
    private static partial Regex ConnHeader();

    [GeneratedRegex(@"^\s+(?<key>[A-Za-z0-9_]+)\s*=\s*(?<value>.*?)\s*$")]
    private static partial Regex Setting();

    [GeneratedRegex(@":\s*PSK\s+(?<value>""[^""]*""|'[^']*'|\S+)")]
    private static partial Regex PskRecord();

    // Any PSK record's key, for masking: ppptui's and the foreign ones shown around them.
    [GeneratedRegex(@"(?m):[ \t]*PSK[ \t]+(?<value>""[^""\n]*""|'[^'\n]*'|[^\s#]+)")]
    private static partial Regex PskValue();
}
