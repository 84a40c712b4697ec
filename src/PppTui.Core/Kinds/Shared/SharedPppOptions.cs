using System.Globalization;
using PppTui.Core.PppConfig;
using PppTui.Core.Profiles;

namespace PppTui.Core.Kinds;

/// <summary>
/// The PPP settings every kind shares, read from and written to a peers file. Each group compares
/// what the file says with what the profile says and edits only when they differ.
/// </summary>
public static class SharedPppOptions
{
    private static readonly string[] MppeOptions = ["require-mppe", "require-mppe-128", "require-mppe-40", "nomppe"];
    private static readonly string[] RouteOptions = ["defaultroute", "replacedefaultroute", "nodefaultroute"];

    private static readonly HashSet<string> Modeled = new(StringComparer.Ordinal)
    {
        "name", "user", "remotename", "linkname", "ipparam", "noauth",
        "refuse-pap", "refuse-chap", "refuse-mschap", "refuse-mschap-v2", "refuse-eap",
        "require-mppe", "require-mppe-128", "require-mppe-40", "nomppe", "mppe-stateful",
        "mtu", "mru", "lcp-echo-interval", "lcp-echo-failure", "persist", "holdoff", "maxfail",
        "defaultroute", "replacedefaultroute", "nodefaultroute", "usepeerdns",
        // Not a field and never written by ppptui, but claimed so that a hand-written password
        // stays in the peers file as it is instead of being copied into the profile as an extra line.
        "password",
    };

    public static bool Models(string option) => Modeled.Contains(option);

    public static void Import(OptionFile peers, PppSettings ppp)
    {
        // pppd authenticates with "user" when the file sets it, else with "name" (which also
        // names the local system): with both, "user" is the one that counts.
        if (peers.GetArgument("user") is { } user)
        {
            ppp.User = user;
            ppp.UserKeyword = "user";
        }
        else
        {
            ppp.User = peers.GetArgument("name");
            ppp.UserKeyword = "name";
        }
        ppp.RemoteName = peers.GetArgument("remotename");
        ppp.LinkName = peers.GetArgument("linkname");
        ppp.IpParam = peers.GetArgument("ipparam");
        ppp.NoAuth = peers.Has("noauth");
        ppp.RefusePap = peers.Has("refuse-pap");
        ppp.RefuseChap = peers.Has("refuse-chap");
        ppp.RefuseMsChap = peers.Has("refuse-mschap");
        ppp.RefuseMsChapV2 = peers.Has("refuse-mschap-v2");
        ppp.RefuseEap = peers.Has("refuse-eap");
        ppp.Mppe = ReadMppe(peers);
        ppp.MppeStateful = peers.Has("mppe-stateful");
        ppp.Mtu = Int(peers, "mtu");
        ppp.Mru = Int(peers, "mru");
        ppp.LcpEchoInterval = Int(peers, "lcp-echo-interval");
        ppp.LcpEchoFailure = Int(peers, "lcp-echo-failure");
        ppp.Persist = peers.Has("persist");
        ppp.Holdoff = Int(peers, "holdoff");
        ppp.MaxFail = Int(peers, "maxfail");
        ppp.DefaultRoute = ReadDefaultRoute(peers);
        ppp.UsePeerDns = peers.Has("usepeerdns");
    }

    public static void Render(PeersEditor peers, PppSettings ppp)
    {
        // "name" and "user" both carry the name for authentication; keep whichever the file uses.
        // A "user" line would override a "name" one, so it goes when the profile authenticates
        // by "name"; a "name" line beside "user" only names the local system and stays.
        var keyword = ppp.UserKeyword == "user" ? "user" : "name";
        if (keyword == "name" && peers.Has("user") && peers.Argument("user") != ppp.User) peers.Remove("user");
        peers.Value(keyword, ppp.User);
        peers.Value("remotename", ppp.RemoteName);
        peers.Value("linkname", ppp.LinkName);
        peers.Value("ipparam", ppp.IpParam);
        peers.Flag("noauth", ppp.NoAuth);
        peers.Flag("refuse-pap", ppp.RefusePap);
        peers.Flag("refuse-chap", ppp.RefuseChap);
        peers.Flag("refuse-mschap", ppp.RefuseMsChap);
        peers.Flag("refuse-mschap-v2", ppp.RefuseMsChapV2);
        peers.Flag("refuse-eap", ppp.RefuseEap);
        if (ReadMppe(peers.File) != ppp.Mppe)
        {
            foreach (var option in MppeOptions) peers.Remove(option);
            var wanted = ppp.Mppe switch
            {
                MppeMode.Required => "require-mppe",
                MppeMode.Required128 => "require-mppe-128",
                MppeMode.Required40 => "require-mppe-40",
                MppeMode.Refused => "nomppe",
                _ => null,
            };
            if (wanted is not null) peers.Add(wanted);
        }
        peers.Flag("mppe-stateful", ppp.MppeStateful);
        IntValue(peers, "mtu", ppp.Mtu);
        IntValue(peers, "mru", ppp.Mru);
        IntValue(peers, "lcp-echo-interval", ppp.LcpEchoInterval);
        IntValue(peers, "lcp-echo-failure", ppp.LcpEchoFailure);
        peers.Flag("persist", ppp.Persist);
        IntValue(peers, "holdoff", ppp.Holdoff);
        IntValue(peers, "maxfail", ppp.MaxFail);
        if (ReadDefaultRoute(peers.File) != ppp.DefaultRoute)
        {
            foreach (var option in RouteOptions) peers.Remove(option);
            switch (ppp.DefaultRoute)
            {
                case DefaultRouteMode.Add: peers.Add("defaultroute"); break;
                case DefaultRouteMode.Replace: peers.Add("defaultroute"); peers.Add("replacedefaultroute"); break;
                case DefaultRouteMode.Never: peers.Add("nodefaultroute"); break;
            }
        }
        peers.Flag("usepeerdns", ppp.UsePeerDns);
    }

    private static MppeMode ReadMppe(OptionFile peers) =>
        peers.Has("nomppe") ? MppeMode.Refused
        : peers.Has("require-mppe-128") ? MppeMode.Required128
        : peers.Has("require-mppe-40") ? MppeMode.Required40
        : peers.Has("require-mppe") ? MppeMode.Required
        : MppeMode.None;

    private static DefaultRouteMode ReadDefaultRoute(OptionFile peers) =>
        peers.Has("nodefaultroute") ? DefaultRouteMode.Never
        : peers.Has("replacedefaultroute") ? DefaultRouteMode.Replace
        : peers.Has("defaultroute") ? DefaultRouteMode.Add
        : DefaultRouteMode.None;

    private static int? Int(OptionFile peers, string option) => PppInteger(peers.GetArgument(option));

    /// <summary>
    /// A number as pppd's int_option() reads it: strtoul() with base 0 (0x... hex, a leading 0
    /// octal, so "01416" is 782), whatever follows the digits ignored, the result cut to 32 bits.
    /// Null when no digit starts the text (pppd refuses the option).
    /// </summary>
    internal static int? PppInteger(string? text)
    {
        if (text is null) return null;
        var i = 0;
        while (i < text.Length && PppWordReader.IsSpace(text[i])) i++;
        var negative = false;
        if (i < text.Length && text[i] is '+' or '-') negative = text[i++] == '-';
        var radix = 10;
        if (i + 1 < text.Length && text[i] == '0' && text[i + 1] is 'x' or 'X' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 2]))
        {
            radix = 16;
            i += 2;
        }
        else if (i < text.Length && text[i] == '0') radix = 8;
        ulong value = 0;
        var digits = 0;
        for (; i < text.Length; i++, digits++)
        {
            var digit = char.IsAsciiDigit(text[i]) ? text[i] - '0' : char.IsAsciiLetter(text[i]) ? (text[i] | 0x20) - 'a' + 10 : 99;
            if (digit >= radix) break;
            value = value > (ulong.MaxValue - (ulong)digit) / (ulong)radix ? ulong.MaxValue : value * (ulong)radix + (ulong)digit;
        }
        if (digits == 0) return null;
        if (negative) value = unchecked(0 - value);
        return unchecked((int)(uint)value);
    }

    // A number spelled "0x5d8" or "1416 # note" keeps its spelling while it means the same number;
    // one pppd cannot read at all is left for the user to fix rather than deleted.
    private static void IntValue(PeersEditor peers, string option, int? value)
    {
        if (value is null)
        {
            if (peers.Has(option) && PppInteger(peers.Argument(option)) is null) return;
            peers.Remove(option);
            return;
        }
        if (Int(peers.File, option) == value) return;
        peers.Value(option, value.Value.ToString(CultureInfo.InvariantCulture));
    }
}
