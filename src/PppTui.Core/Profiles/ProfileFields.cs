using System.Globalization;

namespace PppTui.Core.Profiles;

/// <summary>A profile being edited together with the secrets typed for it (never stored).</summary>
public sealed class ProfileDraft(Profile profile, ProfileSecrets? secrets = null)
{
    public Profile Profile { get; } = profile;
    public ProfileSecrets Secrets { get; } = secrets ?? new ProfileSecrets();
}

public enum FieldType { Text, Number, Flag, Choice, List, Secret }

/// <summary>
/// One editable field: label, help, type, and how to read and write it as text. The TUI editor
/// builds its forms from these and the CLI's <c>set</c> options come from the same list, so both
/// front ends accept and reject exactly the same values.
/// </summary>
public sealed record ProfileField(
    string Key, string Label, string Help, FieldType Type,
    Func<ProfileDraft, string?> Get, Func<ProfileDraft, string?, string?> Set,
    IReadOnlyList<string>? Choices = null, IReadOnlyList<ProfileKind>? Kinds = null)
{
    public bool AppliesTo(ProfileKind kind) => Kinds is null || Kinds.Contains(kind);
}

public static class ProfileFields
{
    private static readonly IReadOnlyList<string> Bools = ["yes", "no"];

    public static IReadOnlyList<ProfileField> All { get; } =
    [
        Text("description", "Description", "Free text shown in the profile list", d => d.Profile.Description, (d, v) => d.Profile.Description = v),
        Text("server", "Server", "PPTP server host name or IP address", d => d.Profile.Pptp?.Server, (d, v) => d.Profile.Pptp!.Server = v, [ProfileKind.Pptp]),
        Text("interface", "Interface", "Ethernet interface facing the modem or ONT (e.g. eth0)", d => d.Profile.Pppoe?.Interface, (d, v) => d.Profile.Pppoe!.Interface = v, [ProfileKind.Pppoe]),
        Text("service", "Service name", "PPPoE service name, if the ISP requires one", d => d.Profile.Pppoe?.ServiceName, (d, v) => d.Profile.Pppoe!.ServiceName = v, [ProfileKind.Pppoe]),
        Text("ac", "Access concentrator", "PPPoE access concentrator name, if several answer", d => d.Profile.Pppoe?.AccessConcentrator, (d, v) => d.Profile.Pppoe!.AccessConcentrator = v, [ProfileKind.Pppoe]),
        Text("device", "Device", "Serial device of the modem (e.g. /dev/ttyUSB2)", d => d.Profile.Modem?.Device, (d, v) => d.Profile.Modem!.Device = v, [ProfileKind.Modem]),
        Number("speed", "Speed", "Serial speed in bit/s (115200 for most modems)", d => d.Profile.Modem?.Speed, (d, v) => d.Profile.Modem!.Speed = v, [ProfileKind.Modem]),
        Text("apn", "APN", "Access point name from the mobile operator (e.g. internet)", d => d.Profile.Modem?.Apn, (d, v) => d.Profile.Modem!.Apn = v, [ProfileKind.Modem]),
        Text("number", "Number", "Number to dial (*99# for cellular data)", d => d.Profile.Modem?.Number, (d, v) => d.Profile.Modem!.Number = v, [ProfileKind.Modem]),
        new("pin", "SIM PIN", "Written only into the chat script (mode 0600); leave empty if the SIM has none", FieldType.Secret,
            d => d.Secrets.Pin, (d, v) => { d.Secrets.Pin = Empty(v); return null; }, null, [ProfileKind.Modem]),
        Text("user", "User", "User name for authentication (the secrets record's client)", d => d.Profile.Ppp.User, (d, v) => d.Profile.Ppp.User = v),
        new("password", "Password", "Stored only in chap-secrets/pap-secrets (mode 0600), never in the profile", FieldType.Secret,
            d => d.Secrets.Password, (d, v) => { d.Secrets.Password = v is null or "" ? null : v; return null; }),
        Text("remotename", "Remote name", "Server name in the secrets record (PPTP: the tunnel name)", d => d.Profile.Ppp.RemoteName, (d, v) => d.Profile.Ppp.RemoteName = v),
        Choice("mppe", "Encryption (MPPE)", "MPPE requirement; PPTP servers normally want required-128",
            ProfileToml.MppeNames.Select(p => p.Key).ToList(),
            d => ProfileToml.MppeNames.First(p => p.Value == d.Profile.Ppp.Mppe).Key,
            (d, v) => d.Profile.Ppp.Mppe = ProfileToml.MppeNames.First(p => p.Key == v).Value),
        Number("mtu", "MTU", "Largest packet sent (128-16384; PPTP often 1400-1416, PPPoE 1492)", d => d.Profile.Ppp.Mtu, (d, v) => d.Profile.Ppp.Mtu = v),
        Number("mru", "MRU", "Largest packet accepted (128-16384)", d => d.Profile.Ppp.Mru, (d, v) => d.Profile.Ppp.Mru = v),
        Choice("default-route", "Default route", "add: only if none exists; replace: take it over and restore on down",
            ProfileToml.RouteNames.Select(p => p.Key).ToList(),
            d => ProfileToml.RouteNames.First(p => p.Value == d.Profile.Ppp.DefaultRoute).Key,
            (d, v) => d.Profile.Ppp.DefaultRoute = ProfileToml.RouteNames.First(p => p.Key == v).Value),
        Flag("usepeerdns", "Use peer DNS", "Ask the server for DNS servers", d => d.Profile.Ppp.UsePeerDns, (d, v) => d.Profile.Ppp.UsePeerDns = v),
        Flag("persist", "Keep up (persist)", "Redial when the link drops", d => d.Profile.Ppp.Persist, (d, v) => d.Profile.Ppp.Persist = v),
        Number("holdoff", "Holdoff", "Seconds to wait before redialling", d => d.Profile.Ppp.Holdoff, (d, v) => d.Profile.Ppp.Holdoff = v),
        Number("maxfail", "Max failures", "Give up after this many failed attempts (0 = never)", d => d.Profile.Ppp.MaxFail, (d, v) => d.Profile.Ppp.MaxFail = v),
        Number("lcp-echo-interval", "LCP echo interval", "Seconds between keep-alive echoes", d => d.Profile.Ppp.LcpEchoInterval, (d, v) => d.Profile.Ppp.LcpEchoInterval = v),
        Number("lcp-echo-failure", "LCP echo failures", "Unanswered echoes before the link is declared dead", d => d.Profile.Ppp.LcpEchoFailure, (d, v) => d.Profile.Ppp.LcpEchoFailure = v),
        Flag("noauth", "Don't authenticate server", "noauth: do not require the server to authenticate itself", d => d.Profile.Ppp.NoAuth, (d, v) => d.Profile.Ppp.NoAuth = v),
        List("routes", "Routes", "Networks to route through the link, comma separated (e.g. 10.0.0.0/8)", d => d.Profile.Ppp.Routes, (d, v) => d.Profile.Ppp.Routes = v),
        List("pptp-args", "pptp arguments", "Extra pptp arguments, comma separated (e.g. --loglevel,0)", d => d.Profile.Pptp?.PptpArguments ?? [], (d, v) => d.Profile.Pptp!.PptpArguments = v, [ProfileKind.Pptp]),
    ];

    public static ProfileField? Find(string key) => All.FirstOrDefault(f => f.Key == key);

    public static IEnumerable<ProfileField> For(ProfileKind kind) => All.Where(f => f.AppliesTo(kind));

    private static string? Empty(string? v) => string.IsNullOrEmpty(v) ? null : v;

    private static ProfileField Text(string key, string label, string help, Func<ProfileDraft, string?> get, Action<ProfileDraft, string?> set, IReadOnlyList<ProfileKind>? kinds = null) =>
        new(key, label, help, FieldType.Text, get, (d, v) => { set(d, Empty(v?.Trim())); return null; }, null, kinds);

    private static ProfileField Number(string key, string label, string help, Func<ProfileDraft, int?> get, Action<ProfileDraft, int?> set, IReadOnlyList<ProfileKind>? kinds = null) =>
        new(key, label, help, FieldType.Number, d => get(d)?.ToString(CultureInfo.InvariantCulture), (d, v) =>
        {
            if (string.IsNullOrWhiteSpace(v)) { set(d, null); return null; }
            if (!int.TryParse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return $"'{v}' is not a whole number";
            set(d, n);
            return null;
        }, null, kinds);

    private static ProfileField Flag(string key, string label, string help, Func<ProfileDraft, bool> get, Action<ProfileDraft, bool> set) =>
        new(key, label, help, FieldType.Flag, d => get(d) ? "yes" : "no", (d, v) =>
        {
            switch (v?.Trim().ToLowerInvariant())
            {
                case "yes" or "true" or "on" or "1": set(d, true); return null;
                case "no" or "false" or "off" or "0" or "" or null: set(d, false); return null;
                default: return $"'{v}' is not yes or no";
            }
        }, Bools);

    private static ProfileField Choice(string key, string label, string help, IReadOnlyList<string> choices, Func<ProfileDraft, string> get, Action<ProfileDraft, string> set) =>
        new(key, label, help, FieldType.Choice, get, (d, v) =>
        {
            var value = v?.Trim() ?? "";
            if (!choices.Contains(value)) return $"'{v}' is not one of {string.Join(", ", choices)}";
            set(d, value);
            return null;
        }, choices);

    private static ProfileField List(string key, string label, string help, Func<ProfileDraft, List<string>> get, Action<ProfileDraft, List<string>> set, IReadOnlyList<ProfileKind>? kinds = null) =>
        new(key, label, help, FieldType.List, d => string.Join(",", get(d)), (d, v) =>
        {
            set(d, (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList());
            return null;
        }, null, kinds);
}
