using System.CommandLine;

namespace PppTui.Cli;

/// <summary>
/// <c>ppptui probe NAME [--apply]</c>: the largest packet that passes the up link end to end, the
/// MTU, MRU and MSS clamp it calls for, and (with --apply) the MTU written into the profile.
/// </summary>
public static class ProbeVerbs
{
    public static Command Probe(CliApp app, Func<CliContext, LinkManager> managerFor)
    {
        var name = new Argument<string>("NAME") { Description = Msg.T("The up link to measure") };
        var apply = new Option<bool>("--apply") { Description = Msg.T("Write the recommended MTU and MRU into the profile and its peers file") };
        var command = new Command("probe",
            Msg.T("Find the largest packet that passes an up link end to end (ICMP echo, DF set), compare it with the link's MTU, recommend MTU/MRU and an MSS clamp"))
            { name, apply };
        command.SetGuardedAction(app, async (parse, ctx, cancellationToken) =>
        {
            var link = parse.GetValue(name)!;
            ctx.RequireLiveSystem("probe");
            if (!ctx.Json) ctx.Out.WriteLine(Msg.F("{0}: sending echoes with DF set to the peer…", link));
            var result = await managerFor(ctx).ProbeAsync(link, cancellationToken: cancellationToken);
            if (parse.GetValue(apply) && result.ProfileMtu is { } mtu)
            {
                PathMtuProfile.Write(new ProfileService(ctx.Paths), link, mtu);
                result = result with { Applied = true };
            }
            if (ctx.Json) ctx.Out.WriteLine(ProfileJson.Write(Json(result)));
            else Write(ctx.Out, result, parse.GetValue(apply));
            return result switch
            {
                { LargestPassing: null } => ExitCodes.Failure,
                { MtuFits: true } or { Applied: true } => ExitCodes.Ok,
                _ => ExitCodes.CheckFailed,
            };
        }, LinkVerbs.Guard);
        return command;
    }

    private static JsonObject Json(PathMtuResult r) => new()
    {
        ["name"] = r.Name,
        ["interface"] = r.Interface,
        ["target"] = r.Target,
        ["linkMtu"] = r.LinkMtu,
        ["largestPassing"] = r.LargestPassing,
        ["mtuFits"] = r.MtuFits,
        ["verdict"] = r.Verdict,
        ["recommendedMtu"] = r.RecommendedMtu,
        ["profileMtu"] = r.ProfileMtu,
        ["recommendedMss"] = r.RecommendedMss,
        ["nftRule"] = r.NftRule,
        ["iptablesRule"] = r.IptablesRule,
        ["applied"] = r.Applied,
        ["tries"] = new JsonArray(r.Tries.Select(t => (JsonNode?)new JsonObject { ["size"] = t.Size, ["passed"] = t.Passed }).ToArray()),
    };

    private static void Write(TextWriter w, PathMtuResult r, bool applyAsked)
    {
        w.WriteLine(Msg.F("{0} on {1}: link mtu {2}; {3} echoes sent", r.Name, r.Interface, r.LinkMtu, r.Tries.Count));
        w.WriteLine("  " + r.Verdict);
        if (r.RecommendedMtu is not { } mtu) return;
        w.WriteLine(Msg.F("  set mtu {0} and mru {0} in the profile (the interface then gets {1}); clamp TCP MSS to {2} for the hosts routed through it:",
            r.ProfileMtu!, mtu, r.RecommendedMss!));
        w.WriteLine("    " + r.NftRule);
        w.WriteLine("    " + r.IptablesRule);
        if (r.Applied) w.WriteLine(Msg.F("  wrote mtu {0} and mru {0} into {1}: reconnect the link for it to take effect", r.ProfileMtu!, r.Name));
        else if (!applyAsked) w.WriteLine(Msg.F("  to write it into the profile: ppptui probe {0} --apply (or ppptui set {0} --mtu {1} --mru {1})", r.Name, r.ProfileMtu!));
    }
}
