namespace PppTui.Core.Profiles;

/// <summary>
/// Field-level validation. The editor shows each message beside its field and enables Apply only
/// while the list is empty; the CLI prints them and refuses to save.
/// </summary>
public static class ProfileValidator
{
    public static IReadOnlyList<FieldError> Validate(Profile profile, ProfileSecrets? secrets = null)
    {
        var errors = new List<FieldError>();
        void Check(string field, string? message)
        {
            if (message is not null) errors.Add(new FieldError(field, message));
        }

        Check("name", ValueRules.CheckProfileName(profile.Name));
        var ppp = profile.Ppp;
        Check("user", ValueRules.CheckSecretWord(ppp.User, "the user name"));
        Check("remotename", ValueRules.CheckSecretWord(ppp.RemoteName, "the remote name"));
        Check("linkname", ppp.LinkName is null ? null : ValueRules.CheckProfileName(ppp.LinkName));
        Check("ipparam", ValueRules.CheckSecretWord(ppp.IpParam, "ipparam"));
        Check("mtu", ValueRules.CheckRange(ppp.Mtu, 128, 16384));
        Check("mru", ValueRules.CheckRange(ppp.Mru, 128, 16384));
        Check("lcp-echo-interval", ValueRules.CheckRange(ppp.LcpEchoInterval, 0, 3600));
        Check("lcp-echo-failure", ValueRules.CheckRange(ppp.LcpEchoFailure, 0, 1000));
        Check("holdoff", ValueRules.CheckRange(ppp.Holdoff, 0, 86400));
        Check("maxfail", ValueRules.CheckRange(ppp.MaxFail, 0, 100000));
        if (ppp.UserKeyword is not ("name" or "user")) Check("user", "the keyword must be 'name' or 'user'");
        foreach (var route in ppp.Routes) Check("routes", ValueRules.CheckRoute(route));
        Check("description", ValueRules.CheckPlainText(profile.Description, "the description"));
        foreach (var line in profile.ExtraOptions) Check("extra", ValueRules.CheckOptionLine(line) ?? CheckExtraOptions(profile, line));
        if (ppp.Mppe is MppeMode.Required or MppeMode.Required128 or MppeMode.Required40 && ppp.RefuseMsChapV2 && ppp.RefuseMsChap)
            Check("mppe", "MPPE needs MS-CHAP or MS-CHAPv2 for its keys: allow MS-CHAPv2, or turn MPPE off");
        if (secrets is not null)
        {
            Check("password", ValueRules.CheckPassword(secrets.Password));
            Check("pin", ValueRules.CheckPin(secrets.Pin));
        }

        switch (profile.Kind)
        {
            case ProfileKind.Pptp when profile.Pptp is { } pptp:
                Check("server", ValueRules.CheckHost(pptp.Server));
                foreach (var argument in pptp.PptpArguments) Check("pptp-args", ValueRules.CheckShellSafeArgument(argument));
                if (string.IsNullOrEmpty(ppp.User)) Check("user", "a user name is required for a VPN");
                break;
            case ProfileKind.Pppoe when profile.Pppoe is { } pppoe:
                Check("interface", ValueRules.CheckInterface(pppoe.Interface));
                Check("service", ValueRules.CheckSecretWord(pppoe.ServiceName, "the service name"));
                Check("ac", ValueRules.CheckSecretWord(pppoe.AccessConcentrator, "the access concentrator name"));
                if (pppoe.Plugin is not ("rp-pppoe.so" or "pppoe.so"))
                    Check("plugin", "the PPPoE plugin is rp-pppoe.so (or pppoe.so on newer pppd)");
                break;
            case ProfileKind.Modem when profile.Modem is { } modem:
                Check("device", ValueRules.CheckDevice(modem.Device));
                Check("speed", ValueRules.CheckSpeed(modem.Speed));
                if (modem.ConnectCommand is { } connect)
                {
                    Check("connect", PppConfig.PppQuoting.Check(connect) is { } problem ? "the connect command " + problem : null);
                    // Unused while the connect command is kept, but still saved in the profile file.
                    Check("apn", ValueRules.CheckPlainText(modem.Apn, "the APN"));
                    Check("number", ValueRules.CheckPlainText(modem.Number, "the number"));
                    Check("chat-script", ValueRules.CheckPlainText(modem.ChatScript, "the chat script path"));
                }
                else
                {
                    Check("apn", ValueRules.CheckApn(modem.Apn));
                    Check("number", ValueRules.CheckDialNumber(modem.Number));
                    Check("chat-script", ValueRules.CheckSafePath(modem.ChatScript));
                }
                break;
        }
        return errors;
    }

    /// <summary>
    /// An extra line must add options of its own: complete (an option that takes a value has it on
    /// the line) and not one the profile's fields write, since the two would fight over the file
    /// on every apply.
    /// </summary>
    // The options each kind writes from its fields, whatever their value (a kind's Models() only
    // claims a pty or plugin line once it is its own, e.g. a pty running pptp).
    private static readonly Dictionary<ProfileKind, string[]> KindOwnedOptions = new()
    {
        [ProfileKind.Pptp] = ["pty"],
        [ProfileKind.Pppoe] = ["plugin", "pppoe-service", "rp_pppoe_service", "pppoe-ac", "rp_pppoe_ac"],
        [ProfileKind.Modem] = ["connect"],
    };

    private static string? CheckExtraOptions(Profile profile, string line)
    {
        var options = PppConfig.OptionFile.Parse(line);
        var kind = Kinds.KindRegistry.Get(profile.Kind);
        foreach (var entry in Kinds.ProfileRenderer.ExtraLineEntries(line, options))
        {
            if (entry.Name.Length == 0) return "an empty word ('' or \"\") is not an option";
            if (PppConfig.PppOptionTable.TakesArgument(entry.Name) && entry.Argument is null)
                return $"'{entry.Name}' needs a value on the same line (e.g. '{entry.Name} VALUE')";
            if (entry.Name == "password")
                return "'password' would put the password in the peers file, where ps shows it: set it with --password-stdin (it goes to chap-secrets)";
            if (Kinds.SharedPppOptions.Models(entry.Name) || kind.Models(entry, options) ||
                KindOwnedOptions.TryGetValue(profile.Kind, out var owned) && owned.Contains(entry.Name))
                return $"'{entry.Name}' is set by the profile's own fields; change it there instead of adding a line";
        }
        return null;
    }
}
