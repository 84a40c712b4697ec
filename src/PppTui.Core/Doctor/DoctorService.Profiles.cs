namespace PppTui.Core.Doctor;

/// <summary>The doctor's checks of each profile: option conflicts, secrets record, default route, the server port.</summary>
public sealed partial class DoctorService
{
    private IEnumerable<DoctorCheck> ProfileChecks(Target target, DnsState dns, IReadOnlyList<DefaultRoute>? routes, string? routeError)
    {
        var name = target.Name;
        if (target.Options is null)
        {
            yield return DoctorCheck.Fail("profile.peers", Msg.T("peers file"), target.OptionsError ?? Msg.F("/etc/ppp/peers/{0} cannot be read", name),
                target.OptionsFix ?? Msg.F("Write it with 'ppptui apply {0}'.", name)) with { Profile = name };
            yield break;
        }
        yield return DoctorCheck.Ok("profile.peers", Msg.T("peers file"), Msg.F("/etc/ppp/peers/{0}: {1} options in effect or overridden", name, target.Options.Count)) with { Profile = name };
        if (target.Profile is { } profile) yield return SecretRecordCheck(profile);
        if (target.Profile is { } weak && KindRegistry.Get(weak.Kind).Caution is { } caution && CautionsWanted())
            yield return DoctorCheck.Warn("profile.kind", Msg.T("connection kind"), caution, Msg.T("MS-CHAPv2 falls to one offline DES search of a captured handshake, whatever the password. Move to L2TP/IPsec (ppptui new NAME --kind l2tp); kind_cautions = false in ppptui.toml hides this.")) with { Profile = name };
        yield return OptionRules.Auth(name, target.Options);
        yield return OptionRules.MppeAuth(name, target.Options);
        yield return OptionRules.DefaultRouteRule(name, target.Options, routes, routeError);
        yield return OptionRules.PeerDns(name, target.Options, dns);
        if (_systemd != SystemdPresence.Absent)
        {
            var manager = new ServiceManager(_paths, _runner, _systemd);
            yield return manager.IsEnabled(name)
                ? DoctorCheck.Ok("service.unit", Msg.T("kept up by systemd"), Msg.F("{0} is enabled", SystemdUnits.InstanceName(name))) with { Profile = name }
                : DoctorCheck.Skip("service.unit", Msg.T("kept up by systemd"), Msg.F("not a service (ppptui service enable {0} makes it one)", name)) with { Profile = name };
        }
    }

    // The root's ppptui.toml decides (the doctor runs as root); unreadable or absent: say it.
    private bool CautionsWanted() => new Settings.AppSettingsStore(_paths.AppConfigFile).Load().Settings.KindCautions;

    private DoctorCheck SecretRecordCheck(Profile profile)
    {
        const string id = "profile.secret";
        var title = Msg.T("password record");
        if (profile.SecretsClient is not { } user)
            return DoctorCheck.Skip(id, title, Msg.T("the profile has no user name")) with { Profile = profile.Name };
        foreach (var (system, full) in _paths.SecretsFiles)
        {
            string? text;
            try { text = TextFile.ReadOrNull(full); }
            catch (PppTuiException ex)
            {
                return DoctorCheck.Warn(id, title, ex.Message, ex.Fix) with { Profile = profile.Name };
            }
            if (text is not null && SecretsFile.Parse(text).BestMatch(user, profile.SecretsServer) is { } record)
                return DoctorCheck.Ok(id, title, Msg.F("a record for {0} / {1} is at {2}:{3}", user, profile.SecretsServer, system, record.Line))
                    with { Evidence = $"{system}:{record.Line}", Profile = profile.Name };
        }
        return DoctorCheck.Fail(id, title,
            Msg.F("no chap-secrets or pap-secrets record matches user {0} and server {1}: pppd stops with \"No CHAP secret found for authenticating us to {1}\".", user, profile.SecretsServer),
            $"printf '%s\\n' \"$PASSWORD\" | ppptui set {profile.Name} --password-stdin") with { Profile = profile.Name };
    }

    private async Task<(IReadOnlyList<DefaultRoute>?, string?)> ReadDefaultRoutes(CancellationToken cancellationToken)
    {
        var spec = new CommandSpec("ip", ["-j", "route", "show", "default"]) { Timeout = TimeSpan.FromSeconds(10) };
        var result = await _runner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded) return (null, $"'{spec}' exited {result.ExitCode}: {result.StandardError.Trim()}");
        try
        {
            return (ParseRoutes(result.StandardOutput), null);
        }
        catch (JsonException ex)
        {
            return (null, $"'{spec}' printed no JSON ({ex.Message})");
        }
    }

    /// <summary>Reads <c>ip -j route show default</c>.</summary>
    public static IReadOnlyList<DefaultRoute> ParseRoutes(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        using var doc = JsonDocument.Parse(json);
        var routes = new List<DefaultRoute>();
        foreach (var route in doc.RootElement.EnumerateArray())
        {
            string? Get(string key) => route.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            routes.Add(new DefaultRoute(Get("gateway"), Get("dev")));
        }
        return routes;
    }

    private async Task<DoctorCheck> Probe(Target target, DoctorRequest request, CancellationToken cancellationToken)
    {
        const string id = "probe.pptp";
        var title = Msg.T("PPTP server answers on TCP");
        var server = target.Profile is { } profile ? KindRegistry.Get(profile.Kind).ProbeHost(profile) : null;
        if (server is null)
            return DoctorCheck.Skip(id, title, Msg.T("not a PPTP profile")) with { Profile = target.Name };
        var result = await _probe.ConnectAsync(server, request.ProbePort, request.ProbeTimeout, cancellationToken).ConfigureAwait(false);
        return (result.Connected
            ? DoctorCheck.Ok(id, title, result.Detail)
            : DoctorCheck.Fail(id, title, Msg.F("{0}. pptp cannot open its control connection (\"Could not open control connection\").", result.Detail),
                Msg.F("Check the server address (ppptui show {0}), that the server runs, and that TCP {1} and GRE (IP protocol 47) are allowed on the way.", target.Name, request.ProbePort)))
            with { Profile = target.Name, Evidence = $"TCP {server}:{request.ProbePort}" };
    }
}
